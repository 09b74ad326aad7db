package org.mediwox.deploy.monitoring;

import java.util.List;
import org.mediwox.deploy.nag.Waiver;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.constructs.Construct;

/**
 * The bucket for the load balancer's access logs and the documents bucket's server access logs. Encrypted with
 * SSE-S3, not a KMS key: neither Elastic Load Balancing nor S3 server access logging can deliver into an SSE-KMS
 * bucket. Private, TLS only, versioned, logs kept for a year.
 */
public final class LogBucket extends Construct {

    private final Bucket bucket;

    public LogBucket(Construct scope, String id) {
        super(scope, id);
        this.bucket = Bucket.Builder.create(this, "Bucket")
                .encryption(BucketEncryption.S3_MANAGED)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .enforceSsl(true)
                .versioned(true)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_PREFERRED)
                .lifecycleRules(List.of(LifecycleRule.builder()
                        .expiration(Duration.days(365))
                        .noncurrentVersionExpiration(Duration.days(30))
                        .build()))
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        Waiver.apply(this, Waiver.LOG_BUCKET_SSE_S3, Waiver.BUCKET_NO_REPLICATION);
    }

    public Bucket bucket() {
        return bucket;
    }
}

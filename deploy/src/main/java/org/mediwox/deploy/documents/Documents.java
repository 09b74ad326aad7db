package org.mediwox.deploy.documents;

import java.util.List;
import org.mediwox.deploy.DeploySettings;
import org.mediwox.deploy.nag.Waiver;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectLockRetention;
import software.constructs.Construct;

/**
 * Where the server keeps document content ({@code MEDIWOX_DOCUMENTS_STORE=s3}): SSE-KMS with the documents key and an
 * S3 Bucket Key (fewer KMS calls), Block Public Access, TLS required ({@code aws:SecureTransport}), versioning, server
 * access logs to the log bucket, and either Object Lock in governance mode (every version kept N days, a clinic's
 * records-retention duty) or a lifecycle rule that removes replaced and deleted versions after N days.
 */
public final class Documents extends Construct {

    /** The key prefix the server writes under ({@code MEDIWOX_DOCUMENTS_KEY_PREFIX}), and the task role's scope. */
    public static final String PREFIX = "documents/";

    private final Bucket bucket;

    public Documents(Construct scope, String id, DeploySettings settings, IKey key, IBucket logBucket) {
        super(scope, id);
        boolean objectLock = settings.objectLockDays() > 0;
        Bucket.Builder builder = Bucket.Builder.create(this, "Bucket")
                .encryption(BucketEncryption.KMS)
                .encryptionKey(key)
                .bucketKeyEnabled(true)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .enforceSsl(true)
                .versioned(true)
                .serverAccessLogsBucket(logBucket)
                .serverAccessLogsPrefix("documents-bucket/")
                .removalPolicy(RemovalPolicy.RETAIN);
        if (objectLock) {
            builder.objectLockEnabled(true)
                    .objectLockDefaultRetention(
                            ObjectLockRetention.governance(Duration.days(settings.objectLockDays())))
                    .lifecycleRules(List.of(abortIncompleteUploads()));
        } else {
            builder.lifecycleRules(List.of(
                    abortIncompleteUploads(),
                    LifecycleRule.builder()
                            .id("noncurrent-versions")
                            .noncurrentVersionExpiration(Duration.days(settings.noncurrentVersionDays()))
                            .expiredObjectDeleteMarker(true)
                            .build()));
        }
        this.bucket = builder.build();
        Waiver.apply(this, Waiver.BUCKET_NO_REPLICATION);
    }

    private static LifecycleRule abortIncompleteUploads() {
        return LifecycleRule.builder()
                .id("incomplete-uploads")
                .abortIncompleteMultipartUploadAfter(Duration.days(7))
                .build();
    }

    public Bucket bucket() {
        return bucket;
    }
}

package org.mediwox.server.documents;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Where document content (Binary data, large attachments) is kept, bound from {@code mediwox.documents.*}. The AWS
 * region, credentials and endpoint come from the AWS SDK's own configuration ({@code AWS_REGION}, the credentials
 * chain, {@code AWS_ENDPOINT_URL_S3}).
 *
 * @param store {@code filesystem} (under {@code MEDIWOX_DATA_DIR/documents}) or {@code s3}
 * @param bucket the S3 bucket (required with {@code s3})
 * @param keyPrefix prefix of every object key (keys are random; they carry no patient data)
 * @param kmsKeyId KMS key for SSE-KMS; empty means SSE-S3 (AES256)
 * @param pathStyleAccess path-style S3 URLs (S3-compatible stores and emulators)
 * @param maxSize largest document accepted; larger ones get 413
 * @param inlineMaxSize attachments up to this size stay inside their resource; larger ones and all Binary content go
 *     to the store
 * @param allowedContentTypes accepted content types ({@code image/*} style wildcards allowed; SVG is not in the default
 *     list: it can carry script); others get 415
 * @param orphanGracePeriod age after which stored content no resource owns is removed by the sweeper
 * @param sweepInterval how often the sweeper looks for such content
 */
@ConfigurationProperties("mediwox.documents")
record DocumentProperties(
        @DefaultValue("filesystem") Store store,
        @DefaultValue("") String bucket,
        @DefaultValue("documents/") String keyPrefix,
        @DefaultValue("") String kmsKeyId,
        @DefaultValue("false") boolean pathStyleAccess,
        @DefaultValue("10MB") DataSize maxSize,
        @DefaultValue("64KB") DataSize inlineMaxSize,

        @DefaultValue({
            "application/pdf",
            "image/jpeg",
            "image/png",
            "image/gif",
            "image/webp",
            "image/tiff",
            "image/heic",
            "image/heif",
            "text/plain",
            "application/fhir+json"
        })
        List<String> allowedContentTypes,

        @DefaultValue("1h") Duration orphanGracePeriod,
        @DefaultValue("15m") Duration sweepInterval) {

    static final Duration MIN_GRACE_PERIOD = Duration.ofMinutes(5);

    /** Where content is stored. */
    public enum Store {
        FILESYSTEM,
        S3
    }

    public DocumentProperties {
        allowedContentTypes = allowedContentTypes.stream()
                .map(t -> t.trim().toLowerCase(Locale.ROOT))
                .toList();
        if (store == Store.S3 && bucket.isBlank()) {
            throw new IllegalArgumentException(
                    "mediwox.documents.store=s3 needs a bucket: set MEDIWOX_DOCUMENTS_BUCKET");
        }
        if (maxSize.toBytes() <= 0 || inlineMaxSize.toBytes() < 0) {
            throw new IllegalArgumentException("mediwox.documents.max-size must be positive");
        }
        if (orphanGracePeriod.compareTo(MIN_GRACE_PERIOD) < 0) {
            throw new IllegalArgumentException("mediwox.documents.orphan-grace-period must be at least "
                    + MIN_GRACE_PERIOD + " (content of transactions still running must not be swept), got "
                    + orphanGracePeriod);
        }
        if (!keyPrefix.isEmpty() && !keyPrefix.endsWith("/")) {
            keyPrefix = keyPrefix + "/";
        }
    }
}

package org.mediwox.server.documents;

import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import java.time.Instant;
import java.util.function.Consumer;
import org.mediwox.server.fhir.ServiceUnavailableException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * Objects in one Amazon S3 bucket under a key prefix, each written with server-side encryption: SSE-KMS with the
 * configured key, SSE-S3 (AES256) without one. A store that cannot be reached answers 503.
 */
final class S3ObjectStore implements ObjectStore {

    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final String kmsKeyId;

    S3ObjectStore(S3Client s3, String bucket, String prefix, String kmsKeyId) {
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix;
        this.kmsKeyId = kmsKeyId;
    }

    @Override
    public void put(String key, byte[] content, String contentType) {
        PutObjectRequest.Builder request = PutObjectRequest.builder()
                .bucket(bucket)
                .key(prefix + key)
                .contentType(contentType)
                .contentLength((long) content.length);
        if (kmsKeyId.isBlank()) {
            request.serverSideEncryption(ServerSideEncryption.AES256);
        } else {
            request.serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(kmsKeyId);
        }
        try {
            s3.putObject(request.build(), RequestBody.fromBytes(content));
        } catch (SdkException e) {
            throw unavailable("store", e);
        }
    }

    @Override
    public byte[] get(String key) {
        try {
            return s3.getObjectAsBytes(b -> b.bucket(bucket).key(prefix + key)).asByteArray();
        } catch (NoSuchKeyException e) {
            return null;
        } catch (SdkException e) {
            throw unavailable("read", e);
        }
    }

    @Override
    public void delete(String key) {
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(prefix + key));
        } catch (SdkException e) {
            throw unavailable("delete", e);
        }
    }

    @Override
    public void forEachOlderThan(Instant cutoff, Consumer<String> action) {
        try {
            for (S3Object object : s3.listObjectsV2Paginator(
                            b -> b.bucket(bucket).prefix(prefix))
                    .contents()) {
                if (object.lastModified().isBefore(cutoff)) {
                    action.accept(object.key().substring(prefix.length()));
                }
            }
        } catch (SdkException e) {
            throw unavailable("list", e);
        }
    }

    @Override
    public String describe() {
        return "s3://" + bucket + "/" + prefix + (kmsKeyId.isBlank() ? " (SSE-S3)" : " (SSE-KMS " + kmsKeyId + ")");
    }

    /**
     * S3 unreachable or failing (network errors, 5xx) is 503: a retry may succeed. S3 refusing the request (4xx: no such
     * bucket, access denied, unknown KMS key) is a configuration fault: 500, logged with an incident id.
     */
    private RuntimeException unavailable(String what, SdkException cause) {
        if (cause instanceof S3Exception refused && refused.statusCode() < 500) {
            return new InternalErrorException(
                    "S3 refused to " + what + " content in " + describe() + ": " + refused.getMessage(), refused);
        }
        return new ServiceUnavailableException(
                "The document store is unavailable (could not " + what + " content); nothing was changed. Retry later.",
                cause);
    }
}

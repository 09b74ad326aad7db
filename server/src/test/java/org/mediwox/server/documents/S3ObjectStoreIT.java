package org.mediwox.server.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mediwox.server.fhir.ServiceUnavailableException;
import org.mediwox.server.support.S3Mock;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * The S3 store on its own against Adobe S3Mock: SSE-S3 when no KMS key is configured, the prefix, listing, and how S3
 * failures map to HTTP answers (unreachable: 503; refused: 500). The SSE-KMS path runs in {@link DocumentsIT}.
 */
class S3ObjectStoreIT {

    private final S3Mock mock = S3Mock.shared();
    private final S3Client direct = mock.client();
    private final S3Client throughGate = S3Client.builder()
            .endpointOverride(URI.create(mock.endpoint()))
            .region(Region.of(S3Mock.REGION))
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
            .forcePathStyle(true)
            .build();
    private final String prefix = "store-it-" + UUID.randomUUID() + "/";

    @AfterEach
    void reopen() {
        mock.gate().open();
    }

    @Test
    void withoutAKmsKey_objectsAreWrittenWithSseS3_underThePrefix() {
        S3ObjectStore store = new S3ObjectStore(throughGate, S3Mock.BUCKET, prefix, "");
        byte[] content = "lab report".getBytes(StandardCharsets.UTF_8);

        store.put("abc123", content, "text/plain");

        var head = direct.headObject(b -> b.bucket(S3Mock.BUCKET).key(prefix + "abc123"));
        assertThat(head.serverSideEncryption()).isEqualTo(ServerSideEncryption.AES256);
        assertThat(head.contentType()).isEqualTo("text/plain");
        assertThat(store.get("abc123")).isEqualTo(content);
        assertThat(store.get("missing")).isNull();

        List<String> listed = new ArrayList<>();
        store.forEachOlderThan(Instant.now().plusSeconds(60), listed::add);
        assertThat(listed).containsExactly("abc123");

        store.delete("abc123");
        assertThat(store.get("abc123")).isNull();
    }

    @Test
    void unreachableS3_is503_forEveryOperation() {
        S3ObjectStore store = new S3ObjectStore(throughGate, S3Mock.BUCKET, prefix, "");
        mock.gate().shut();

        assertThatThrownBy(() -> store.put("abc", new byte[] {1}, "text/plain"))
                .isInstanceOf(ServiceUnavailableException.class)
                .hasMessageContaining("document store is unavailable");
        assertThatThrownBy(() -> store.get("abc")).isInstanceOf(ServiceUnavailableException.class);
        assertThatThrownBy(() -> store.delete("abc")).isInstanceOf(ServiceUnavailableException.class);
    }

    @Test
    void s3RefusingTheRequest_isAConfigurationFault_500_notARetryLater() {
        S3ObjectStore store = new S3ObjectStore(throughGate, "no-such-bucket-" + UUID.randomUUID(), prefix, "");

        assertThatThrownBy(() -> store.put("abc", new byte[] {1}, "text/plain"))
                .isInstanceOf(InternalErrorException.class)
                .hasMessageContaining("S3 refused to store content");
    }
}

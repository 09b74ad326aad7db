package org.mediwox.server.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Adobe S3Mock (a real server of the S3 REST API), started once per test run as its own process from the jar the build
 * copies to {@code target/s3mock}. The server under test reaches it through a {@link TcpGate}, so a test can make S3
 * unreachable; tests read the bucket back directly.
 */
public final class S3Mock {

    public static final String BUCKET = "mediwox-documents";
    public static final String REGION = "us-east-1";
    /** S3Mock accepts SSE-KMS only with the bare id of a key whose ARN it was told is valid. */
    public static final String KMS_KEY_ID = "mediwox-test-key";

    private static final String KMS_KEY_ARN = "arn:aws:kms:us-east-1:111122223333:key/" + KMS_KEY_ID;

    private static S3Mock shared;
    private static RuntimeException failure;

    private final int port;
    private final TcpGate gate;

    private S3Mock(int port) {
        this.port = port;
        this.gate = new TcpGate(port);
    }

    public static synchronized S3Mock shared() {
        if (failure != null) {
            throw failure; // tried once this run: do not start a process per test
        }
        if (shared == null) {
            try {
                shared = start();
            } catch (RuntimeException e) {
                failure = e;
                throw e;
            }
        }
        return shared;
    }

    private static S3Mock start() {
        Path jar = Path.of(System.getProperty("s3mock.jar", "target/s3mock/s3mock.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar.toAbsolutePath()
                    + " is missing: the build copies it in pre-integration-test (run the tests with mvn verify)");
        }
        int port = freePort();
        try {
            // the store lives in the build's target, not in /tmp (nothing of a test run outlives mvn clean)
            Path root = Files.createDirectories(jar.resolveSibling("store-" + UUID.randomUUID()));
            Path log = jar.resolveSibling("s3mock.log");
            Process process = new ProcessBuilder(List.of(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-Xmx256m",
                            "-jar",
                            jar.toAbsolutePath().toString(),
                            "--server.port=0",
                            "--com.adobe.testing.s3mock.httpPort=" + port,
                            "--com.adobe.testing.s3mock.store.initialBuckets=" + BUCKET,
                            "--com.adobe.testing.s3mock.store.validKmsKeys=" + KMS_KEY_ARN,
                            "--com.adobe.testing.s3mock.store.root=" + root,
                            "--spring.main.banner-mode=off"))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
            awaitReady(port, process, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new S3Mock(port);
    }

    private static void awaitReady(int port, Process process, Path log) {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("S3Mock exited; see " + log.toAbsolutePath());
            }
            try {
                HttpResponse<Void> response = http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/" + BUCKET))
                                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("S3Mock did not start within 90 s; see " + log.toAbsolutePath());
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The endpoint the server under test uses: through the gate. */
    public String endpoint() {
        return "http://127.0.0.1:" + gate.port();
    }

    public TcpGate gate() {
        return gate;
    }

    /** A client straight to S3Mock (not through the gate), for reading the bucket back. */
    public S3Client client() {
        return S3Client.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + port))
                .region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .forcePathStyle(true)
                .build();
    }
}

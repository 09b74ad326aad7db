package org.mediwox.server.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.ArrayList;
import java.util.List;

/**
 * aws-ses-v2-local (npm), a local server of the Amazon SES v2 API, started once per test run as a Node process from
 * {@code src/test/ses-local} (installed by {@code npm ci} in {@code pre-integration-test}). The server under test reaches
 * it through a {@link TcpGate}, so a test can make SES unreachable; tests read delivered email back from its store.
 */
public final class SesLocal {

    /** One email as SES received it; {@code raw} is its entry in {@code GET /store}. */
    public record Email(List<String> to, String from, String subject, String text, String html, JsonNode raw) {}

    private static SesLocal shared;
    private static RuntimeException failure;

    private final int port;
    private final TcpGate gate;
    private Process process;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    private SesLocal(int port) {
        this.port = port;
        this.gate = new TcpGate(port);
    }

    public static synchronized SesLocal shared() {
        if (failure != null) {
            throw failure;
        }
        if (shared == null) {
            try {
                shared = start("ses-local");
            } catch (RuntimeException e) {
                failure = e;
                throw e;
            }
        }
        return shared;
    }

    /**
     * An SES server of the caller's own (not the shared one, whose store other tests fill and clear), stopped with
     * {@link #stop()}.
     */
    public static SesLocal startOwn(String name) {
        return start(name);
    }

    /** Stops a server started with {@link #startOwn(String)}. */
    public void stop() {
        process.destroy();
    }

    private static SesLocal start(String name) {
        Path dir = Path.of(System.getProperty("ses-local.dir", "src/test/ses-local"));
        Path cli = dir.resolve("node_modules/aws-ses-v2-local/dist/cli.js");
        if (!Files.isRegularFile(cli)) {
            throw new IllegalStateException(cli.toAbsolutePath()
                    + " is missing: the build installs it with npm ci in pre-integration-test (run mvn verify)");
        }
        int port = freePort();
        try {
            Path log = Path.of("target", name + ".log");
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(
                            NodeScript.node(), cli.toString(), "--host", "127.0.0.1", "--port", String.valueOf(port))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
            SesLocal ses = new SesLocal(port);
            ses.process = process;
            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            while (Instant.now().isBefore(deadline)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("aws-ses-v2-local exited; see " + log.toAbsolutePath());
                }
                try {
                    ses.store();
                    return ses;
                } catch (UncheckedIOException e) {
                    Thread.sleep(200);
                }
            }
            throw new IllegalStateException("aws-ses-v2-local did not start within 60 s; see " + log.toAbsolutePath());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The endpoint the server under test uses: through the gate. */
    public String endpoint() {
        return "http://127.0.0.1:" + gate.port();
    }

    public TcpGate gate() {
        return gate;
    }

    /** Every email received so far. */
    public List<Email> emails() {
        List<Email> emails = new ArrayList<>();
        for (JsonNode email : store().path("emails")) {
            List<String> to = new ArrayList<>();
            email.path("destination").path("to").forEach(address -> to.add(address.asText()));
            emails.add(new Email(
                    to,
                    email.path("from").asText(),
                    email.path("subject").asText(),
                    email.path("body").path("text").asText(),
                    email.path("body").path("html").asText(),
                    email));
        }
        return emails;
    }

    /** The emails received for {@code address}, oldest first. */
    public List<Email> emailsTo(String address) {
        return emails().stream().filter(e -> e.to().contains(address)).toList();
    }

    /** Forgets every email received so far. */
    public void clear() {
        try {
            HttpResponse<Void> response = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/clear-store"))
                            .POST(HttpRequest.BodyPublishers.noBody())
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(
                        "aws-ses-v2-local answered " + response.statusCode() + " to clear-store");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private JsonNode store() {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/store"))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

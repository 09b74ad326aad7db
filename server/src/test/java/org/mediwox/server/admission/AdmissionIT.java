package org.mediwox.server.admission;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.mediwox.server.support.ServerProcess;
import org.mediwox.server.support.Tokens;

/**
 * Overload and a lost database as a client sees them, on the shipped jar with a tiny admission budget: two requests
 * run at once, one more may wait 5 s for a turn. Requests are held deterministically the way a slow client holds
 * them: headers sent, body not finished. Then the server's PostgreSQL is stopped under it and started again.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdmissionIT {

    private static final Duration MAX_WAIT = Duration.ofSeconds(5);
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private static ServerProcess server;
    private static String token;

    @BeforeAll
    static void serverWithATinyBudget() {
        server = new ServerProcess(
                Path.of(
                        "target",
                        "it-data",
                        "admission-" + UUID.randomUUID().toString().substring(0, 8)),
                Map.of());
        server.start(
                "--mediwox.demo=false",
                "--mediwox.auth.demo-client=true",
                "--mediwox.notification.transport=log",
                "--mediwox.notification.manage-url=https://clinic.example/app",
                "--mediwox.notification.clinic-phone=+14155550123",
                "--mediwox.admission.max-concurrent=2",
                "--mediwox.admission.max-queue=1",
                "--mediwox.admission.max-wait=" + MAX_WAIT.toSeconds() + "s",
                "--mediwox.admission.retry-after=3s");
        token = Tokens.demoClient(server.root(), "system/*.cruds");
        // HAPI builds the CapabilityStatement on its first request (seconds on a loaded machine) and caches it: the
        // test measures the cached answer under overload, not that first build
        assertThat(get("/fhir/metadata").statusCode()).isEqualTo(200);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        server.stop();
    }

    @Test
    @Order(1)
    void beyondTheBudget_requestsAreRefusedWith503AndRetryAfter_whileHealthAndMetadataAnswer() throws Exception {
        try (SlowCreate first = SlowCreate.send(server, token);
                SlowCreate second = SlowCreate.send(server, token)) {
            // both slow requests hold their turn: a request now waits its 5 s in the queue and is refused
            Timed<HttpResponse<String>> waited = Awaitility.await()
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(100))
                    .until(
                            () -> timed(() -> get("/fhir/Patient?_count=1")),
                            t -> t.value().statusCode() == 503);
            assertRefusedForLoad(waited.value());
            assertThat(waited.took())
                    .as("waited for a turn")
                    .isBetween(MAX_WAIT.minusMillis(500), MAX_WAIT.plusSeconds(5));

            // one request waits in the queue; the next finds the queue full and is refused at once
            CompletableFuture<Timed<HttpResponse<String>>> queued =
                    CompletableFuture.supplyAsync(() -> timed(() -> get("/fhir/Patient?_count=1")));
            Thread.sleep(500);
            Timed<HttpResponse<String>> refused = timed(() -> get("/fhir/Patient?_count=1"));
            assertRefusedForLoad(refused.value());
            assertThat(refused.took()).as("refused at once").isLessThan(Duration.ofSeconds(1));

            // not counted: health and the CapabilityStatement answer while the budget is spent
            Timed<HttpResponse<String>> health = timed(() -> get("/actuator/health"));
            assertThat(health.value().statusCode()).isEqualTo(200);
            assertThat(health.took()).isLessThan(Duration.ofSeconds(1));
            Timed<HttpResponse<String>> metadata = timed(() -> get("/fhir/metadata"));
            assertThat(metadata.value().statusCode()).isEqualTo(200);
            assertThat(metadata.took()).isLessThan(Duration.ofSeconds(2));

            // the slow clients finish: their creates succeed, and the queued request gets its turn
            assertThat(first.finish()).startsWith("HTTP/1.1 201");
            assertThat(second.finish()).startsWith("HTTP/1.1 201");
            Timed<HttpResponse<String>> turn = queued.join();
            assertThat(turn.value().statusCode()).as(turn.value().body()).isEqualTo(200);
            assertThat(turn.took()).isLessThan(MAX_WAIT);
        }
        assertThat(get("/fhir/Patient?_count=1").statusCode()).isEqualTo(200);
    }

    @Test
    @Order(2)
    void databaseStopped_requestsGet503WithRetryAfter_andTheServerReconnectsWhenItIsBack() throws Exception {
        server.stopDatabase();
        try {
            for (String path : new String[] {"/fhir/Patient?_count=1", "/fhir/Patient/1"}) {
                Timed<HttpResponse<String>> answer = timed(() -> get(path));
                assertThat(answer.value().statusCode())
                        .as(answer.value().body())
                        .isEqualTo(503);
                assertThat(answer.value().headers().firstValue("Retry-After")).contains("3");
                assertThat(answer.value().body())
                        .contains("\"resourceType\":\"OperationOutcome\"")
                        .contains("no-store")
                        .contains("The database is unavailable")
                        .doesNotContain("SQL")
                        .doesNotContain("Exception")
                        .doesNotContain("org.");
                assertThat(answer.took()).as("no hang").isLessThan(Duration.ofSeconds(15));
            }
            HttpResponse<String> create = post("/fhir/Patient", "{\"resourceType\":\"Patient\"}");
            assertThat(create.statusCode()).as(create.body()).isEqualTo(503);
            assertThat(timed(() -> get("/actuator/health")).took())
                    .as("health answers")
                    .isLessThan(Duration.ofSeconds(15));
        } finally {
            server.startDatabase();
        }

        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> get("/fhir/Patient?_count=1").statusCode() == 200);
        HttpResponse<String> create = post("/fhir/Patient", "{\"resourceType\":\"Patient\"}");
        assertThat(create.statusCode()).as(create.body()).isEqualTo(201);
    }

    private static void assertRefusedForLoad(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).contains("3");
        assertThat(response.body())
                .contains("\"resourceType\":\"OperationOutcome\"")
                .contains("throttled")
                .contains("The server is busy");
    }

    private static HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(server.root() + path)).GET());
    }

    private static HttpResponse<String> post(String path, String body) {
        return send(HttpRequest.newBuilder(URI.create(server.root() + path))
                .header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(
                    request.header("Authorization", "Bearer " + token)
                            .timeout(Duration.ofSeconds(60))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static <T> Timed<T> timed(java.util.function.Supplier<T> call) {
        Instant started = Instant.now();
        T value = call.get();
        return new Timed<>(value, Duration.between(started, Instant.now()));
    }

    private record Timed<T>(T value, Duration took) {}

    /** A create whose client sent the headers and half the body, then stalls: the server holds its turn meanwhile. */
    private static final class SlowCreate implements AutoCloseable {

        private static final byte[] BODY =
                "{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"Slow\"}]}".getBytes(StandardCharsets.UTF_8);

        private final Socket socket;

        private SlowCreate(Socket socket) {
            this.socket = socket;
        }

        static SlowCreate send(ServerProcess server, String token) throws IOException {
            URI root = URI.create(server.root());
            Socket socket = new Socket(root.getHost(), root.getPort());
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /fhir/Patient HTTP/1.1\r\n"
                            + "Host: " + root.getHost() + ":" + root.getPort() + "\r\n"
                            + "Authorization: Bearer " + token + "\r\n"
                            + "Content-Type: application/fhir+json\r\n"
                            + "Content-Length: " + BODY.length + "\r\n"
                            + "Connection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(BODY, 0, BODY.length / 2);
            out.flush();
            return new SlowCreate(socket);
        }

        /** Sends the rest of the body; the server's answer. */
        String finish() throws IOException {
            OutputStream out = socket.getOutputStream();
            out.write(BODY, BODY.length / 2, BODY.length - BODY.length / 2);
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}

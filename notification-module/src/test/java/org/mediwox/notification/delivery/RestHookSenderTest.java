package org.mediwox.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mediwox.notification.endpoint.AllowedEndpoints;
import org.mediwox.notification.endpoint.EndpointPolicy;

/**
 * The sender against a local JDK HTTP server. The name {@code hooks.test} exists only in the test's resolver and points
 * at loopback: a delivery that reaches the server proves the sender connected to the address the policy checked.
 */
class RestHookSenderTest {

    private final List<String> requests = new CopyOnWriteArrayList<>();
    private HttpServer receiver;
    private int port;

    @BeforeEach
    void receiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            requests.add(path + " " + exchange.getRequestHeaders().getFirst("Authorization") + " "
                    + exchange.getRequestHeaders().getFirst("X-Mediwox-Dedupe-Key"));
            exchange.getRequestBody().readAllBytes();
            switch (path) {
                case "/missing" -> answer(exchange, 404, "no such tenant: internal-billing at 10.1.2.3");
                case "/broken" -> answer(exchange, 503, "database db-7 down");
                case "/moved" -> {
                    exchange.getResponseHeaders().add("Location", "/elsewhere");
                    answer(exchange, 302, "");
                }
                default -> {
                    exchange.sendResponseHeaders(204, -1);
                    exchange.close();
                }
            }
        });
        receiver.start();
        port = receiver.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, int status, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    private static RestHookSender sender(String... allowed) {
        EndpointPolicy policy = new EndpointPolicy(AllowedEndpoints.parse(List.of(allowed)), host -> {
            if (host.equals("hooks.test")) {
                return new InetAddress[] {InetAddress.getByName("127.0.0.1")};
            }
            throw new UnknownHostException(host);
        });
        return new RestHookSender(policy, Duration.ofSeconds(5));
    }

    @Test
    void nameResolvingToLoopback_isRefusedAtDelivery_withoutConnecting() {
        assertThatThrownBy(() -> sender().send("https://hooks.test:" + port + "/hook", null, null, "{}", "k1"))
                .isInstanceOf(PermanentFailure.class)
                .hasMessageContaining("loopback");
        assertThat(requests).isEmpty();
    }

    @Test
    void allowedName_isDelivered_toTheAddressThePolicyChecked_withItsHeaders() {
        String id = sender("hooks.test")
                .send(
                        "http://hooks.test:" + port + "/hook",
                        "Authorization: Bearer s3cret",
                        "application/fhir+json",
                        "{}",
                        "k2");
        assertThat(id).isEqualTo("http-204");
        assertThat(requests).containsExactly("/hook Bearer s3cret k2");
    }

    @Test
    void storedHeaderWithLineBreaksOrHost_deadLettersWithoutConnecting() {
        RestHookSender sender = sender("hooks.test");
        String endpoint = "http://hooks.test:" + port + "/hook";
        // stored headers are one per line: a value that held CR LF arrives here as two lines
        assertThatThrownBy(() -> sender.send(endpoint, "X-A: b\r\nHost: internal", null, "{}", "k3"))
                .isInstanceOf(PermanentFailure.class);
        assertThatThrownBy(() -> sender.send(endpoint, "Host: internal", null, "{}", "k4"))
                .isInstanceOf(PermanentFailure.class)
                .hasMessageContaining("Host");
        assertThat(requests).isEmpty();
    }

    @Test
    void refusalsAndFailures_areRecordedCoarsely_neverWithTheAnswer() {
        RestHookSender sender = sender("hooks.test");
        String base = "http://hooks.test:" + port;
        assertThatThrownBy(() -> sender.send(base + "/missing", null, null, "{}", "k5"))
                .isInstanceOf(PermanentFailure.class)
                .hasMessage("rest-hook refused: HTTP 4xx");
        assertThatThrownBy(() -> sender.send(base + "/broken", null, null, "{}", "k6"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("rest-hook failed: HTTP 5xx");
        assertThatThrownBy(() -> sender.send(base + "/moved", null, null, "{}", "k7"))
                .isInstanceOf(PermanentFailure.class)
                .hasMessageContaining("redirects are not followed");
        assertThat(requests).extracting(r -> r.split(" ")[0]).containsExactly("/missing", "/broken", "/moved");
    }

    @Test
    void closedPort_isUnreachable_withoutSayingHow() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closed = socket.getLocalPort();
        }
        assertThatThrownBy(() -> sender("hooks.test").send("http://hooks.test:" + closed + "/", null, null, "", "k8"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("rest-hook unreachable");
    }
}

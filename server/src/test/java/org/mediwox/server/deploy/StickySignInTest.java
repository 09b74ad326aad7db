package org.mediwox.server.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The built-in authorization server's sign-in keeps an HTTP session in the memory of the node that served it (the
 * saved authorization request, the login form's CSRF token, the signed-in login, the pending second factor, the
 * patient choice; no Spring Session), so the shipped load balancers must keep a browser on one node, and must not
 * keep the stateless FHIR API on one. Checked on {@code docker/haproxy.cfg} (read, validated and run by Debian's
 * HAProxy in front of two stand-in nodes) and on the Kubernetes Service and Ingress.
 */
class StickySignInTest {

    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    private static final Path HAPROXY_CFG = REPOSITORY.resolve("docker/haproxy.cfg");
    private static final Path HAPROXY = Path.of("/usr/sbin/haproxy");
    private static final String NO_HAPROXY =
            "no HAProxy at /usr/sbin/haproxy (Debian: apt-get install haproxy); the configuration was only read";
    private static final String COOKIE = "MWXNODE";
    private static final Pattern SERVER_LINE = Pattern.compile("(?m)^(\\s+server (mediwox-\\d) )mediwox-\\d:8080\\b");

    private final List<HttpServer> nodes = new ArrayList<>();
    private Process haproxy;

    @AfterEach
    void stop() throws InterruptedException {
        if (haproxy != null) {
            haproxy.destroy();
            haproxy.waitFor(10, TimeUnit.SECONDS);
        }
        nodes.forEach(node -> node.stop(0));
    }

    @Test
    void haproxyConfig_insertsTheNodeCookie_onEveryServer_andIgnoresItForTheFhirApi() throws IOException {
        List<List<String>> backend = section("backend mediwox");
        List<List<String>> defaults = section("defaults");

        assertThat(line(backend, "cookie"))
                .as("backend: cookie-based persistence")
                .hasValueSatisfying(words -> assertThat(words)
                        .startsWith("cookie", COOKIE, "insert", "indirect", "nocache")
                        .contains("httponly"));
        List<List<String>> servers =
                backend.stream().filter(w -> w.get(0).equals("server")).toList();
        assertThat(servers).hasSize(2);
        Set<String> cookieValues = new HashSet<>();
        for (List<String> server : servers) {
            int at = server.indexOf("cookie");
            assertThat(at).as("server %s names its cookie value", server.get(1)).isPositive();
            cookieValues.add(server.get(at + 1));
        }
        assertThat(cookieValues).as("one cookie value per server").hasSize(servers.size());
        assertThat(line(defaults, "option", "redispatch").or(() -> line(backend, "option", "redispatch")))
                .as("a browser whose node is gone is sent to another one")
                .isPresent();
        assertThat(line(backend, "ignore-persist"))
                .as("FHIR API requests are balanced whatever cookie they carry")
                .hasValueSatisfying(words ->
                        assertThat(String.join(" ", words)).contains("if", "{ path /fhir }", "{ path_beg /fhir/ }"));
    }

    @Test
    void haproxy_acceptsTheShippedConfiguration() throws Exception {
        assumeTrue(Files.isExecutable(HAPROXY), NO_HAPROXY);

        Process check = new ProcessBuilder(HAPROXY.toString(), "-c", "-f", HAPROXY_CFG.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(check.waitFor()).as(output).isZero();
        assertThat(output).contains("Configuration file is valid").doesNotContain("[ALERT]");
    }

    @Test
    void haproxy_keepsABrowserOnItsNode_spreadsFhirCalls_andMovesTheBrowserWhenItsNodeIsGone() throws Exception {
        assumeTrue(Files.isExecutable(HAPROXY), NO_HAPROXY);
        Map<String, HttpServer> byName = Map.of("mediwox-1", node("mediwox-1"), "mediwox-2", node("mediwox-2"));
        URI balancer = startHaproxy(byName);
        HttpClient client = HttpClient.newHttpClient();

        // given a browser that starts a sign-in and got its node's cookie
        HttpResponse<String> first = get(client, balancer.resolve("/oauth2/authorize?response_type=code"), null);
        String browserNode = first.body();
        assertThat(setCookie(first))
                .as("the first answer sets the cookie")
                .startsWith(COOKIE + "=" + browserNode + ";");
        String cookie = COOKIE + "=" + browserNode;

        // when it goes on signing in, then every page comes from that node and sets no other cookie
        for (String path : List.of("/login", "/login?error=credentials", "/login/code", "/oauth2/authorize", "/app/")) {
            HttpResponse<String> page = get(client, balancer.resolve(path), cookie);
            assertThat(page.body()).as(path).isEqualTo(browserNode);
            assertThat(setCookie(page)).as(path).isEmpty();
        }

        // FHIR API calls, even with the browser's cookie, go to both nodes and set no cookie
        Set<String> apiNodes = new HashSet<>();
        for (int i = 0; i < 6; i++) {
            HttpResponse<String> call = get(client, balancer.resolve(i % 2 == 0 ? "/fhir/Slot" : "/fhir"), cookie);
            apiNodes.add(call.body());
            assertThat(setCookie(call)).isEmpty();
        }
        assertThat(apiNodes).containsExactlyInAnyOrder("mediwox-1", "mediwox-2");

        // the browser's node goes away: its next request is answered by the other node, which it then keeps
        byName.get(browserNode).stop(0);
        String otherNode = browserNode.equals("mediwox-1") ? "mediwox-2" : "mediwox-1";
        HttpResponse<String> moved = get(client, balancer.resolve("/login"), cookie);
        assertThat(moved.body()).isEqualTo(otherNode);
        assertThat(setCookie(moved)).startsWith(COOKIE + "=" + otherNode + ";");
    }

    @Test
    void kubernetesIngress_keepsABrowserOnOnePodByCookie_andTheServiceHasNoClientIpAffinity() throws IOException {
        Map<String, Object> ingress = Manifests.only(REPOSITORY, "deploy/kubernetes/optional/ingress.yaml", "Ingress");
        Map<String, Object> service = Manifests.only(REPOSITORY, "deploy/kubernetes/service.yaml", "Service");

        Map<String, Object> annotations = Manifests.map(Manifests.map(ingress, "metadata"), "annotations");
        assertThat(annotations)
                .containsEntry("nginx.ingress.kubernetes.io/affinity", "cookie")
                .containsEntry("nginx.ingress.kubernetes.io/affinity-mode", "persistent")
                .containsEntry("nginx.ingress.kubernetes.io/session-cookie-name", COOKIE)
                .containsEntry("nginx.ingress.kubernetes.io/session-cookie-path", "/")
                .containsEntry("nginx.ingress.kubernetes.io/session-cookie-change-on-failure", "true");
        // an ingress controller sends traffic to the pods itself; ClientIP would only pin in-cluster API clients
        assertThat(Manifests.map(service, "spec").get("sessionAffinity")).isIn(null, "None");
    }

    private HttpServer node(String name) throws IOException {
        HttpServer node = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        byte[] body = name.getBytes(StandardCharsets.UTF_8);
        node.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        node.start();
        nodes.add(node);
        return node;
    }

    /** The shipped configuration with the nodes' and the listener's addresses on this machine; nothing else changed. */
    private URI startHaproxy(Map<String, HttpServer> nodes) throws IOException, InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String shipped = Files.readString(HAPROXY_CFG);
        assertThat(shipped).contains("    bind :8080\n");
        String config = SERVER_LINE
                .matcher(shipped.replace("    bind :8080\n", "    bind 127.0.0.1:" + port + "\n"))
                .replaceAll(match -> match.group(1) + "127.0.0.1:"
                        + nodes.get(match.group(2)).getAddress().getPort());
        Path directory = Files.createDirectories(Path.of("target", "haproxy").toAbsolutePath());
        Path file = Files.writeString(Files.createTempFile(directory, "haproxy-", ".cfg"), config);
        haproxy = new ProcessBuilder(HAPROXY.toString(), "-db", "-f", file.toString())
                .redirectErrorStream(true)
                .redirectOutput(file.resolveSibling(file.getFileName() + ".log").toFile())
                .start();
        Instant deadline = Instant.now().plusSeconds(10);
        while (true) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return URI.create("http://127.0.0.1:" + port);
            } catch (IOException notYet) {
                assertThat(haproxy.isAlive())
                        .as("HAProxy runs; see " + file + ".log")
                        .isTrue();
                assertThat(Instant.now()).as("HAProxy listens within 10 s").isBefore(deadline);
                Thread.sleep(100);
            }
        }
    }

    private static HttpResponse<String> get(HttpClient client, URI uri, String cookie)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        if (uri.getPath().startsWith("/fhir")) {
            request.header("Authorization", "Bearer a-token");
        }
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(uri.toString()).isEqualTo(200);
        return response;
    }

    /** The response's Set-Cookie header, or "" when it sets none. */
    private static String setCookie(HttpResponse<?> response) {
        return response.headers().firstValue("Set-Cookie").orElse("");
    }

    /** The lines of a haproxy.cfg section (the section's header line, e.g. "backend mediwox"), comments removed. */
    private static List<List<String>> section(String header) throws IOException {
        List<List<String>> lines = new ArrayList<>();
        boolean inside = false;
        for (String raw : Files.readAllLines(HAPROXY_CFG)) {
            String line = raw.replaceAll("#.*", "").strip();
            if (line.isEmpty()) {
                continue;
            }
            if (!Character.isWhitespace(raw.charAt(0))) {
                inside = line.equals(header);
            } else if (inside) {
                lines.add(List.of(line.split("\\s+")));
            }
        }
        assertThat(lines).as("section %s of haproxy.cfg", header).isNotEmpty();
        return lines;
    }

    private static Optional<List<String>> line(List<List<String>> section, String... start) {
        return section.stream()
                .filter(words -> words.size() >= start.length
                        && words.subList(0, start.length).equals(List.of(start)))
                .findFirst();
    }
}

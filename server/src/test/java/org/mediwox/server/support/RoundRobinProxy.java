package org.mediwox.server.support;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A load balancer for tests, as small as one can be and JDK only: an HTTP reverse proxy on 127.0.0.1 that sends each
 * request (not each connection) to the next node in turn. A node that refuses a connection is marked down for a while
 * and the request goes to the next node — nothing of it reached the refusing one, so that is safe for any method. A
 * node that breaks a request it already received (killed mid-request) gets the request's client a 502: whether it
 * was done is unknown, as behind any load balancer.
 */
public final class RoundRobinProxy implements AutoCloseable {

    /** How long a node that refused a connection is left out before it is tried again. */
    private static final Duration DOWN_FOR = Duration.ofSeconds(5);

    /** Hop-by-hop headers (RFC 9110 7.6.1) and those the JDK's client sets itself. */
    private static final Set<String> NOT_FORWARDED = Set.of(
            "connection",
            "keep-alive",
            "proxy-connection",
            "te",
            "trailer",
            "transfer-encoding",
            "upgrade",
            "http2-settings",
            "host",
            "content-length",
            "expect",
            "date");

    private final List<URI> nodes;
    private final long[] downUntilNanos;
    private final AtomicLongArray forwarded;
    private final AtomicLong turn = new AtomicLong();
    private final HttpServer server;
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "round-robin-proxy");
        thread.setDaemon(true);
        return thread;
    });
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    /** @param nodes each node's root, {@code http://localhost:<port>} */
    public RoundRobinProxy(List<String> nodes) {
        this.nodes = nodes.stream().map(URI::create).toList();
        this.downUntilNanos = new long[nodes.size()];
        java.util.Arrays.fill(downUntilNanos, System.nanoTime());
        this.forwarded = new AtomicLongArray(nodes.size());
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(workers);
        server.start();
    }

    /** {@code http://localhost:<port>}: the one address of the cluster. */
    public String root() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    /** How many requests went to the node at {@code index} so far. */
    public long forwardedTo(int index) {
        return forwarded.get(index);
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            HttpResponse<InputStream> response = null;
            for (int attempt = 0; attempt < nodes.size() && response == null; attempt++) {
                int node = next();
                try {
                    response = http.send(request(exchange, node, body), HttpResponse.BodyHandlers.ofInputStream());
                    forwarded.incrementAndGet(node);
                } catch (ConnectException | HttpConnectTimeoutException e) {
                    markDown(node); // nothing was sent: the next node takes the request
                } catch (IOException e) {
                    markDown(node);
                    answer(exchange, 502, "node " + nodes.get(node) + " broke the request off: " + e);
                    return;
                }
            }
            if (response == null) {
                answer(exchange, 503, "no node accepts connections");
                return;
            }
            relay(response, exchange);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private HttpRequest request(HttpExchange exchange, int node, byte[] body) {
        URI target = nodes.get(node).resolve(exchange.getRequestURI().toString());
        HttpRequest.Builder request = HttpRequest.newBuilder(target)
                .timeout(Duration.ofMinutes(3))
                .method(
                        exchange.getRequestMethod(),
                        body.length == 0
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> request.header(name, value));
            }
        });
        request.header(
                "X-Forwarded-For", exchange.getRemoteAddress().getAddress().getHostAddress());
        return request.build();
    }

    private static void relay(HttpResponse<InputStream> response, HttpExchange exchange) throws IOException {
        Headers headers = exchange.getResponseHeaders();
        response.headers().map().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                headers.put(name, values);
            }
        });
        // a node that breaks its answer off half-way throws here: the client's connection is closed without one
        try (InputStream in = response.body()) {
            byte[] bytes = in.readAllBytes();
            int status = response.statusCode();
            boolean bodiless = status == 204 || status == 304 || "HEAD".equals(exchange.getRequestMethod());
            exchange.sendResponseHeaders(status, bodiless || bytes.length == 0 ? -1 : bytes.length);
            if (!bodiless && bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }

    private static void answer(HttpExchange exchange, int status, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** The next node that is not marked down; when all are, the next in turn (it may be back). */
    private synchronized int next() {
        long now = System.nanoTime();
        for (int i = 0; i < nodes.size(); i++) {
            int node = (int) (turn.getAndIncrement() % nodes.size());
            if (now - downUntilNanos[node] >= 0) {
                return node;
            }
        }
        return (int) (turn.getAndIncrement() % nodes.size());
    }

    private synchronized void markDown(int node) {
        downUntilNanos[node] = System.nanoTime() + DOWN_FOR.toNanos();
    }
}

package org.mediwox.server.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A payer's CDS Hooks service for the tests: answers {@code POST /cds-services/[id]} with the cards it is given,
 * records every request, and can be made slow or failing. It listens on an address reserved once per test JVM (the
 * shared server's {@code mediwox.payer.cds-base-url} points there) and only while a test has started it: nothing answers
 * there otherwise, which the payer hook treats as a payer that is down.
 */
public final class CdsPayer implements AutoCloseable {

    public static final String SERVICE_ID = "mediwox-crd-test";
    private static final String HOST = ServerIT.LOCAL_RECEIVERS;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static int reservedPort;

    private final HttpServer server;
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private volatile String answer = "{\"cards\":[]}";
    private volatile int status = 200;
    private volatile Duration delay = Duration.ZERO;

    private CdsPayer(HttpServer server) {
        this.server = server;
    }

    /** The CDS Hooks base the shared server is configured with. */
    public static synchronized String baseUrl() {
        if (reservedPort == 0) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
                reservedPort = socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return "http://" + HOST + ":" + reservedPort + "/cds-services";
    }

    /** Starts the payer on the reserved address. */
    public static CdsPayer start() {
        baseUrl();
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(HOST), reservedPort), 0);
            CdsPayer payer = new CdsPayer(server);
            server.createContext("/cds-services/" + SERVICE_ID, payer::handle);
            server.setExecutor(Executors.newFixedThreadPool(4));
            server.start();
            return payer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Answers with this CDS Hooks response (JSON) from now on, at once and with 200. */
    public CdsPayer answering(String cdsResponse) {
        this.answer = cdsResponse;
        this.status = 200;
        this.delay = Duration.ZERO;
        return this;
    }

    /** Answers after {@code delay}. */
    public CdsPayer slow(Duration delay) {
        this.delay = delay;
        return this;
    }

    /** Answers with this HTTP status and an error body. */
    public CdsPayer failing(int status) {
        this.status = status;
        return this;
    }

    /** Every hook request received, in order. */
    public List<JsonNode> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            requests.add(JSON.readTree(exchange.getRequestBody().readAllBytes()));
            Thread.sleep(delay.toMillis());
            byte[] body = (status == 200 ? answer : "{\"error\":\"payer failure\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the server gave up waiting (its timeout): nothing to answer to
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}

package org.mediwox.server.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.hl7.fhir.r4.model.Subscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mediwox.notification.outbox.MessageChannel;
import org.mediwox.notification.outbox.MessageContent;
import org.mediwox.notification.outbox.MessageEvent;
import org.mediwox.notification.outbox.MessageStatus;
import org.mediwox.notification.outbox.NewMessage;
import org.mediwox.notification.outbox.Outbox;
import org.mediwox.notification.outbox.OutboxMessage;
import org.mediwox.server.support.ServerIT;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Rest-hooks cannot be pointed at the server itself, the clinic's network or the cloud metadata service (server-side
 * request forgery): refused with 422 when the Subscription is stored, refused again at delivery (a name may resolve
 * elsewhere by then), and what a target answered never reaches {@code $notifications}. The test run's own receivers
 * listen on 127.0.0.2, the one address its allowlist ({@link ServerIT#LOCAL_RECEIVERS}) trusts.
 */
class RestHookEndpointsIT extends ServerIT {

    @Autowired
    Outbox outbox;

    private ServerSocket loopbackListener;
    private final AtomicInteger loopbackConnections = new AtomicInteger();
    private HttpServer receiver;

    @BeforeEach
    void listeners() throws IOException {
        // a port on 127.0.0.1 that counts every connection made to it (a rest-hook must never make one)
        loopbackListener = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        Thread accepting = new Thread(() -> {
            while (!loopbackListener.isClosed()) {
                try (Socket ignored = loopbackListener.accept()) {
                    loopbackConnections.incrementAndGet();
                } catch (IOException closed) {
                    return;
                }
            }
        });
        accepting.setDaemon(true);
        accepting.start();
        // an allowlisted receiver that refuses everything, telling internal details in its answer
        receiver = HttpServer.create(new InetSocketAddress(LOCAL_RECEIVERS, 0), 0);
        receiver.createContext("/", exchange -> {
            byte[] answer = "tenant internal-billing unknown on db-7.internal:5432".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(404, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stop() throws IOException {
        loopbackListener.close();
        receiver.stop(0);
    }

    @Test
    void restHooksToLoopbackPrivateOrMetadataAddresses_areRefusedWith422_namingTheRule() {
        assertRefused(
                restHook("http://127.0.0.1:" + loopbackListener.getLocalPort() + "/hook"),
                "Subscription.channel.endpoint",
                "loopback");
        assertRefused(restHook("https://10.0.0.1/hook"), "Subscription.channel.endpoint", "private (RFC 1918)");
        assertRefused(
                restHook("https://169.254.169.254/latest/meta-data/"),
                "Subscription.channel.endpoint",
                "cloud metadata");
        assertRefused(restHook("https://[::1]/hook"), "Subscription.channel.endpoint", "loopback");
        assertRefused(restHook("http://93.184.216.34/hook"), "Subscription.channel.endpoint", "https");
        assertThat(loopbackConnections.get()).isZero();
    }

    @Test
    void channelHeadersWithLineBreaksOrFramingHeaders_areRefusedWith422() {
        String allowed =
                "http://" + LOCAL_RECEIVERS + ":" + receiver.getAddress().getPort() + "/hook";
        Subscription smuggling = restHook(allowed);
        smuggling.getChannel().addHeader("Authorization: Bearer x\r\nHost: 169.254.169.254");
        Subscription host = restHook(allowed);
        host.getChannel().addHeader("Host: 169.254.169.254");
        Subscription length = restHook(allowed);
        length.getChannel().addHeader("Content-Length: 0");

        assertRefused(smuggling, "Subscription.channel.header", "CR or LF");
        assertRefused(host, "Subscription.channel.header", "Host");
        assertRefused(length, "Subscription.channel.header", "Content-Length");
    }

    @Test
    void aNameResolvingToLoopback_isRefusedAtDelivery_deadLettered_withoutConnecting() {
        // as if "localhost" had resolved elsewhere when the Subscription was stored (DNS rebinding)
        String appointment = record("https://localhost:" + loopbackListener.getLocalPort() + "/hook");

        OutboxMessage dead = awaitDead(appointment);
        assertThat(dead.attempts()).as("refused for good, not retried").isLessThanOrEqualTo(1);
        assertThat(dead.reason()).contains("endpoint rules").contains("loopback");
        assertThat(loopbackConnections.get()).isZero();
    }

    @Test
    void notifications_showACoarseReason_neverWhatTheTargetAnswered() {
        String appointment =
                record("http://" + LOCAL_RECEIVERS + ":" + receiver.getAddress().getPort() + "/hook");

        assertThat(awaitDead(appointment).reason()).contains("rest-hook refused: HTTP 4xx");
        HttpResponse<String> view = send(request("/fhir/$notifications?appointment=" + appointment));
        assertThat(view.statusCode()).isEqualTo(200);
        assertThat(view.body()).contains("stopped").contains("HTTP 4xx");
        assertThat(view.body()).doesNotContain("internal-billing").doesNotContain("db-7");
    }

    /** A pending rest-hook notification straight into the outbox, bypassing the checks made when storing. */
    private String record(String endpoint) {
        String appointment = "ssrf-" + UUID.randomUUID();
        outbox.record(NewMessage.toSubscriber(
                appointment + "/booked/rest-hook",
                new NewMessage.About(appointment, "Patient/ssrf", MessageEvent.BOOKED),
                new NewMessage.Recipient(MessageChannel.REST_HOOK, endpoint, "en"),
                new MessageContent.Payload(null, ""),
                Instant.now(),
                new NewMessage.ForSubscription("ssrf-test", null, null, null, null)));
        return appointment;
    }

    private OutboxMessage awaitDead(String appointment) {
        List<OutboxMessage> dead = await(() -> outbox.list(MessageStatus.DEAD, null, appointment, 10), 1);
        return dead.get(0);
    }

    private static Subscription restHook(String endpoint) {
        Subscription subscription = new Subscription()
                .setStatus(Subscription.SubscriptionStatus.REQUESTED)
                .setReason("SSRF probe")
                .setCriteria("Appointment?status=booked");
        subscription
                .getChannel()
                .setType(Subscription.SubscriptionChannelType.RESTHOOK)
                .setEndpoint(endpoint)
                .setPayload("application/fhir+json");
        return subscription;
    }

    private void assertRefused(Subscription subscription, String element, String rule) {
        HttpResponse<String> response = send(request("/fhir/Subscription")
                .header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        fhirContext.newJsonParser().encodeResourceToString(subscription))));
        assertThat(response.statusCode()).as(rule).isEqualTo(422);
        assertThat(response.body())
                .contains("OperationOutcome")
                .contains(element)
                .contains(rule);
    }
}

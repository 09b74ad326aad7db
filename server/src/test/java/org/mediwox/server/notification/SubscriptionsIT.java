package org.mediwox.server.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Subscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mediwox.server.support.ServerIT;
import org.mediwox.server.support.SesLocal;
import org.mediwox.server.support.TestPool;

/**
 * FHIR R4 Subscriptions on Appointment changes, delivered through the notification outbox: a rest-hook subscriber (a
 * JDK HTTP server standing in for an EHR's endpoint) and an email channel (read back from aws-ses-v2-local).
 */
class SubscriptionsIT extends ServerIT {

    private record Hook(String body, String authorization, String dedupeKey) {}

    private final List<Hook> received = new CopyOnWriteArrayList<>();
    private final List<String> subscriptions = new CopyOnWriteArrayList<>();
    private HttpServer subscriber;
    private TestPool pool;

    @BeforeEach
    void subscriberAndPool() throws IOException {
        subscriber = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        subscriber.createContext("/hook", exchange -> {
            received.add(new Hook(
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("X-Mediwox-Dedupe-Key")));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        subscriber.start();
        pool = TestPool.create(client(), 1, 3, 1);
    }

    @AfterEach
    void cleanUp() {
        subscriptions.forEach(
                id -> client().delete().resourceById("Subscription", id).execute());
        subscriber.stop(0);
    }

    @Test
    void restHookSubscriber_getsTheBookedAppointment_once_withItsHeaders() {
        Subscription subscription = new Subscription()
                .setStatus(Subscription.SubscriptionStatus.REQUESTED)
                .setReason("EHR calendar sync")
                .setCriteria("Appointment?status=booked");
        subscription
                .getChannel()
                .setType(Subscription.SubscriptionChannelType.RESTHOOK)
                .setEndpoint("http://127.0.0.1:" + subscriber.getAddress().getPort() + "/hook")
                .setPayload("application/fhir+json")
                .addHeader("Authorization: Bearer subscriber-secret");
        String id = create(subscription);
        assertThat(client().read()
                        .resource(Subscription.class)
                        .withId(id)
                        .execute()
                        .getStatus())
                .isEqualTo(Subscription.SubscriptionStatus.ACTIVE);

        String appointmentId = book().getIdElement().getIdPart();

        List<Hook> mine = awaitHooks(appointmentId, 1);
        assertThat(mine.get(0).authorization()).isEqualTo("Bearer subscriber-secret");
        Appointment delivered = fhirContext
                .newJsonParser()
                .parseResource(Appointment.class, mine.get(0).body());
        assertThat(delivered.getStatus()).isEqualTo(Appointment.AppointmentStatus.BOOKED);
        assertThat(mine.get(0).dedupeKey()).contains("/subscription/" + id);
        sleep(1000);
        assertThat(hooksFor(appointmentId)).as("exactly once").hasSize(1);
    }

    @Test
    void emailSubscription_onCancellations_getsAnEmailNamingTheAppointment() {
        String ops = "ops-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        Subscription subscription = new Subscription()
                .setStatus(Subscription.SubscriptionStatus.REQUESTED)
                .setReason("front desk")
                .setCriteria("Appointment?status=cancelled");
        subscription
                .getChannel()
                .setType(Subscription.SubscriptionChannelType.EMAIL)
                .setEndpoint("mailto:" + ops);
        create(subscription);
        Appointment booked = book();

        client().operation()
                .onInstance(booked.getIdElement().toUnqualifiedVersionless())
                .named("$cancel")
                .withNoParameters(Parameters.class)
                .execute();

        Instant deadline = Instant.now().plusSeconds(15);
        while (SesLocal.shared().emailsTo(ops).isEmpty() && Instant.now().isBefore(deadline)) {
            sleep(100);
        }
        assertThat(SesLocal.shared().emailsTo(ops))
                .singleElement()
                .satisfies(email -> assertThat(email.subject())
                        .isEqualTo("Appointment/" + booked.getIdElement().getIdPart() + " cancelled"));
    }

    @Test
    void subscriptionsMediwoxCannotDeliver_areRefusedWith422_namingTheElement() {
        Subscription onPatients = new Subscription()
                .setStatus(Subscription.SubscriptionStatus.REQUESTED)
                .setReason("x")
                .setCriteria("Patient?name=smith");
        onPatients
                .getChannel()
                .setType(Subscription.SubscriptionChannelType.RESTHOOK)
                .setEndpoint("https://x.example");
        Subscription ftp = new Subscription()
                .setStatus(Subscription.SubscriptionStatus.REQUESTED)
                .setReason("x")
                .setCriteria("Appointment?status=booked");
        ftp.getChannel().setType(Subscription.SubscriptionChannelType.RESTHOOK).setEndpoint("ftp://x.example");
        Subscription websocket = ftp.copy();
        websocket
                .getChannel()
                .setType(Subscription.SubscriptionChannelType.WEBSOCKET)
                .setEndpoint(null);

        assertThat(post(onPatients)).satisfies(r -> {
            assertThat(r.statusCode()).isEqualTo(422);
            assertThat(r.body()).contains("Subscription.criteria");
        });
        assertThat(post(ftp)).satisfies(r -> {
            assertThat(r.statusCode()).isEqualTo(422);
            assertThat(r.body()).contains("Subscription.channel.endpoint");
        });
        assertThat(post(websocket)).satisfies(r -> {
            assertThat(r.statusCode()).isEqualTo(422);
            assertThat(r.body()).contains("websocket");
        });
    }

    private String create(Subscription subscription) {
        String id = client().create().resource(subscription).execute().getId().getIdPart();
        subscriptions.add(id);
        return id;
    }

    private HttpResponse<String> post(Subscription subscription) {
        return send(request("/fhir/Subscription")
                .header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        fhirContext.newJsonParser().encodeResourceToString(subscription))));
    }

    private Appointment book() {
        Parameters parameters = new Parameters();
        parameters
                .addParameter()
                .setName("patient-reference")
                .setValue(new Reference("Patient/" + pool.patientIds().get(0)));
        parameters.addParameter().setName("specialty").setValue(new StringType(pool.specialtyToken()));
        Parameters result = client().operation()
                .onType(Appointment.class)
                .named("$book")
                .withParameters(parameters)
                .withAdditionalHeader("Idempotency-Key", UUID.randomUUID().toString())
                .execute();
        Bundle bundle = (Bundle) result.getParameter("return").getResource();
        return bundle.getEntry().stream()
                .map(Bundle.BundleEntryComponent::getResource)
                .filter(r -> r instanceof Appointment)
                .map(Appointment.class::cast)
                .findFirst()
                .orElseThrow();
    }

    private List<Hook> hooksFor(String appointmentId) {
        return received.stream()
                .filter(h -> h.body().contains("\"id\":\"" + appointmentId + "\""))
                .toList();
    }

    private List<Hook> awaitHooks(String appointmentId, int count) {
        Instant deadline = Instant.now().plusSeconds(15);
        while (hooksFor(appointmentId).size() < count && Instant.now().isBefore(deadline)) {
            sleep(100);
        }
        assertThat(hooksFor(appointmentId)).as("within 15 s").hasSizeGreaterThanOrEqualTo(count);
        return hooksFor(appointmentId);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

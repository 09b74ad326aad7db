package org.mediwox.server.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Subscription;
import org.hl7.fhir.r4.model.UnsignedIntType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mediwox.notification.outbox.Outbox;
import org.mediwox.notification.subscription.DefaultSubscriptions;
import org.mediwox.notification.subscription.Subscriber;
import org.mediwox.notification.subscription.SubscriberChannel;
import org.mediwox.notification.subscription.Topic;
import org.mediwox.notification.subscription.TopicCapabilities;
import org.mediwox.server.support.ServerIT;
import org.mediwox.server.support.SesLocal;
import org.mediwox.server.support.TestPool;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Subscriptions on Appointment changes, delivered through the notification outbox — classic R4 ones and topic-based
 * ones in the Subscriptions R5 Backport form (handshake, numbered notification Bundles, {@code $status}, the default
 * patient subscriptions): a rest-hook subscriber (a JDK HTTP server standing in for an EHR's endpoint) and an email
 * channel (read back from aws-ses-v2-local).
 */
class SubscriptionsIT extends ServerIT {

    private record Hook(String body, String authorization, String dedupeKey) {}

    @Autowired
    Outbox outbox;

    private final List<Hook> received = new CopyOnWriteArrayList<>();
    private final List<String> subscriptions = new CopyOnWriteArrayList<>();
    private HttpServer subscriber;
    private TestPool pool;

    @BeforeEach
    void subscriberAndPool() throws IOException {
        subscriber = HttpServer.create(new InetSocketAddress(LOCAL_RECEIVERS, 0), 0);
        subscriber.createContext("/hook", exchange -> {
            received.add(new Hook(
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("X-Mediwox-Dedupe-Key")));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        subscriber.start();
        pool = TestPool.create(client(), 1, 8, 2);
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
                .setEndpoint("http://" + LOCAL_RECEIVERS + ":"
                        + subscriber.getAddress().getPort() + "/hook")
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
        staysTrue(() -> assertThat(hooksFor(appointmentId)).as("exactly once").hasSize(1));
    }

    @Test
    void emailSubscription_onCancellations_getsAnEmailNamingTheAppointment() {
        String ops = "ops-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        // on this test's patient only: a cancellation elsewhere in the run (an expiring hold) must not reach it
        Subscription subscription = new Subscription()
                .setStatus(Subscription.SubscriptionStatus.REQUESTED)
                .setReason("front desk")
                .setCriteria("Appointment?status=cancelled&patient=" + poolPatient(0));
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

        await(() -> SesLocal.shared().emailsTo(ops), 1);
        staysTrue(() -> assertThat(SesLocal.shared().emailsTo(ops))
                .singleElement()
                .satisfies(email -> assertThat(email.subject())
                        .isEqualTo("Appointment/" + booked.getIdElement().getIdPart() + " cancelled")));
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

    @Test
    void topicSubscription_idOnly_handshakeThenNumberedNotifications_onlyForItsTopicAndFilter() {
        String id = create(topicSubscription(Topic.BOOKED));
        Subscription stored =
                client().read().resource(Subscription.class).withId(id).execute();
        assertThat(stored.getStatus()).isEqualTo(Subscription.SubscriptionStatus.ACTIVE);
        assertThat(stored.getChannel().getPayloadElement().getExtensionString(Subscriber.PAYLOAD_CONTENT))
                .as("id-only is the default, written into the Subscription")
                .isEqualTo("id-only");

        Bundle handshake = awaitNotifications(id, 1).get(0);
        assertThat(statusOf(handshake).getParameter("type").getValue().primitiveValue())
                .isEqualTo("handshake");
        assertThat(handshake.getEntry()).hasSize(1);

        String first = book(0).getIdElement().getIdPart();
        book(1); // another patient: filtered out
        Appointment second = book(0);
        client().operation()
                .onInstance(second.getIdElement().toUnqualifiedVersionless())
                .named("$cancel")
                .withNoParameters(Parameters.class)
                .execute(); // another topic

        List<Bundle> events = awaitNotifications(id, 3).subList(1, 3);
        staysTrue(() -> assertThat(notificationsOf(id))
                .as("nothing for the other patient, nothing for the cancellation")
                .hasSize(3));
        events = events.stream()
                .sorted(java.util.Comparator.comparing(b -> eventNumber(b)))
                .toList();
        for (int n = 0; n < 2; n++) {
            Bundle notification = events.get(n);
            assertThat(notification.getType()).isEqualTo(Bundle.BundleType.HISTORY);
            Parameters status = statusOf(notification);
            assertThat(status.getParameter("type").getValue().primitiveValue()).isEqualTo("event-notification");
            assertThat(status.getParameter("topic").getValue().primitiveValue()).isEqualTo(Topic.BOOKED.canonical());
            assertThat(((Reference) status.getParameter("subscription").getValue()).getReference())
                    .endsWith("/Subscription/" + id);
            assertThat(eventNumber(notification)).isEqualTo(n + 1);
            Bundle.BundleEntryComponent focus = notification.getEntry().get(1);
            assertThat(focus.getResource()).as("id-only: no resource").isNull();
            // numbers are assigned as messages are sent, up to 4 at once: two bookings close together may swap
            assertThat(focus.getFullUrl())
                    .matches(".*/Appointment/(" + first + "|"
                            + second.getIdElement().getIdPart() + ")");
        }
        assertThat(events)
                .extracting(b -> b.getEntry().get(1).getFullUrl().replaceAll(".*/", ""))
                .containsExactlyInAnyOrder(first, second.getIdElement().getIdPart());

        Bundle statuses = client().operation()
                .onInstance(new IdType("Subscription", id))
                .named("$status")
                .withNoParameters(Parameters.class)
                .returnResourceType(Bundle.class)
                .useHttpGet()
                .execute();
        Parameters status = (Parameters) statuses.getEntryFirstRep().getResource();
        assertThat(status.getParameter("type").getValue().primitiveValue()).isEqualTo("query-status");
        assertThat(status.getParameter("status").getValue().primitiveValue()).isEqualTo("active");
        assertThat(status.getParameter("events-since-subscription-start")
                        .getValue()
                        .primitiveValue())
                .isEqualTo("2");
    }

    @Test
    void topicSubscription_fullResource_onCancellations_carriesTheCancelledAppointment() {
        Subscription subscription = topicSubscription(Topic.CANCELLED);
        subscription
                .getChannel()
                .getPayloadElement()
                .addExtension(Subscriber.PAYLOAD_CONTENT, new CodeType("full-resource"));
        String id = create(subscription);
        Appointment booked = book(0);

        client().operation()
                .onInstance(booked.getIdElement().toUnqualifiedVersionless())
                .named("$cancel")
                .withNoParameters(Parameters.class)
                .execute();

        Bundle notification = eventNotification(awaitNotifications(id, 2));
        assertThat(eventNumber(notification)).isEqualTo(1);
        Appointment delivered = (Appointment) notification.getEntry().get(1).getResource();
        assertThat(delivered.getIdElement().getIdPart())
                .isEqualTo(booked.getIdElement().getIdPart());
        assertThat(delivered.getStatus()).isEqualTo(Appointment.AppointmentStatus.CANCELLED);
        Bundle statuses = client().operation()
                .onType(Subscription.class)
                .named("$status")
                .withParameter(Parameters.class, "id", new IdType(id))
                .returnResourceType(Bundle.class)
                .execute();
        assertThat(statuses.getEntry())
                .singleElement()
                .satisfies(e -> assertThat(((Parameters) e.getResource())
                                .getParameter("topic")
                                .getValue()
                                .primitiveValue())
                        .isEqualTo(Topic.CANCELLED.canonical()));
    }

    @Test
    void topicSubscription_onReschedules_namesTheNewAndTheReplacedAppointment() {
        String id = create(topicSubscription(Topic.RESCHEDULED));
        Appointment old = book(0);
        book(0, old.getIdElement().getIdPart()); // reschedule

        Bundle notification = eventNotification(awaitNotifications(id, 2));
        var event = statusOf(notification).getParameter("notification-event");
        Reference context = (Reference) event.getPart().stream()
                .filter(p -> p.getName().equals("additional-context"))
                .findFirst()
                .orElseThrow()
                .getValue();
        assertThat(context.getReference())
                .endsWith("/Appointment/" + old.getIdElement().getIdPart());
        assertThat(notification.getEntry().get(1).getFullUrl())
                .doesNotEndWith("/Appointment/" + old.getIdElement().getIdPart());

        // $status reports topic-based subscriptions only
        String classic = create(new Subscription()
                .setStatus(Subscription.SubscriptionStatus.REQUESTED)
                .setReason("x")
                .setCriteria("Appointment?status=booked")
                .setChannel(new Subscription.SubscriptionChannelComponent()
                        .setType(Subscription.SubscriptionChannelType.EMAIL)
                        .setEndpoint("mailto:ops@example.org")));
        HttpResponse<String> status =
                send(request("/fhir/Subscription/" + classic + "/$status").GET());
        assertThat(status.statusCode()).isEqualTo(400);
        assertThat(status.body()).contains("not topic-based");
    }

    @Test
    void defaultPatientSubscriptions_decideWhatPatientsAreSent() {
        Subscription confirmations = client().read()
                .resource(Subscription.class)
                .withId("mediwox-patient-email-booked")
                .execute();
        assertThat(confirmations.getStatus()).isEqualTo(Subscription.SubscriptionStatus.ACTIVE);
        assertThat(confirmations.getCriteria()).isEqualTo(Topic.BOOKED.canonical());
        assertThat(DefaultSubscriptions.ids())
                .allSatisfy(id -> assertThat(client().read()
                                .resource(Subscription.class)
                                .withId(id)
                                .execute()
                                .getStatus())
                        .isEqualTo(Subscription.SubscriptionStatus.ACTIVE));

        String withConfirmation = book(0).getIdElement().getIdPart();
        confirmations.setStatus(Subscription.SubscriptionStatus.OFF);
        confirmations.setId(confirmations.getIdElement().toUnqualifiedVersionless());
        client().update().resource(confirmations).execute();
        String withoutConfirmation;
        try {
            withoutConfirmation = book(0).getIdElement().getIdPart();
        } finally {
            confirmations.setStatus(Subscription.SubscriptionStatus.ACTIVE);
            confirmations.setId(confirmations.getIdElement().toUnqualifiedVersionless());
            client().update().resource(confirmations).execute();
        }

        assertThat(outbox.list(null, null, withConfirmation, 50))
                .extracting(m -> m.event().value() + "/" + m.channel().value())
                .contains("booked/email", "reminder/sms");
        assertThat(outbox.list(null, null, withoutConfirmation, 50))
                .extracting(m -> m.event().value() + "/" + m.channel().value())
                .as("confirmations off: no email planned, reminders still are")
                .doesNotContain("booked/email")
                .contains("reminder/sms");
    }

    @Test
    void topicsAreAdvertisedAndServed() {
        CapabilityStatement capabilities =
                client().capabilities().ofType(CapabilityStatement.class).execute();
        var subscription = capabilities.getRestFirstRep().getResource().stream()
                .filter(r -> r.getType().equals("Subscription"))
                .findFirst()
                .orElseThrow();
        assertThat(subscription.getExtensionsByUrl(TopicCapabilities.TOPIC_CANONICAL))
                .extracting(e -> e.getValue().primitiveValue())
                .containsExactlyInAnyOrder(
                        Topic.BOOKED.canonical(), Topic.CANCELLED.canonical(), Topic.RESCHEDULED.canonical());
        Bundle topics = client().search()
                .byUrl("Basic?code=http://hl7.org/fhir/fhir-types|SubscriptionTopic")
                .returnBundle(Bundle.class)
                .execute();
        assertThat(topics.getEntry()).hasSize(3);
    }

    @Test
    void topicSubscriptionsMediwoxCannotDeliver_areRefusedWith422_namingTheElement() {
        Subscription unknownTopic =
                unfilteredTopicSubscription(Topic.BOOKED).setCriteria(Topic.BASE + "encounter-finished");
        Subscription onPatients = unfilteredTopicSubscription(Topic.BOOKED);
        onPatients.getCriteriaElement().addExtension(Subscriber.FILTER_CRITERIA, new StringType("Patient?name=x"));
        Subscription badContent = unfilteredTopicSubscription(Topic.BOOKED);
        badContent.getChannel().getPayloadElement().addExtension(Subscriber.PAYLOAD_CONTENT, new CodeType("all"));
        Subscription heartbeat = unfilteredTopicSubscription(Topic.BOOKED);
        heartbeat.getChannel().addExtension(Subscriber.HEARTBEAT_PERIOD, new UnsignedIntType(60));
        Subscription zulip = unfilteredTopicSubscription(Topic.BOOKED);
        zulip.getChannel()
                .getTypeElement()
                .addExtension(Subscriber.CHANNEL_TYPE, new Coding("http://example.org/channels", "zulip", null));
        Subscription remindersOfCancellations = unfilteredTopicSubscription(Topic.CANCELLED);
        remindersOfCancellations
                .getChannel()
                .getTypeElement()
                .addExtension(
                        Subscriber.CHANNEL_TYPE,
                        new Coding(
                                Subscriber.CHANNEL_TYPE_SYSTEM, SubscriberChannel.PATIENT_SMS_REMINDER.code(), null));

        assertRefused(unknownTopic, "unknown SubscriptionTopic");
        assertRefused(onPatients, "backport-filter-criteria");
        assertRefused(badContent, "backport-payload-content");
        assertRefused(heartbeat, "backport-heartbeat-period");
        assertRefused(zulip, "zulip is not delivered");
        assertRefused(remindersOfCancellations, "not cancelled ones");
        Subscription chained = unfilteredTopicSubscription(Topic.BOOKED);
        chained.getCriteriaElement()
                .addExtension(Subscriber.FILTER_CRITERIA, new StringType("Appointment?patient.name=smith"));
        assertRefused(chained, "cannot be evaluated");
        Subscription noSystem = unfilteredTopicSubscription(Topic.BOOKED);
        noSystem.getChannel().getTypeElement().addExtension(Subscriber.CHANNEL_TYPE, new Coding(null, "zulip", null));
        assertRefused(noSystem, "zulip is not delivered");
    }

    private void assertRefused(Subscription subscription, String message) {
        HttpResponse<String> response = post(subscription);
        assertThat(response.statusCode()).as(message).isEqualTo(422);
        assertThat(response.body()).contains("OperationOutcome").contains(message);
    }

    /**
     * A topic-based Subscription to this test's rest-hook receiver, filtered to the first patient of this test's pool:
     * the topics are about every Appointment of the server, and other tests' changes (an expiring hold, a late
     * cancellation) must not reach it.
     */
    private Subscription topicSubscription(Topic topic) {
        Subscription subscription = unfilteredTopicSubscription(topic);
        subscription
                .getCriteriaElement()
                .addExtension(Subscriber.FILTER_CRITERIA, new StringType("Appointment?patient=" + poolPatient(0)));
        return subscription;
    }

    private String poolPatient(int index) {
        return "Patient/" + pool.patientIds().get(index);
    }

    private Subscription unfilteredTopicSubscription(Topic topic) {
        Subscription subscription = new Subscription()
                .setStatus(Subscription.SubscriptionStatus.REQUESTED)
                .setReason("EHR worklist")
                .setCriteria(topic.canonical());
        subscription
                .getChannel()
                .setType(Subscription.SubscriptionChannelType.RESTHOOK)
                .setEndpoint("http://" + LOCAL_RECEIVERS + ":"
                        + subscriber.getAddress().getPort() + "/hook")
                .setPayload("application/fhir+json");
        return subscription;
    }

    /** The notification Bundles received for a topic-based Subscription, in arrival order. */
    private List<Bundle> notificationsOf(String subscriptionId) {
        return received.stream()
                .filter(h -> h.body().contains("\"resourceType\":\"Bundle\""))
                .map(h -> fhirContext.newJsonParser().parseResource(Bundle.class, h.body()))
                .filter(b -> ((Reference)
                                statusOf(b).getParameter("subscription").getValue())
                        .getReference()
                        .endsWith("/Subscription/" + subscriptionId))
                .toList();
    }

    private List<Bundle> awaitNotifications(String subscriptionId, int count) {
        return await(() -> notificationsOf(subscriptionId), count);
    }

    /**
     * The one event notification among a Subscription's notifications: the handshake and the first event can be
     * sent in the same dispatcher round, by two senders, so they may arrive in either order.
     */
    private static Bundle eventNotification(List<Bundle> notifications) {
        return notifications.stream()
                .filter(b -> "event-notification"
                        .equals(statusOf(b).getParameter("type").getValue().primitiveValue()))
                .findFirst()
                .orElseThrow();
    }

    private static Parameters statusOf(Bundle notification) {
        return (Parameters) notification.getEntryFirstRep().getResource();
    }

    private static int eventNumber(Bundle notification) {
        return Integer.parseInt(statusOf(notification).getParameter("notification-event").getPart().stream()
                .filter(p -> p.getName().equals("event-number"))
                .findFirst()
                .orElseThrow()
                .getValue()
                .primitiveValue());
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
        return book(0);
    }

    private Appointment book(int patient) {
        return book(patient, null);
    }

    /** Books into the test pool for a pool patient; {@code replaces}: the appointment it reschedules. */
    private Appointment book(int patient, String replaces) {
        Parameters parameters = new Parameters();
        parameters
                .addParameter()
                .setName("patient-reference")
                .setValue(new Reference("Patient/" + pool.patientIds().get(patient)));
        parameters.addParameter().setName("specialty").setValue(new StringType(pool.specialtyToken()));
        if (replaces != null) {
            parameters.addParameter().setName("cancelled-appt-id").setValue(new StringType(replaces));
        }
        Bundle bundle = client().operation()
                .onType(Appointment.class)
                .named("$book")
                .withParameters(parameters)
                .returnResourceType(Bundle.class)
                .withAdditionalHeader("Idempotency-Key", UUID.randomUUID().toString())
                .execute();
        return bundle.getEntry().stream()
                .map(Bundle.BundleEntryComponent::getResource)
                .filter(r -> r instanceof Appointment a && a.getStatus() == Appointment.AppointmentStatus.BOOKED)
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
        return await(() -> hooksFor(appointmentId), count);
    }
}

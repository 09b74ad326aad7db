package org.mediwox.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.mediwox.server.booking.BookingClient;
import org.mediwox.server.booking.BookingClient.Answer;
import org.mediwox.server.support.Browser;
import org.mediwox.server.support.Cluster;
import org.mediwox.server.support.OpenSearchNode;
import org.mediwox.server.support.Race;
import org.mediwox.server.support.ServerProcess;
import org.mediwox.server.support.SesLocal;
import org.mediwox.server.support.SmartLogin;
import org.mediwox.server.support.TestPool;
import org.mediwox.server.support.Tokens;

/**
 * Two server processes (the shipped jar, production mode) on one PostgreSQL of the machine's own installation, behind a
 * load balancer that sends each request to the next node ({@link Cluster}): bookings into one pool through both nodes
 * stay fair and single; an Idempotency-Key, an access token, an authorization code and a refresh token of one node are
 * honoured by the other; each confirmation e-mail and each rest-hook notification is sent once; a PostgreSQL restart under load gives clients 503s with
 * {@code Retry-After} and loses nothing acknowledged; a node killed under the load of 200 clients loses nothing
 * acknowledged, and the other node carries on and takes over its lapsed holds and its queued notifications.
 *
 * <p>The nodes' full-text index is on a real OpenSearch node ({@link OpenSearchNode}, as a cluster runs it): a Patient
 * written through one node is found by {@code _content} and {@code _text} on the other.
 *
 * <p>The steps share one cluster and run in order; the kill comes last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final FhirContext FHIR = FhirContext.forR4Cached();
    /** Messages a node sends at once: the most a killed node can leave sent but unrecorded. */
    private static final int SENDS_AT_ONCE = 4;

    private static final Duration HOLD = Duration.ofSeconds(20);
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final String PASSWORD = "correct horse battery";

    private static SesLocal ses;
    private static OpenSearchNode opensearch;
    private static Cluster cluster;
    private static String token;
    /** Recipients of the confirmations of the bookings of the first steps. */
    private static final Set<String> confirmed = new java.util.HashSet<>();
    /** Appointments booked in the first steps, which the rest-hook subscriber must hear of once each. */
    private static final Set<String> bookedFirst = new java.util.HashSet<>();

    private static RestHookReceiver receiver;
    private static String subscription;

    @BeforeAll
    static void twoNodesBehindALoadBalancer() throws Exception {
        ses = SesLocal.startOwn("ses-local-cluster");
        opensearch = OpenSearchNode.start();
        Instant started = Instant.now();
        cluster = Cluster.start(
                Path.of("target", "it-data", "cluster-" + RUN),
                2,
                Map.of(
                        "AWS_REGION", "us-east-1",
                        "AWS_ACCESS_KEY_ID", "test",
                        "AWS_SECRET_ACCESS_KEY", "test",
                        // no SMS here: these patients have email only
                        "AWS_ENDPOINT_URL_SNS", "http://127.0.0.1:9"),
                List.of(
                        "--mediwox.auth.demo-client=true",
                        "--mediwox.full-text.backend=opensearch",
                        "--mediwox.full-text.opensearch.uris=" + opensearch.uri(),
                        "--mediwox.full-text.opensearch.index-prefix=cluster-" + RUN,
                        "--mediwox.auth.clients[0].id=" + SmartLogin.APP_CLIENT_ID,
                        "--mediwox.auth.clients[0].redirect-uris[0]=" + SmartLogin.REDIRECT_URI,
                        "--mediwox.notification.transport=aws",
                        "--mediwox.notification.ses-endpoint=" + ses.endpoint(),
                        "--mediwox.notification.poll-interval=200ms",
                        "--mediwox.notification.concurrency=" + SENDS_AT_ONCE,
                        // a send gives up after half the lease and is then tried again (SES may have taken it):
                        // on this 2-core machine under 200 clients a send has taken over 2.5 s
                        "--mediwox.notification.lease=" + LEASE.toSeconds() + "s",
                        "--mediwox.scheduling.hold-duration=" + HOLD.toSeconds() + "s",
                        "--mediwox.scheduling.hold-sweep-interval=2s",
                        // 200 clients on two nodes: they wait for a turn rather than being refused (AdmissionIT
                        // tests the refusals)
                        "--mediwox.admission.max-queue=150",
                        "--mediwox.admission.max-wait=60s"));
        System.out.printf(
                "[cluster] PostgreSQL %s, two nodes and the proxy %s up in %d s%n",
                cluster.postgres().jdbcUrl(),
                cluster.proxy().root(),
                Duration.between(started, Instant.now()).toSeconds());
        token = Tokens.demoClient(cluster.proxy().root(), "system/*.cruds");
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
        if (ses != null) {
            ses.stop();
        }
        if (receiver != null) {
            receiver.close();
        }
        if (opensearch != null) {
            opensearch.close();
        }
    }

    @Test
    @Order(4)
    void aPatientWrittenThroughOneNode_isFoundByFullTextOnTheOther() {
        String word = "zq" + RUN + "fulltext";
        Patient patient = new Patient();
        patient.addName().setFamily("Fulltext-" + RUN).addGiven(word);
        patient.getText()
                .setStatus(Narrative.NarrativeStatus.GENERATED)
                .setDivAsString("<div xmlns=\"http://www.w3.org/1999/xhtml\">Enjoys birdwatching " + word + "</div>");
        String id = nodeClient(0).create().resource(patient).execute().getId().getIdPart();

        Instant written = Instant.now();
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(ids(nodeClient(1), "Patient?_content=" + word))
                        .as("node B's _content search for a word of node A's write")
                        .containsExactly(id));
        System.out.printf(
                "[cluster] node A's write found by node B's _content search %d ms after it returned%n",
                Duration.between(written, Instant.now()).toMillis());
        assertThat(ids(nodeClient(1), "Patient?_text=" + word)).containsExactly(id);
        assertThat(ids(nodeClient(0), "Patient?_content=" + word)).containsExactly(id);
    }

    @Test
    @Order(1)
    void bookingsIntoOnePoolThroughBothNodes_areFair_andNeverDoubleBooked() throws Exception {
        TestPool pool = TestPool.create(client(), 4, 15, 0);
        List<String> patients = ClusterData.patientsWithEmail(client(), emailPrefix("fair"), 40);
        receiver = RestHookReceiver.start();
        subscription = client().create()
                .resource(receiver.subscriptionOnBookings())
                .execute()
                .getId()
                .getIdPart();
        // each node reads the active Subscriptions again at most 5 s after another node's change (notification-module)
        Thread.sleep(6_000);
        long[] before = forwarded();
        BookingClient viaProxy = viaProxy();

        List<Answer> answers = Race.run(
                40,
                i -> () -> viaProxy.book(
                        BookingClient.poolRequest(patients.get(i), pool.specialtyToken()),
                        UUID.randomUUID().toString()));

        long[] served = forwarded();
        List<Appointment> booked = answers.stream()
                .filter(a -> a.status() == 200)
                .map(Answer::appointment)
                .toList();
        Map<String, Long> refused = answers.stream()
                .filter(a -> a.status() != 200)
                .collect(Collectors.groupingBy(a -> "HTTP " + a.status(), Collectors.counting()));
        long turns = data().turnsTaken(pool.specialty());
        long unusedTurns = turns - booked.size();
        Map<String, Long> perProvider = new LinkedHashMap<>();
        pool.roleIds().forEach(role -> perProvider.put("PractitionerRole/" + role, 0L));
        booked.forEach(a -> perProvider.merge(provider(a), 1L, Long::sum));
        long spread = perProvider.values().stream()
                        .mapToLong(Long::longValue)
                        .max()
                        .orElseThrow()
                - perProvider.values().stream().mapToLong(Long::longValue).min().orElseThrow();
        System.out.printf(
                "[cluster] 40 concurrent $book through the proxy (node A %d requests, node B %d): %d booked, refused"
                        + " %s, %d turns taken (%d unused), per provider %s, spread %d%n",
                served[0] - before[0],
                served[1] - before[1],
                booked.size(),
                refused,
                turns,
                unusedTurns,
                perProvider.values(),
                spread);

        assertThat(served[0] - before[0]).as("requests node A served").isGreaterThanOrEqualTo(10);
        assertThat(served[1] - before[1]).as("requests node B served").isGreaterThanOrEqualTo(10);
        assertThat(booked).as("refused: %s", refused).hasSizeGreaterThanOrEqualTo(36);
        assertThat(spread)
                .as(
                        "spread over the providers %s: at most 1 plus the %d turns taken by the %d attempts that failed"
                                + " (%s)",
                        perProvider, unusedTurns, 40 - booked.size(), refused)
                .isLessThanOrEqualTo(1 + unusedTurns);
        assertSingleBookings(booked, data().bookedInPool(client(), pool));
        booked.forEach(a -> confirmed.add(ClusterData.email(emailPrefix("fair"), patients.indexOf(patient(a)))));
        booked.forEach(a -> bookedFirst.add(a.getIdElement().getIdPart()));
    }

    @Test
    @Order(2)
    void idempotencyKeyReplayedOnTheOtherNode_answersTheSameAppointment() throws Exception {
        TestPool pool = TestPool.create(client(), 2, 4, 0);
        List<String> patients = ClusterData.patientsWithEmail(client(), emailPrefix("replay"), 1);
        String key = UUID.randomUUID().toString();

        Answer onA = onNode(0).book(BookingClient.poolRequest(patients.get(0), pool.specialtyToken()), key);
        Answer onB = onNode(1).book(BookingClient.poolRequest(patients.get(0), pool.specialtyToken()), key);

        assertThat(onA.status()).as(onA.body()).isEqualTo(200);
        assertThat(onB.status()).as(onB.body()).isEqualTo(200);
        assertThat(onB.appointment().getIdElement().getIdPart())
                .isEqualTo(onA.appointment().getIdElement().getIdPart());
        assertThat(data().bookedInPool(client(), pool)).hasSize(1);
        confirmed.add(ClusterData.email(emailPrefix("replay"), 0));
        bookedFirst.add(onA.appointment().getIdElement().getIdPart());
    }

    @Test
    @Order(3)
    void accessTokenCodeAndRefreshTokens_issuedByOneNode_workOnTheOther() throws Exception {
        ServerProcess a = cluster.node(0);
        ServerProcess b = cluster.node(1);
        String tokenOfA = Tokens.demoClient(a.root(), "system/Patient.rs");
        assertThat(status(b, "/fhir/Patient?_count=1", tokenOfA))
                .as("node A's access token at node B")
                .isEqualTo(200);

        // a patient account, registered on node A; the e-mailed link confirmed through the load balancer
        String email = emailPrefix("account") + "@example.org";
        Browser browser = new Browser(a.root());
        Map<String, String> form = new LinkedHashMap<>();
        form.put("email", email);
        form.put("password", PASSWORD);
        form.put("given", "Ada");
        form.put("family", "Cluster-" + RUN);
        form.put("birthDate", "1980-01-02");
        form.put("identifier", "");
        assertThat(browser.submit("/register", "/register", form).statusCode()).isEqualTo(200);
        assertThat(browser.get(data().mailedLink(email, "verify-email")).body()).contains("confirmed");

        // signed in on node A, which issues the code; redeemed at node B
        SmartLogin login = new SmartLogin(a.root()).withPassword(PASSWORD);
        String code = login.authorize(
                email, "launch/patient offline_access patient/Patient.rs", Map.of("aud", cluster.fhirBase()));
        HttpResponse<String> exchanged = new SmartLogin(b.root()).exchange(code, login.verifier());
        assertThat(exchanged.statusCode()).as(exchanged.body()).isEqualTo(200);
        JsonNode tokens = Tokens.json(exchanged.body());
        String patient = tokens.get("patient").asText();
        assertThat(status(
                        a,
                        "/fhir/Patient/" + patient,
                        tokens.get("access_token").asText()))
                .as("node B's access token at node A")
                .isEqualTo(200);

        // node B's refresh token refreshed at node A, and the one node A then issues, at node B
        JsonNode atA = refresh(a, tokens.get("refresh_token").asText());
        assertThat(status(b, "/fhir/Patient/" + patient, atA.get("access_token").asText()))
                .isEqualTo(200);
        JsonNode atB = refresh(b, atA.get("refresh_token").asText());
        assertThat(atB.get("patient").asText()).isEqualTo(patient);
        assertThat(status(a, "/fhir/Patient/" + patient, atB.get("access_token").asText()))
                .isEqualTo(200);
    }

    @Test
    @Order(5)
    void confirmationsAndRestHookNotificationsOfBookingsMadeOnBothNodes_areEachSentOnce() throws Exception {
        assertThat(confirmed).hasSizeGreaterThanOrEqualTo(37);

        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> data().outboxStatuses(confirmed).getOrDefault("sent", 0) == confirmed.size());
        // a little more: a message sent twice is normally on its way by then
        Awaitility.await()
                .during(Duration.ofSeconds(5))
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> assertThat(delivered(confirmed))
                        .as("emails per recipient")
                        .hasSize(confirmed.size())
                        .allSatisfy((recipient, n) -> assertThat(n).isEqualTo(1L)));
        assertThat(data().outboxStatuses(confirmed)).containsExactly(Map.entry("sent", confirmed.size()));
        // the rest-hook Subscription: each booking delivered once, whichever node booked it and whichever sent it
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> receiver.deliveries(bookedFirst).size() == bookedFirst.size());
        assertThat(receiver.deliveries(bookedFirst))
                .as("rest-hook deliveries per Appointment")
                .allSatisfy((appointment, n) -> assertThat(n).isEqualTo(1L));
        client().delete().resourceById("Subscription", subscription).execute();
        System.out.printf(
                "[cluster] %d confirmations and %d rest-hook notifications of bookings made on both nodes: each sent"
                        + " once%n",
                confirmed.size(), bookedFirst.size());
    }

    @Test
    @Order(6)
    void postgresRestartedMidLoad_clientsGet503WithRetryAfter_theNodesReconnect_andNothingAcknowledgedIsLost()
            throws Exception {
        TestPool pool = TestPool.create(client(), 4, 60, 0);
        List<String> patients = ClusterData.patientsWithEmail(client(), emailPrefix("restart"), 240);
        BookingLoad load = BookingLoad.start(viaProxy(), pool.specialtyToken(), patients, 16);
        load.awaitAcknowledged(30, Duration.ofMinutes(2));

        Instant restarting = Instant.now();
        cluster.postgres().restart();
        Duration restart = Duration.between(restarting, Instant.now());
        Duration recovered = untilBothNodesAnswer(restarting);
        load.finish();

        List<BookingLoad.Acknowledged> acknowledged = load.acknowledged();
        long afterRestart = acknowledged.stream()
                .filter(a -> a.at().isAfter(restarting.plus(restart)))
                .count();
        System.out.printf(
                "[cluster] PostgreSQL restarted (pg_ctl restart -m fast, %d ms) under 16 clients: %d bookings"
                        + " acknowledged (%d after the restart), failed %s, slowest request %d ms; both nodes answer"
                        + " again %d ms after the restart began%n",
                restart.toMillis(),
                acknowledged.size(),
                afterRestart,
                load.failures(),
                load.slowest().toMillis(),
                recovered.toMillis());

        assertThat(load.failures().keySet())
                .as("no 500, no lost answer: %s", load.failures())
                .containsOnly("HTTP 503");
        assertThat(load.refusals()).as("the restart was noticed").isNotEmpty().allSatisfy(refusal -> {
            assertThat(refusal.retryAfter()).as("Retry-After").isNotBlank();
            assertThat(refusal.body())
                    .contains("\"resourceType\":\"OperationOutcome\"")
                    .doesNotContain("SQL", "Exception", "org.");
        });
        assertThat(load.slowest()).as("no request hangs").isLessThan(Duration.ofSeconds(30));
        assertThat(afterRestart).as("bookings go on after the restart").isPositive();
        assertSingleBookings(appointments(acknowledged), data().bookedInPool(client(), pool));
    }

    @Test
    @Order(7)
    void nodeKilledUnder200Clients_theOtherCarriesOn_losesNothingAcknowledged_andTakesOverHoldsAndNotifications()
            throws Exception {
        TestPool pool = TestPool.create(client(), 10, 45, 0);
        String prefix = emailPrefix("kill");
        List<String> patients = ClusterData.patientsWithEmail(client(), prefix, 400);
        TestPool holdPool = TestPool.create(client(), 1, 2, 1);
        // a slow SES (each answer held back): confirmations queue up, and sends are in flight when node A dies
        ses.gate().delayResponses(Duration.ofMillis(250));
        ServerProcess a = cluster.node(0);

        BookingLoad load = BookingLoad.start(viaProxy(), pool.specialtyToken(), patients, 200);
        load.awaitAcknowledged(100, Duration.ofMinutes(3));
        Answer hold = onNode(0)
                .post(
                        "/Appointment/$hold",
                        BookingClient.poolRequest(holdPool.patientIds().get(0), holdPool.specialtyToken()),
                        UUID.randomUUID().toString());
        assertThat(hold.status()).as(hold.body()).isEqualTo(200);
        Appointment held = hold.appointment();
        // node A must not die inside a sweep of lapsed holds: its lock would keep node B off the job for 5 min
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> !data().locked("hold-expiry"));
        Instant killed = Instant.now();
        a.killJvm();
        Map<String, Integer> queuedAtKill = data().outboxStatuses(recipients(prefix, patients.size()));
        load.finish();
        Duration carriedOn = Duration.between(killed, Instant.now());

        List<BookingLoad.Acknowledged> acknowledged = load.acknowledged();
        long afterKill =
                acknowledged.stream().filter(x -> x.at().isAfter(killed)).count();
        Duration firstAfterKill = acknowledged.stream()
                .map(BookingLoad.Acknowledged::at)
                .filter(at -> at.isAfter(killed))
                .min(Instant::compareTo)
                .map(at -> Duration.between(killed, at))
                .orElse(null);
        System.out.printf(
                "[cluster] node A killed under 200 clients: %d bookings acknowledged (%d before the kill, %d after, by"
                        + " node B; the first %s after the kill), failed %s, %d patients in %d s (%d s after the kill),"
                        + " slowest request %d ms; confirmations at the kill: %s%n",
                acknowledged.size(),
                acknowledged.size() - afterKill,
                afterKill,
                firstAfterKill,
                load.failures(),
                patients.size(),
                load.elapsed().toSeconds(),
                carriedOn.toSeconds(),
                load.slowest().toMillis(),
                queuedAtKill);

        assertThat(afterKill).as("node B carried on").isPositive();
        assertSingleBookings(appointments(acknowledged), data().bookedInPool(client(), pool));

        // node A's hold lapses and node B's sweep releases it: the Appointment cancelled, the Slot free again
        Awaitility.await()
                .atMost(HOLD.plusSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> client().read()
                                .resource(Appointment.class)
                                .withId(held.getIdElement().getIdPart())
                                .execute()
                                .getStatus()
                        == Appointment.AppointmentStatus.CANCELLED);
        assertThat(client().read()
                        .resource(org.hl7.fhir.r4.model.Slot.class)
                        .withId(slot(held))
                        .execute()
                        .getStatus())
                .isEqualTo(org.hl7.fhir.r4.model.Slot.SlotStatus.FREE);

        // node A's queued and claimed confirmations are sent by node B: each once, or twice if A sent it just before
        // it died without recording it (at most the sends it had in flight)
        Set<String> recipients = acknowledged.stream()
                .map(x -> ClusterData.email(prefix, patients.indexOf(x.patientId())))
                .collect(Collectors.toSet());
        assertThat(queuedAtKill.getOrDefault("pending", 0) + queuedAtKill.getOrDefault("sending", 0))
                .as("confirmations still to send when node A died")
                .isPositive();
        Awaitility.await()
                .atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> data().outboxStatuses(recipients).getOrDefault("sent", 0) == recipients.size());
        Map<String, Long> perRecipient = delivered(recipients);
        long twice = perRecipient.values().stream().filter(n -> n > 1).count();
        System.out.printf(
                "[cluster] after the kill: %d confirmations sent, %d of them twice (bound %d); node A's hold released"
                        + " by node B%n",
                recipients.size(), twice, SENDS_AT_ONCE);
        assertThat(perRecipient).hasSize(recipients.size());
        assertThat(perRecipient.values()).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(2L));
        assertThat(twice).as("sent twice").isLessThanOrEqualTo(SENDS_AT_ONCE);
    }

    /** How long after {@code since} both nodes answer a FHIR search with 200 again (each asked directly). */
    private static Duration untilBothNodesAnswer(Instant since) {
        for (int node = 0; node < 2; node++) {
            String root = cluster.node(node).root();
            Awaitility.await()
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> status(root, "/fhir/Patient?_count=1", token) == 200);
        }
        return Duration.between(since, Instant.now());
    }

    private static Set<String> recipients(String prefix, int count) {
        return java.util.stream.IntStream.range(0, count)
                .mapToObj(i -> ClusterData.email(prefix, i))
                .collect(Collectors.toSet());
    }

    /** Stand-ins for acknowledged bookings: the id and patient the client was told. */
    private static List<Appointment> appointments(List<BookingLoad.Acknowledged> acknowledged) {
        return acknowledged.stream()
                .map(x -> {
                    Appointment appointment = new Appointment();
                    appointment.setId(x.appointmentId());
                    appointment
                            .addParticipant()
                            .setActor(new org.hl7.fhir.r4.model.Reference("Patient/" + x.patientId()));
                    return appointment;
                })
                .toList();
    }

    private static Map<String, Long> delivered(Set<String> recipients) {
        return ses.emails().stream()
                .flatMap(e -> e.to().stream())
                .filter(recipients::contains)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    /** The booked Appointments of a pool: no Slot twice, no patient twice, and each of {@code acknowledged} there. */
    static void assertSingleBookings(List<Appointment> acknowledged, List<Appointment> inPool) {
        Map<String, Long> perSlot = inPool.stream()
                .flatMap(a -> a.getSlot().stream())
                .collect(Collectors.groupingBy(s -> s.getReferenceElement().getIdPart(), Collectors.counting()));
        assertThat(perSlot)
                .allSatisfy((slot, n) ->
                        assertThat(n).as("booked Appointments of Slot/%s", slot).isEqualTo(1L));
        Map<String, Long> perPatient =
                inPool.stream().collect(Collectors.groupingBy(ClusterIT::patient, Collectors.counting()));
        assertThat(perPatient)
                .allSatisfy((patient, n) -> assertThat(n)
                        .as("booked Appointments of Patient/%s", patient)
                        .isEqualTo(1L));
        Map<String, String> patientOf = new HashMap<>();
        inPool.forEach(a -> patientOf.put(a.getIdElement().getIdPart(), patient(a)));
        assertThat(acknowledged)
                .allSatisfy(a -> assertThat(patientOf.get(a.getIdElement().getIdPart()))
                        .as(
                                "acknowledged Appointment/%s is booked",
                                a.getIdElement().getIdPart())
                        .isEqualTo(patient(a)));
    }

    static String provider(Appointment appointment) {
        return appointment.getParticipant().stream()
                .map(p -> p.getActor().getReference())
                .filter(r -> r.startsWith("PractitionerRole/"))
                .findFirst()
                .orElseThrow();
    }

    static String patient(Appointment appointment) {
        return appointment.getParticipant().stream()
                .map(p -> p.getActor().getReferenceElement())
                .filter(r -> "Patient".equals(r.getResourceType()))
                .map(r -> r.getIdPart())
                .findFirst()
                .orElseThrow();
    }

    static String slot(Appointment appointment) {
        return appointment.getSlotFirstRep().getReferenceElement().getIdPart();
    }

    private static JsonNode refresh(ServerProcess node, String refreshToken) {
        return Tokens.tokenRequest(
                node.root(),
                Map.of(
                        "grant_type",
                        "refresh_token",
                        "refresh_token",
                        refreshToken,
                        "client_id",
                        SmartLogin.APP_CLIENT_ID),
                null);
    }

    private static int status(ServerProcess node, String path, String accessToken) {
        return status(node.root(), path, accessToken);
    }

    private static int status(String root, String path, String accessToken) {
        try {
            return HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(root + path))
                                    .timeout(Duration.ofSeconds(30))
                                    .header("Authorization", "Bearer " + accessToken)
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static long[] forwarded() {
        return new long[] {cluster.proxy().forwardedTo(0), cluster.proxy().forwardedTo(1)};
    }

    static String emailPrefix(String step) {
        return "cluster-" + RUN + "-" + step;
    }

    static ClusterData data() {
        return new ClusterData(cluster.postgres());
    }

    static BookingClient viaProxy() {
        return new BookingClient(cluster.fhirBase(), FHIR, token);
    }

    static BookingClient onNode(int index) {
        return new BookingClient(cluster.node(index).fhirBase(), FHIR, token);
    }

    private static List<String> ids(IGenericClient client, String search) {
        return client.search().byUrl(search).returnBundle(Bundle.class).execute().getEntry().stream()
                .map(e -> e.getResource().getIdElement().getIdPart())
                .toList();
    }

    /** A FHIR client of one node, not through the load balancer. */
    static IGenericClient nodeClient(int index) {
        FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        IGenericClient client = FHIR.newRestfulGenericClient(cluster.node(index).fhirBase());
        client.registerInterceptor(new BearerTokenAuthInterceptor(token));
        return client;
    }

    static IGenericClient client() {
        FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        FHIR.getRestfulClientFactory().setSocketTimeout(120_000);
        IGenericClient client = FHIR.newRestfulGenericClient(cluster.fhirBase());
        client.registerInterceptor(new BearerTokenAuthInterceptor(token));
        return client;
    }
}

package org.mediwox.server;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.AdditionalRequestHeadersInterceptor;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.mediwox.server.support.ServerProcess;
import org.mediwox.server.support.SesLocal;
import org.mediwox.server.support.TestPool;
import org.mediwox.server.support.Tokens;

/**
 * The zero-setup run (the shipped jar, its embedded PostgreSQL with the production defaults) survives a host crash:
 * the JVM and every PostgreSQL process killed with SIGKILL in the same instant while clients write and book, and again
 * while the confirmations are being sent. A process kill keeps the operating system's page cache, so this proves
 * {@code synchronous_commit}; {@code fsync} (a power cut) is covered by the start-up check read back here.
 *
 * <p>The steps build on each other (one data directory, in order): durable settings, writes and bookings across a
 * crash, confirmations across a crash mid-dispatch, and the refusal to run a cluster made non-durable.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostCrashIT {

    private static final int CLIENTS = 8;
    private static final int BOOKINGS = 200;
    private static final int CONCURRENCY = 4;
    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

    private static SesLocal ses;
    private static ServerProcess server;
    private static String token;
    private static TestPool pool;
    private static List<String> bookingPatients;
    private static final Set<String> acknowledgedPatients = ConcurrentHashMap.newKeySet();
    private static final Map<String, String> acknowledgedBookings = new ConcurrentHashMap<>();

    @BeforeAll
    static void shippedServer() {
        ses = SesLocal.startOwn("ses-local-host-crash");
        // a slow SES: each answer held back, so that sends are in flight when the host dies
        ses.gate().delayResponses(Duration.ofMillis(250));
        server = new ServerProcess(
                Path.of("target", "it-data", "host-crash-" + RUN),
                Map.of(
                        "AWS_REGION", "us-east-1",
                        "AWS_ACCESS_KEY_ID", "test",
                        "AWS_SECRET_ACCESS_KEY", "test",
                        // no SMS here: these patients have email only
                        "AWS_ENDPOINT_URL_SNS", "http://127.0.0.1:9"));
    }

    @AfterAll
    static void stop() throws InterruptedException {
        server.stop();
        ses.stop();
    }

    /** Every start: no demo data, notifications through SES; {@code pollInterval} 1h keeps the dispatcher idle. */
    private static Duration start(String pollInterval) {
        return server.start(
                "--mediwox.demo=false",
                // production refuses the demo's notification defaults (ProductionSettingsCheck)
                "--mediwox.notification.manage-url=https://clinic.example/app",
                "--mediwox.notification.clinic-phone=+14155550123",
                "--mediwox.auth.demo-client=true",
                "--mediwox.notification.transport=aws",
                "--mediwox.notification.ses-endpoint=" + ses.endpoint(),
                "--mediwox.notification.poll-interval=" + pollInterval,
                "--mediwox.notification.concurrency=" + CONCURRENCY,
                "--mediwox.notification.lease=5s");
    }

    @Test
    @Order(1)
    void zeroSetupPostgres_isDurableByDefault() throws Exception {
        start("1h");

        try (Connection db = server.database();
                Statement sql = db.createStatement()) {
            assertThat(show(sql, "fsync")).isEqualTo("on");
            assertThat(show(sql, "synchronous_commit")).isEqualTo("on");
            assertThat(show(sql, "full_page_writes")).isEqualTo("on");
        }
        assertThat(server.output())
                .contains("embedded PostgreSQL durability: fsync=on, synchronous_commit=on, full_page_writes=on");
    }

    @Test
    @Order(2)
    void writesAndBookingsAcknowledgedBeforeAHostCrash_areAllThereAfterTheRestart() throws Exception {
        token = Tokens.demoClient(server.root(), "system/*.cruds");
        pool = TestPool.create(client(), 10, 24, 0);
        bookingPatients = patientsWithEmail(BOOKINGS + 20);

        writeAndBookUntilTheHostDies();
        assertThat(acknowledgedBookings).hasSizeGreaterThanOrEqualTo(BOOKINGS);
        start("1h");

        IGenericClient client = client();
        for (List<String> ids : batches(List.copyOf(acknowledgedPatients))) {
            assertThat(read(client, "Patient", ids)).as("acknowledged creates").hasSize(ids.size());
        }
        List<Appointment> booked = new ArrayList<>();
        for (List<String> ids : batches(List.copyOf(acknowledgedBookings.keySet()))) {
            List<Appointment> found = read(client, "Appointment", ids).stream()
                    .map(Appointment.class::cast)
                    .toList();
            assertThat(found).as("acknowledged bookings").hasSize(ids.size());
            booked.addAll(found);
        }
        assertThat(booked).allSatisfy(a -> assertThat(a.getStatus()).isEqualTo(Appointment.AppointmentStatus.BOOKED));
        assertNoSlotDoubleBooked(client);
        assertThat(booked)
                .allSatisfy(a -> assertThat(confirmations(client, a.getIdPart()))
                        .as("confirmation of %s", a.getIdPart())
                        .isNotEmpty());
        System.out.printf(
                "[host-crash] %d patient creates and %d bookings acknowledged before the crash: all present, no Slot"
                        + " double-booked%n",
                acknowledgedPatients.size(), acknowledgedBookings.size());
    }

    @Test
    @Order(3)
    void confirmationsInFlightAtAHostCrash_areSentOnce_orTwiceOnlyIfAcceptedJustBeforeIt() throws Exception {
        Set<String> recipients = recipientsOfBookedPatients();
        server.crash();
        Thread.sleep(500);

        // the confirmations go out (each answered after 250 ms); the host dies when about a quarter are through
        start("100ms");
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (delivered(recipients).size() < recipients.size() / 4
                && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
        }
        server.crash();
        int beforeCrash = delivered(recipients).size();
        assertThat(beforeCrash).as("the crash fell mid-dispatch").isLessThan(recipients.size());

        start("100ms");
        deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (delivered(recipients).keySet().size() < recipients.size()
                && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
        // one lease more: anything still to be sent again would be sent by then; fails as soon as it is too much
        Awaitility.await()
                .during(Duration.ofSeconds(6))
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertSentOnce_orTwiceIfInFlight(delivered(recipients), recipients));
        long twice = delivered(recipients).values().stream().filter(n -> n > 1).count();
        System.out.printf(
                "[host-crash] dispatch of %d confirmations killed after %d: %d sent twice (at most %d in flight)%n",
                recipients.size(), beforeCrash, twice, CONCURRENCY);
    }

    private static void assertSentOnce_orTwiceIfInFlight(Map<String, Long> perRecipient, Set<String> recipients) {
        assertThat(perRecipient.keySet()).as("every confirmation sent").containsExactlyInAnyOrderElementsOf(recipients);
        assertThat(perRecipient.values()).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(2));
        assertThat(perRecipient.values().stream().filter(n -> n > 1).count())
                .as("sent twice: at most the sends in flight at the crash")
                .isLessThanOrEqualTo(CONCURRENCY);
    }

    @Test
    @Order(4)
    void embeddedClusterMadeNonDurable_isRefusedAtStart() throws Exception {
        try (Connection db = server.database();
                Statement sql = db.createStatement()) {
            sql.execute("alter database mediwox set synchronous_commit = off");
        }
        server.crash();

        String output = server.startExpectingRefusal(Duration.ofMinutes(3));

        assertThat(output)
                .contains("The embedded PostgreSQL is not durable (fsync=on, synchronous_commit=off")
                .contains("MEDIWOX_DATABASE_DURABLE=false");
    }

    private static void writeAndBookUntilTheHostDies() throws InterruptedException {
        AtomicBoolean dead = new AtomicBoolean();
        AtomicInteger nextPatient = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(2 * CLIENTS);
        IGenericClient client = client();
        for (int i = 0; i < CLIENTS; i++) {
            clients.submit(() -> {
                while (!dead.get()) {
                    Patient patient = new Patient();
                    patient.addName().setFamily("Crash writer " + RUN);
                    try {
                        acknowledgedPatients.add(client.create()
                                .resource(patient)
                                .execute()
                                .getId()
                                .getIdPart());
                    } catch (RuntimeException e) {
                        // no answer, or not a 201: not acknowledged
                    }
                }
            });
            clients.submit(() -> {
                int index;
                while (!dead.get() && (index = nextPatient.getAndIncrement()) < bookingPatients.size()) {
                    try {
                        Appointment booked = book(bookingPatients.get(index));
                        acknowledgedBookings.put(booked.getIdPart(), bookingPatients.get(index));
                    } catch (RuntimeException e) {
                        // no answer, or a refusal: not acknowledged
                    }
                }
            });
        }
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (acknowledgedBookings.size() < BOOKINGS && Instant.now().isBefore(deadline)) {
            Thread.sleep(10);
        }
        server.crash(); // with writes and bookings in flight
        dead.set(true);
        clients.shutdown();
        assertThat(clients.awaitTermination(2, TimeUnit.MINUTES)).isTrue();
    }

    private static Appointment book(String patientId) {
        Parameters request = new Parameters();
        request.addParameter().setName("patient-reference").setValue(new Reference("Patient/" + patientId));
        request.addParameter().setName("specialty").setValue(new StringType(pool.specialtyToken()));
        IGenericClient client = client();
        AdditionalRequestHeadersInterceptor key = new AdditionalRequestHeadersInterceptor();
        key.addHeaderValue("Idempotency-Key", UUID.randomUUID().toString());
        client.registerInterceptor(key);
        Bundle bundle = client.operation()
                .onType(Appointment.class)
                .named("$book")
                .withParameters(request)
                .returnResourceType(Bundle.class)
                .execute();
        return (Appointment) bundle.getEntryFirstRep().getResource();
    }

    private static List<String> patientsWithEmail(int count) {
        Bundle tx = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        for (int i = 0; i < count; i++) {
            Patient patient = new Patient();
            patient.addName().setFamily("Crash patient " + i);
            patient.addTelecom()
                    .setSystem(ContactPoint.ContactPointSystem.EMAIL)
                    .setValue(email(i));
            tx.addEntry()
                    .setResource(patient)
                    .getRequest()
                    .setMethod(Bundle.HTTPVerb.POST)
                    .setUrl("Patient");
        }
        Bundle response = client().transaction().withBundle(tx).execute();
        return response.getEntry().stream()
                .map(e -> new IdType(e.getResponse().getLocation()).getIdPart())
                .toList();
    }

    private static String email(int index) {
        return "crash-" + RUN + "-" + index + "@example.org";
    }

    private static Set<String> recipientsOfBookedPatients() {
        Map<String, Integer> indexOf = new HashMap<>();
        for (int i = 0; i < bookingPatients.size(); i++) {
            indexOf.put(bookingPatients.get(i), i);
        }
        return acknowledgedBookings.values().stream()
                .map(patient -> email(indexOf.get(patient)))
                .collect(Collectors.toSet());
    }

    /** How many emails each of these recipients received. */
    private static Map<String, Long> delivered(Set<String> recipients) {
        return ses.emails().stream()
                .flatMap(e -> e.to().stream())
                .filter(recipients::contains)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    private static void assertNoSlotDoubleBooked(IGenericClient client) {
        Map<String, Long> bookingsPerSlot = new HashMap<>();
        for (List<String> slots : batches(pool.slotIds())) {
            Bundle page = client.search()
                    .byUrl("Appointment?status=booked&_count=500&slot=" + String.join(",", slots))
                    .returnBundle(Bundle.class)
                    .execute();
            assertThat(page.getLink(Bundle.LINK_NEXT)).isNull();
            for (Bundle.BundleEntryComponent entry : page.getEntry()) {
                Appointment appointment = (Appointment) entry.getResource();
                appointment
                        .getSlot()
                        .forEach(slot ->
                                bookingsPerSlot.merge(slot.getReferenceElement().getIdPart(), 1L, Long::sum));
            }
        }
        assertThat(bookingsPerSlot)
                .isNotEmpty()
                .allSatisfy((slot, count) -> assertThat(count)
                        .as("booked Appointments on Slot/%s", slot)
                        .isEqualTo(1L));
    }

    private static List<Communication> confirmations(IGenericClient client, String appointmentId) {
        Bundle bundle = client.operation()
                .onServer()
                .named("$notifications")
                .withParameter(Parameters.class, "appointment", new StringType(appointmentId))
                .returnResourceType(Bundle.class)
                .useHttpGet()
                .execute();
        return bundle.getEntry().stream()
                .map(e -> (Communication) e.getResource())
                .filter(c ->
                        c.getCategoryFirstRep().getCodingFirstRep().getCode().equals("booked"))
                .filter(c -> c.getStatus() == Communication.CommunicationStatus.PREPARATION
                        || c.getStatus() == Communication.CommunicationStatus.COMPLETED)
                .toList();
    }

    private static List<Resource> read(IGenericClient client, String type, List<String> ids) {
        Bundle page = client.search()
                .byUrl(type + "?_count=500&_id=" + String.join(",", ids))
                .returnBundle(Bundle.class)
                .execute();
        return page.getEntry().stream()
                .map(Bundle.BundleEntryComponent::getResource)
                .toList();
    }

    private static <T> List<List<T>> batches(List<T> all) {
        List<List<T>> batches = new ArrayList<>();
        for (int i = 0; i < all.size(); i += 100) {
            batches.add(all.subList(i, Math.min(all.size(), i + 100)));
        }
        return batches;
    }

    private static String show(Statement sql, String setting) throws Exception {
        try (ResultSet rs = sql.executeQuery("show " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static IGenericClient client() {
        FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        FHIR.getRestfulClientFactory().setSocketTimeout(60_000);
        IGenericClient client = FHIR.newRestfulGenericClient(server.fhirBase());
        client.registerInterceptor(new BearerTokenAuthInterceptor(token));
        return client;
    }
}

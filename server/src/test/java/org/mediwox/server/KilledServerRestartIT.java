package org.mediwox.server;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.AdditionalRequestHeadersInterceptor;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.mediwox.server.support.ServerProcess;
import org.mediwox.server.support.TestPool;
import org.mediwox.server.support.Tokens;

/**
 * The zero-setup run (the shipped jar, embedded PostgreSQL, production defaults) after {@code kill -9} of its JVM
 * alone, as the OOM killer does it: the embedded PostgreSQL is a daemon of its own, so its watchdog must stop it
 * within 10 s, and the next start must come up within 1.5 times a normal start with every acknowledged write. When
 * the watchdog cannot act (frozen here), the next start finds the PostgreSQL left running and stops it cleanly. A
 * second server on the same data directory is refused with a readable message, and a {@code postmaster.pid} naming
 * some other program does not block a start.
 *
 * <p>The steps build on each other (one data directory, in order). {@link HostCrashIT} kills the JVM and PostgreSQL
 * together.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KilledServerRestartIT {

    private static final int WRITERS = 6;
    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

    private static ServerProcess server;
    private static Duration normalStart;
    private static String token;
    private static final Set<String> acknowledgedPatients = ConcurrentHashMap.newKeySet();
    private static final Set<String> acknowledgedBookings = ConcurrentHashMap.newKeySet();

    @BeforeAll
    static void shippedServer() {
        server = new ServerProcess(Path.of("target", "it-data", "killed-server-" + RUN), Map.of());
    }

    @AfterAll
    static void stop() throws InterruptedException {
        server.stop();
    }

    private static Duration start() {
        return server.start(
                "--mediwox.demo=false",
                "--mediwox.auth.demo-client=true",
                "--mediwox.notification.transport=log",
                "--mediwox.notification.manage-url=https://clinic.example/app",
                "--mediwox.notification.clinic-phone=+14155550123");
    }

    @Test
    @Order(1)
    void normalStart_afterAnOrderlyStop() throws Exception {
        start(); // the first start also makes the cluster and HAPI's tables
        server.stop();
        assertThat(server.postmasterPid())
                .as("an orderly stop stops PostgreSQL")
                .isEmpty();

        normalStart = start();

        assertThat(server.output()).containsPattern("PostgreSQL \\(process \\d+\\) is watched by process \\d+");
        System.out.printf("[killed-server] normal start: %d ms%n", normalStart.toMillis());
    }

    @Test
    @Order(2)
    void jvmKilledMidWrite_postgresStopsWithinTenSeconds_restartIsQuick_andEveryAcknowledgedWriteIsThere()
            throws Exception {
        token = Tokens.demoClient(server.root(), "system/*.cruds");
        TestPool pool = TestPool.create(client(), 2, 20, 20);
        long postmaster = server.postmasterPid().orElseThrow();

        writeAndBookUntilKilled(pool);
        Instant killed = Instant.now();
        assertThat(ProcessHandle.of(postmaster)
                        .map(p -> p.onExit()
                                .completeOnTimeout(p, 10, TimeUnit.SECONDS)
                                .join()
                                .isAlive())
                        .orElse(false))
                .as("PostgreSQL still runs 10 s after its JVM was killed")
                .isFalse();
        Duration postgresOutlived = Duration.between(killed, Instant.now());

        Duration restart = start();

        assertThat(restart)
                .as("restart after the kill vs a normal start (%s)", normalStart)
                .isLessThanOrEqualTo(normalStart.multipliedBy(3).dividedBy(2));
        assertEveryAcknowledgedWriteIsThere();
        System.out.printf(
                "[killed-server] JVM killed: PostgreSQL gone %d ms later; restart %d ms (normal %d ms); %d creates and"
                        + " %d bookings acknowledged, all present%n",
                postgresOutlived.toMillis(),
                restart.toMillis(),
                normalStart.toMillis(),
                acknowledgedPatients.size(),
                acknowledgedBookings.size());
    }

    @Test
    @Order(3)
    void secondServerOnTheSameDataDirectory_isRefusedWithAReadableMessage() throws Exception {
        ServerProcess second = new ServerProcess(server.dataDir(), Map.of());

        String output = second.startExpectingRefusal(Duration.ofMinutes(3));

        assertThat(output)
                .contains("APPLICATION FAILED TO START")
                .contains("The data directory " + server.dataDir() + " is in use by another running Mediwox (process "
                        + server.pid() + ")")
                .contains("MEDIWOX_DATA_DIR")
                .doesNotContain("\tat ");
        assertThat(client().read()
                        .resource(Patient.class)
                        .withId(acknowledgedPatients.iterator().next())
                        .execute())
                .as("the first server runs on")
                .isNotNull();
    }

    @Test
    @Order(4)
    void jvmKilledWhileItsPostgresKeepsRunning_theNextStartStopsThatPostgresCleanly() throws Exception {
        ProcessHandle watchdog = server.watchdog().orElseThrow();
        long postmaster = server.postmasterPid().orElseThrow();
        signal("STOP", watchdog.pid()); // the watchdog cannot act: PostgreSQL outlives its JVM
        try {
            server.killJvm();
            Thread.sleep(2_000);
            assertThat(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive))
                    .as("PostgreSQL left running")
                    .contains(true);

            Duration restart = start();

            assertThat(restart)
                    .as("restart stopping a PostgreSQL left running vs a normal start (%s)", normalStart)
                    .isLessThanOrEqualTo(normalStart.multipliedBy(3).dividedBy(2));
            assertThat(server.output())
                    .contains("PostgreSQL (process " + postmaster + ") is still running on")
                    .contains("Stopped the PostgreSQL left running on");
            assertThat(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive).orElse(false))
                    .isFalse();
            assertEveryAcknowledgedWriteIsThere();
            long newPostmaster = server.postmasterPid().orElseThrow();

            // the old watchdog wakes up: its JVM is gone, but the pid file names another postmaster now
            signal("CONT", watchdog.pid());
            assertThat(watchdog.onExit()
                            .completeOnTimeout(null, 20, TimeUnit.SECONDS)
                            .join())
                    .as("the old watchdog exits")
                    .isNotNull();
            assertThat(ProcessHandle.of(newPostmaster).map(ProcessHandle::isAlive))
                    .contains(true);
            assertThat(client().read()
                            .resource(Patient.class)
                            .withId(acknowledgedPatients.iterator().next())
                            .execute())
                    .isNotNull();
            System.out.printf(
                    "[killed-server] PostgreSQL left running by a killed JVM stopped by the next start: restart %d ms"
                            + " (normal %d ms)%n",
                    restart.toMillis(), normalStart.toMillis());
        } finally {
            watchdog.destroyForcibly();
        }
    }

    @Test
    @Order(5)
    void pidFileNamingAnotherProgram_doesNotBlockTheStart() throws Exception {
        server.stop();
        Process other = new ProcessBuilder("sleep", "600").start();
        try {
            Path pidFile = server.dataDir().resolve("postgres").resolve("postmaster.pid");
            Files.writeString(pidFile, other.pid() + "\n" + server.dataDir().resolve("postgres") + "\n");

            start();

            assertThat(server.output()).contains("names process " + other.pid() + " (sleep)");
            assertThat(other.isAlive()).as("the other program is left alone").isTrue();
            assertThat(server.postmasterPid()).isPresent().isNotEqualTo(java.util.OptionalLong.of(other.pid()));
        } finally {
            other.destroyForcibly();
        }
    }

    private static void writeAndBookUntilKilled(TestPool pool) throws InterruptedException {
        AtomicBoolean dead = new AtomicBoolean();
        AtomicInteger nextPatient = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(WRITERS + 1);
        IGenericClient client = client();
        for (int i = 0; i < WRITERS; i++) {
            clients.submit(() -> {
                while (!dead.get()) {
                    Patient patient = new Patient();
                    patient.addName().setFamily("Killed writer " + RUN);
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
        }
        clients.submit(() -> {
            int index;
            while (!dead.get()
                    && (index = nextPatient.getAndIncrement())
                            < pool.patientIds().size()) {
                try {
                    acknowledgedBookings.add(book(pool, pool.patientIds().get(index)));
                } catch (RuntimeException e) {
                    // no answer, or a refusal: not acknowledged
                }
            }
        });
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while ((acknowledgedPatients.size() < 100 || acknowledgedBookings.size() < 3)
                && Instant.now().isBefore(deadline)) {
            Thread.sleep(10);
        }
        server.killJvm(); // with writes (and likely a booking) in flight
        dead.set(true);
        clients.shutdown();
        assertThat(clients.awaitTermination(2, TimeUnit.MINUTES)).isTrue();
        assertThat(acknowledgedBookings).hasSizeGreaterThanOrEqualTo(3);
    }

    private static String book(TestPool pool, String patientId) {
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
        return bundle.getEntryFirstRep().getResource().getIdElement().getIdPart();
    }

    private static void assertEveryAcknowledgedWriteIsThere() {
        IGenericClient client = client();
        for (List<String> ids : batches(List.copyOf(acknowledgedPatients))) {
            assertThat(count(client, "Patient", ids)).as("acknowledged creates").isEqualTo(ids.size());
        }
        for (List<String> ids : batches(List.copyOf(acknowledgedBookings))) {
            Bundle booked = client.search()
                    .byUrl("Appointment?status=booked&_count=500&_id=" + String.join(",", ids))
                    .returnBundle(Bundle.class)
                    .execute();
            assertThat(booked.getEntry()).as("acknowledged bookings").hasSize(ids.size());
        }
    }

    private static int count(IGenericClient client, String type, List<String> ids) {
        return client.search()
                .byUrl(type + "?_count=500&_elements=id&_id=" + String.join(",", ids))
                .returnBundle(Bundle.class)
                .execute()
                .getEntry()
                .size();
    }

    private static <T> List<List<T>> batches(List<T> all) {
        List<List<T>> batches = new ArrayList<>();
        for (int i = 0; i < all.size(); i += 100) {
            batches.add(all.subList(i, Math.min(all.size(), i + 100)));
        }
        return batches;
    }

    private static void signal(String signal, long pid) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0)
                .as("kill -%s %d", signal, pid)
                .isTrue();
    }

    private static IGenericClient client() {
        FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        FHIR.getRestfulClientFactory().setSocketTimeout(60_000);
        IGenericClient client = FHIR.newRestfulGenericClient(server.fhirBase());
        client.registerInterceptor(new BearerTokenAuthInterceptor(token));
        return client;
    }
}

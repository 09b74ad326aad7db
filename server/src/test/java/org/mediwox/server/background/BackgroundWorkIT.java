package org.mediwox.server.background;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Appointment.AppointmentStatus;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Slot;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mediwox.scheduling.booking.HoldExpiry;
import org.mediwox.server.documents.OrphanSweeper;
import org.mediwox.server.support.ServerIT;
import org.mediwox.server.support.TestPool;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.annotation.ScheduledAnnotationBeanPostProcessor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.config.ScheduledTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.test.util.ReflectionTestUtils;

/**
 * One mechanism for background work: every periodic job of the server and the modules is a {@code @Scheduled} method
 * on Mediwox's one scheduler, and the jobs that must run on one node at a time take their ShedLock row first.
 */
class BackgroundWorkIT extends ServerIT {

    private static final String OTHER_NODE = "another-node";

    @Autowired
    private ApplicationContext context;

    @Autowired
    private ScheduledAnnotationBeanPostProcessor scheduledMethods;

    @Autowired
    private HoldExpiry holdExpiry;

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private OrphanSweeper sweeper;

    @AfterEach
    void otherNodeGone() {
        jdbc.update("delete from mediwox.shedlock where locked_by = ?", OTHER_NODE);
    }

    @Test
    void everyPeriodicJob_isAScheduledMethod_onTheOneMediwoxScheduler() {
        Set<String> jobs = scheduledMethods.getScheduledTasks().stream()
                .map(BackgroundWorkIT::job)
                .collect(Collectors.toSet());
        ScheduledTaskRegistrar registrar =
                (ScheduledTaskRegistrar) ReflectionTestUtils.getField(scheduledMethods, "registrar");
        Map<String, ThreadPoolTaskScheduler> poolSchedulers = context.getBeansOfType(ThreadPoolTaskScheduler.class);

        assertThat(jobs)
                .containsExactlyInAnyOrder(
                        "HoldExpiry.sweep",
                        "WaitlistOffers.sweep",
                        "Dispatcher.dispatch",
                        "OrphanSweeper.sweep",
                        "OAuthStoreMaintenance.readRevocations",
                        "OAuthStoreMaintenance.deleteExpired",
                        "AuditEventWriter.drain",
                        "SlotGenerator.sweep",
                        "PayerRetry.sweep",
                        "BulkExportRetention.sweep");
        assertThat(scheduledMethods.getScheduledTasks()).hasSameSizeAs(jobs);
        TaskScheduler mediwox = context.getBean(BackgroundConfiguration.SCHEDULER, TaskScheduler.class);
        assertThat(registrar.getScheduler()).isSameAs(mediwox);
        assertThat(poolSchedulers.keySet())
                .as("no scheduler of its own besides Mediwox's")
                .containsExactly(BackgroundConfiguration.SCHEDULER);
    }

    @Test
    void holdExpirySweep_takesItsClusterLock_andReleasesALapsedHold() {
        Appointment held = lapsedHold();

        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            holdExpiry.sweep(); // the scheduled method, as the scheduler calls it (the background run may come first)
            assertThat(statusOf(held)).isEqualTo(AppointmentStatus.CANCELLED);
        });

        List<Map<String, Object>> lock =
                jdbc.queryForList("select locked_by, locked_at from mediwox.shedlock where name = ?", HoldExpiry.LOCK);
        assertThat(lock)
                .singleElement()
                .satisfies(row -> assertThat(row.get("locked_by"))
                        .isNotEqualTo(OTHER_NODE)
                        .isNotNull());
        assertThat(slotOf(held).getStatus()).isEqualTo(Slot.SlotStatus.FREE);
    }

    @Test
    void holdExpirySweep_heldByAnotherNode_isSkippedHere_untilThatLockEnds() {
        Appointment held = lapsedHold();
        jdbc.update("""
                insert into mediwox.shedlock (name, lock_until, locked_at, locked_by)
                values (?, timezone('utc', now()) + interval '1 hour', timezone('utc', now()), ?)
                on conflict (name) do update set lock_until = excluded.lock_until,
                    locked_at = excluded.locked_at, locked_by = excluded.locked_by
                """, HoldExpiry.LOCK, OTHER_NODE);

        holdExpiry.sweep();
        staysTrue(() -> assertThat(statusOf(held)).isEqualTo(AppointmentStatus.PENDING));
        assertThat(slotOf(held).getStatus()).isEqualTo(Slot.SlotStatus.BUSYTENTATIVE);

        jdbc.update("update mediwox.shedlock set lock_until = timezone('utc', now()) where name = ?", HoldExpiry.LOCK);
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            holdExpiry.sweep();
            assertThat(statusOf(held)).isEqualTo(AppointmentStatus.CANCELLED);
        });
    }

    @Test
    void orphanSweep_takesItsClusterLock() {
        sweeper.sweep();

        assertThat(jdbc.queryForObject(
                        "select count(*) from mediwox.shedlock where name = 'document-orphan-sweep'", Integer.class))
                .isEqualTo(1);
    }

    /** {@code Class.method} of a scheduled method (its task names it, with the class of a proxy where there is one). */
    private static String job(ScheduledTask task) {
        String qualified = task.getTask().toString(); // org.mediwox…HoldExpiry$$SpringCGLIB$$0.sweep
        String type = qualified.substring(0, qualified.lastIndexOf('.'));
        String simple = type.substring(type.lastIndexOf('.') + 1).split("\\$\\$")[0];
        return simple + qualified.substring(qualified.lastIndexOf('.'));
    }

    /** A $hold of a new pool's first free time, lapsed as if {@code mediwox.scheduling.hold-duration} had passed. */
    private Appointment lapsedHold() {
        TestPool pool = TestPool.create(client(), 1, 1, 1);
        Parameters find = new Parameters();
        find.addParameter("start", new DateTimeType(Date.from(TestPool.FIRST_SLOT)));
        find.addParameter("end", new DateTimeType(Date.from(TestPool.FIRST_SLOT.plus(Duration.ofDays(1)))));
        find.addParameter("specialty", new StringType(pool.specialtyToken()));
        Bundle proposals = client().operation()
                .onType(Appointment.class)
                .named("$find")
                .withParameters(find)
                .returnResourceType(Bundle.class)
                .execute();
        Appointment proposal = (Appointment) proposals.getEntryFirstRep().getResource();
        proposal.addParticipant()
                .setActor(new Reference("Patient/" + pool.patientIds().get(0)))
                .setStatus(Appointment.ParticipationStatus.ACCEPTED);
        Parameters hold = new Parameters();
        hold.addParameter().setName("appointment-resource").setResource(proposal);
        Bundle answer = client().operation()
                .onType(Appointment.class)
                .named("$hold")
                .withParameters(hold)
                .returnResourceType(Bundle.class)
                .execute();
        Appointment held = (Appointment) answer.getEntry().stream()
                .filter(e -> e.getSearch().getMode() == Bundle.SearchEntryMode.MATCH)
                .findFirst()
                .orElseThrow()
                .getResource();
        assertThat(held.getStatus()).isEqualTo(AppointmentStatus.PENDING);
        jdbc.update(
                "update mediwox.appointment_claim set hold_expires_at = now() - interval '1 second' where owner = ?",
                held.getIdElement().getIdPart());
        return held;
    }

    private AppointmentStatus statusOf(Appointment appointment) {
        return client().read()
                .resource(Appointment.class)
                .withId(appointment.getIdElement().getIdPart())
                .execute()
                .getStatus();
    }

    private Slot slotOf(Appointment appointment) {
        return client().read()
                .resource(Slot.class)
                .withId(appointment.getSlotFirstRep().getReferenceElement())
                .execute();
    }
}

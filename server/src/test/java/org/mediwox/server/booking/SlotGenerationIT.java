package org.mediwox.server.booking;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Appointment.AppointmentStatus;
import org.hl7.fhir.r4.model.Appointment.ParticipationStatus;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Duration;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.PractitionerRole.DaysOfWeek;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Schedule;
import org.hl7.fhir.r4.model.Slot;
import org.hl7.fhir.r4.model.Slot.SlotStatus;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;
import org.mediwox.plugin.vocabulary.MediwoxExtensions;
import org.mediwox.scheduling.generation.AvailabilityRules;
import org.mediwox.scheduling.generation.ConflictTasks;
import org.mediwox.scheduling.generation.SlotGenerator;
import org.mediwox.server.support.ServerIT;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Slots generated from availability: a Schedule tagged {@code schedule-management|generated} gets one free Slot per
 * hour of its role's weekly hours for the horizon, none on leave or a closure; a second run writes nothing; a change of
 * hours retires free Slots without touching a booked one, whose Appointment becomes a Task; two generators started
 * together create each Slot once.
 */
class SlotGenerationIT extends ServerIT {

    private static final ZoneId MADRID = ZoneId.of("Europe/Madrid");
    private static final int HORIZON_DAYS = 56;
    private static final int[] HOURS = {9, 10, 11};

    @Autowired
    private SlotGenerator generator;

    @Autowired
    private JdbcTemplate jdbc;

    /** A role working Monday to Friday 9–12 in Madrid, on leave one day, at a site closed another day. */
    private record Setup(
            String locationId, String roleId, String scheduleId, LocalDate leaveDay, LocalDate closedDay) {}

    private Setup setUp() {
        return setUp(60, "09:00:00", "12:00:00", new DaysOfWeek[] {
            DaysOfWeek.MON, DaysOfWeek.TUE, DaysOfWeek.WED, DaysOfWeek.THU, DaysOfWeek.FRI
        });
    }

    private Setup setUp(int slotMinutes, String opens, String closes, DaysOfWeek[] days) {
        LocalDate today = LocalDate.now(MADRID);
        LocalDate leaveDay = nextWeekday(today.plusDays(10));
        LocalDate closedDay = nextWeekday(leaveDay.plusDays(1));
        String code = UUID.randomUUID().toString();

        Location location = new Location().setName("Generated site " + code);
        location.addExtension(AvailabilityRules.TIMEZONE, new StringType(MADRID.getId()));
        Extension closure = location.addExtension().setUrl(MediwoxExtensions.LOCATION_CLOSURE);
        closure.addExtension(
                "period",
                new Period()
                        .setStartElement(new DateTimeType(closedDay.toString()))
                        .setEndElement(new DateTimeType(closedDay.toString())));
        closure.addExtension("description", new StringType("Local holiday"));
        String locationId = create(location);

        Practitioner practitioner = new Practitioner();
        practitioner.addName().setFamily("Generated " + code);
        String practitionerId = create(practitioner);

        PractitionerRole role = new PractitionerRole().setActive(true);
        role.setPractitioner(new Reference("Practitioner/" + practitionerId));
        role.addLocation(new Reference("Location/" + locationId));
        role.addSpecialty(specialty(code));
        var hours = role.addAvailableTime().setAvailableStartTime(opens).setAvailableEndTime(closes);
        for (DaysOfWeek day : days) {
            hours.addDaysOfWeek(day);
        }
        role.addNotAvailable()
                .setDescription("Conference")
                .setDuring(new Period()
                        .setStartElement(new DateTimeType(leaveDay.toString()))
                        .setEndElement(new DateTimeType(leaveDay.toString())));
        String roleId = create(role);

        Schedule schedule = new Schedule().setActive(true);
        schedule.getMeta().addTag(MediwoxExtensions.SCHEDULE_MANAGEMENT, MediwoxExtensions.GENERATED, "Generated");
        schedule.addActor(new Reference("PractitionerRole/" + roleId));
        schedule.addActor(new Reference("Location/" + locationId));
        schedule.addSpecialty(specialty(code));
        schedule.addExtension(
                MediwoxExtensions.SLOT_LENGTH,
                new Duration()
                        .setValue(new BigDecimal(slotMinutes))
                        .setSystem("http://unitsofmeasure.org")
                        .setCode("min"));
        String scheduleId = create(schedule);
        return new Setup(locationId, roleId, scheduleId, leaveDay, closedDay);
    }

    @Test
    void aGeneratedSchedule_getsAFreeSlotPerHourOfItsHours_noneOnLeaveOrAClosure_andARerunWritesNothing() {
        Setup setup = setUp();

        generateUntilDone(setup.scheduleId());

        List<Instant> expected = expectedStarts(Set.of(setup.leaveDay(), setup.closedDay()));
        List<Slot> slots = slotsOf(setup.scheduleId());
        assertThat(slots).extracting(s -> s.getStart().toInstant()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(slots).allSatisfy(slot -> {
            assertThat(slot.getStatus()).isEqualTo(SlotStatus.FREE);
            assertThat(java.time.Duration.between(
                            slot.getStart().toInstant(), slot.getEnd().toInstant()))
                    .isEqualTo(java.time.Duration.ofHours(1));
            assertThat(slot.getIdentifierFirstRep().getSystem()).isEqualTo(MediwoxExtensions.GENERATED_SLOT);
        });

        SlotGenerator.Result again = generator.generate(setup.scheduleId());
        assertThat(again.skipped()).isFalse();
        assertThat(again.writes()).as("unchanged rules: nothing to write").isZero();
        assertThat(slotsOf(setup.scheduleId())).hasSameSizeAs(expected);
    }

    @Test
    void leaveOverABookedSlot_retiresTheFreeOnes_keepsTheBookingAndRaisesATask_andEndingTheLeaveReopensThem() {
        Setup setup = setUp();
        generateUntilDone(setup.scheduleId());
        LocalDate day = nextWeekday(LocalDate.now(MADRID).plusDays(3));
        List<Slot> thatDay = slotsOf(setup.scheduleId()).stream()
                .filter(s ->
                        s.getStart().toInstant().atZone(MADRID).toLocalDate().equals(day))
                .toList();
        assertThat(thatDay).hasSize(HOURS.length);
        Patient patient = new Patient();
        patient.addName().setFamily("Generated");
        String patientId = create(patient);
        String appointmentId = book(thatDay.get(0), patientId, setup);

        // the provider takes that day off
        PractitionerRole role = client().read()
                .resource(PractitionerRole.class)
                .withId(setup.roleId())
                .execute();
        role.addNotAvailable()
                .setDescription("Sick leave")
                .setDuring(new Period()
                        .setStartElement(new DateTimeType(day.toString()))
                        .setEndElement(new DateTimeType(day.toString())));
        client().update().resource(role).execute();
        SlotGenerator.Result result = generateUntilDone(setup.scheduleId());

        assertThat(result.retired()).isEqualTo(HOURS.length - 1);
        assertThat(result.conflicts()).isEqualTo(1);
        assertThat(read(thatDay.get(0)).getStatus())
                .as("the booked Slot is untouched")
                .isEqualTo(SlotStatus.BUSY);
        assertThat(List.of(read(thatDay.get(1)), read(thatDay.get(2))))
                .allSatisfy(slot -> assertThat(slot.getStatus()).isEqualTo(SlotStatus.BUSYUNAVAILABLE));
        assertThat(client().read()
                        .resource(Appointment.class)
                        .withId(appointmentId)
                        .execute()
                        .getStatus())
                .as("Mediwox never cancels a booked visit by itself")
                .isEqualTo(AppointmentStatus.BOOKED);
        List<Task> tasks = tasksFor(appointmentId);
        assertThat(tasks).singleElement().satisfies(task -> {
            assertThat(task.getStatus()).isEqualTo(Task.TaskStatus.REQUESTED);
            assertThat(task.getCode().getCodingFirstRep().getCode()).isEqualTo(ConflictTasks.CODE);
            assertThat(task.getFor().getReference()).isEqualTo("Patient/" + patientId);
        });

        // another run raises no second Task; ending the leave opens the free Slots again
        role = client().read()
                .resource(PractitionerRole.class)
                .withId(setup.roleId())
                .execute();
        client().update().resource(role).execute(); // a write that changes nothing the plan reads
        generateUntilDone(setup.scheduleId());
        assertThat(tasksFor(appointmentId)).hasSize(1);
        role = client().read()
                .resource(PractitionerRole.class)
                .withId(setup.roleId())
                .execute();
        role.getNotAvailable().removeIf(leave -> "Sick leave".equals(leave.getDescription()));
        client().update().resource(role).execute();
        SlotGenerator.Result reopened = generateUntilDone(setup.scheduleId());
        assertThat(reopened.reopened()).isEqualTo(HOURS.length - 1);
        assertThat(List.of(read(thatDay.get(1)), read(thatDay.get(2))))
                .allSatisfy(slot -> assertThat(slot.getStatus()).isEqualTo(SlotStatus.FREE));
    }

    @Test
    void twoGeneratorsStartedTogether_createEachSlotOnce() throws Exception {
        Setup setup = setUp();
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<SlotGenerator.Result>> runs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            runs.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return generator.generate(setup.scheduleId());
            }));
        }
        start.countDown();
        for (CompletableFuture<SlotGenerator.Result> run : runs) {
            run.get();
        }
        generateUntilDone(setup.scheduleId()); // the background run may have held the lock meanwhile

        List<Instant> expected = expectedStarts(Set.of(setup.leaveDay(), setup.closedDay()));
        assertThat(slotsOf(setup.scheduleId())).hasSameSizeAs(expected);
        assertThat(jdbc.queryForObject(
                        "select count(*) from mediwox.generated_slot where schedule_id = ? and start_at >= ?",
                        Integer.class,
                        setup.scheduleId(),
                        java.sql.Timestamp.from(LocalDate.now(MADRID)
                                .plusDays(1)
                                .atStartOfDay(MADRID)
                                .toInstant())))
                .isEqualTo(expected.size());
    }

    @Test
    void aShortWindow_createsOnlyItsDays_andTheFullRunAddsTheRestOnce() {
        Setup setup = setUp();
        LocalDate today = LocalDate.now(MADRID);

        SlotGenerator.Result window = generateUntilDone(setup.scheduleId(), 7);

        // tomorrow to the window's last day (today's Slots depend on the second of the run, as in expectedStarts)
        long inWindow = expectedStarts(Set.of(setup.leaveDay(), setup.closedDay())).stream()
                .filter(start ->
                        start.isBefore(today.plusDays(7).atStartOfDay(MADRID).toInstant()))
                .count();
        // at most the window's Slots (none if the background sweep happened to generate the Schedule first)
        assertThat(window.created()).isLessThanOrEqualTo((int) inWindow + HOURS.length);
        generateUntilDone(setup.scheduleId(), HORIZON_DAYS);
        assertThat(slotsOf(setup.scheduleId()))
                .extracting(s -> s.getStart().toInstant())
                .as("the rest of the horizon added, nothing twice")
                .containsExactlyInAnyOrderElementsOf(expectedStarts(Set.of(setup.leaveDay(), setup.closedDay())));
        assertThat(generator.generate(setup.scheduleId()).writes()).isZero();
    }

    @Test
    void aLongWeekOfShortSlots_isCreatedInBatchesOnce_andARerunWritesNothing() {
        // seven days a week, 08:00-18:00 in 15-minute Slots: 40 a day, over 2,000 for the horizon, several batches
        DaysOfWeek[] everyDay = {
            DaysOfWeek.MON,
            DaysOfWeek.TUE,
            DaysOfWeek.WED,
            DaysOfWeek.THU,
            DaysOfWeek.FRI,
            DaysOfWeek.SAT,
            DaysOfWeek.SUN
        };
        Setup setup = setUp(15, "08:00:00", "18:00:00", everyDay);

        long started = System.nanoTime();
        SlotGenerator.Result result = generateUntilDone(setup.scheduleId());
        double seconds = (System.nanoTime() - started) / 1e9;
        if (result.created() > 0) { // else the background run was first: nothing measured here
            System.out.printf(
                    java.util.Locale.ROOT,
                    "SlotGenerationIT: %d Slots created in %.1f s (%.0f Slots/s)%n",
                    result.created(),
                    seconds,
                    result.created() / seconds);
        }

        int fullDays = HORIZON_DAYS - 1 - 2; // from tomorrow, without the leave day and the closed day
        Instant tomorrow =
                LocalDate.now(MADRID).plusDays(1).atStartOfDay(MADRID).toInstant();
        assertThat(jdbc.queryForObject(
                        "select count(*) from mediwox.generated_slot where schedule_id = ? and start_at >= ?",
                        Integer.class,
                        setup.scheduleId(),
                        java.sql.Timestamp.from(tomorrow)))
                .isEqualTo(fullDays * 40);
        assertThat(freeSlotCount(setup.scheduleId(), tomorrow)).isEqualTo(fullDays * 40);
        assertThat(jdbc.queryForObject(
                        "select count(distinct slot_id) from mediwox.generated_slot where schedule_id = ?",
                        Integer.class,
                        setup.scheduleId()))
                .as("each generated row names a Slot of its own")
                .isEqualTo(jdbc.queryForObject(
                        "select count(*) from mediwox.generated_slot where schedule_id = ?",
                        Integer.class,
                        setup.scheduleId()));
        SlotGenerator.Result again = generator.generate(setup.scheduleId());
        assertThat(again.writes()).as("unchanged rules: nothing to write").isZero();
        assertThat(freeSlotCount(setup.scheduleId(), tomorrow)).isEqualTo(fullDays * 40);
    }

    /** Free Slots of the Schedule starting at or after {@code from}, as a FHIR search counts them. */
    private int freeSlotCount(String scheduleId, Instant from) {
        return client().search()
                .forResource(Slot.class)
                .where(Slot.SCHEDULE.hasId("Schedule/" + scheduleId))
                .and(Slot.STATUS.exactly().code("free"))
                .and(Slot.START.afterOrEquals().millis(Date.from(from)))
                .summaryMode(ca.uhn.fhir.rest.api.SummaryEnum.COUNT)
                .returnBundle(Bundle.class)
                .execute()
                .getTotal();
    }

    /** Runs the generator until a run was not skipped because another (the background one) held the Schedule. */
    private SlotGenerator.Result generateUntilDone(String scheduleId) {
        return generateUntilDone(scheduleId, HORIZON_DAYS);
    }

    private SlotGenerator.Result generateUntilDone(String scheduleId, int days) {
        for (int attempt = 0; attempt < 100; attempt++) {
            SlotGenerator.Result result = generator.generate(scheduleId, days);
            if (!result.skipped()) {
                return result;
            }
            sleep(100);
        }
        throw new AssertionError("Schedule/" + scheduleId + " stayed locked by another generator");
    }

    /**
     * Monday to Friday, 9, 10 and 11 o'clock in Madrid, from tomorrow to the end of the horizon, except the given days
     * (today's Slots depend on the second the generator ran, so both sides leave today out).
     */
    private static List<Instant> expectedStarts(Set<LocalDate> except) {
        LocalDate today = LocalDate.now(MADRID);
        List<Instant> starts = new ArrayList<>();
        for (LocalDate day = today.plusDays(1); day.isBefore(today.plusDays(HORIZON_DAYS)); day = day.plusDays(1)) {
            if (day.getDayOfWeek() == DayOfWeek.SATURDAY
                    || day.getDayOfWeek() == DayOfWeek.SUNDAY
                    || except.contains(day)) {
                continue;
            }
            for (int hour : HOURS) {
                starts.add(ZonedDateTime.of(day.atTime(hour, 0), MADRID).toInstant());
            }
        }
        return starts;
    }

    private static LocalDate nextWeekday(LocalDate day) {
        while (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
            day = day.plusDays(1);
        }
        return day;
    }

    private String book(Slot slot, String patientId, Setup setup) {
        Appointment appointment = new Appointment().setStatus(AppointmentStatus.BOOKED);
        appointment.setStart(slot.getStart()).setEnd(slot.getEnd());
        appointment.addSlot(new Reference("Slot/" + slot.getIdPart()));
        appointment
                .addParticipant()
                .setActor(new Reference("Patient/" + patientId))
                .setStatus(ParticipationStatus.ACCEPTED);
        appointment
                .addParticipant()
                .setActor(new Reference("PractitionerRole/" + setup.roleId()))
                .setStatus(ParticipationStatus.ACCEPTED);
        appointment.setCreated(new Date());
        return client().create().resource(appointment).execute().getId().getIdPart();
    }

    /** The Slots of the Schedule that are offered or taken (not retired), from tomorrow on. */
    private List<Slot> slotsOf(String scheduleId) {
        List<Slot> slots = new ArrayList<>();
        Bundle page = client().search()
                .forResource(Slot.class)
                .where(Slot.SCHEDULE.hasId("Schedule/" + scheduleId))
                .count(200)
                .returnBundle(Bundle.class)
                .execute();
        while (true) {
            page.getEntry().forEach(entry -> slots.add((Slot) entry.getResource()));
            if (page.getLink(Bundle.LINK_NEXT) == null) {
                Instant tomorrow =
                        LocalDate.now(MADRID).plusDays(1).atStartOfDay(MADRID).toInstant();
                return slots.stream()
                        .filter(s -> s.getStatus() != SlotStatus.BUSYUNAVAILABLE)
                        .filter(s -> !s.getStart().toInstant().isBefore(tomorrow))
                        .toList();
            }
            page = client().loadPage().next(page).execute();
        }
    }

    private List<Task> tasksFor(String appointmentId) {
        return client()
                .search()
                .forResource(Task.class)
                .where(Task.FOCUS.hasId("Appointment/" + appointmentId))
                .returnBundle(Bundle.class)
                .execute()
                .getEntry()
                .stream()
                .map(entry -> (Task) entry.getResource())
                .toList();
    }

    private Slot read(Slot slot) {
        return client().read().resource(Slot.class).withId(slot.getIdPart()).execute();
    }

    private String create(org.hl7.fhir.r4.model.Resource resource) {
        return client().create().resource(resource).execute().getId().getIdPart();
    }

    private static CodeableConcept specialty(String code) {
        return new CodeableConcept()
                .addCoding(new org.hl7.fhir.r4.model.Coding("urn:mediwox:test:specialty", code, null));
    }
}

package org.mediwox.scheduling.workload;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Appointment.AppointmentStatus;
import org.hl7.fhir.r4.model.Appointment.ParticipationStatus;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.mediwox.plugin.vocabulary.CancellationReason;
import org.mediwox.scheduling.booking.AssignmentExplanation;

class AppointmentFactsTest {

    private static final ZoneId MADRID = ZoneId.of("Europe/Madrid");
    private static final Instant BOOKED_AT = Instant.parse("2027-03-20T09:00:00Z");
    private static final Instant LATER = Instant.parse("2027-03-22T10:00:00Z");
    private static final AppointmentFacts.Writer CLINIC = AppointmentFacts.Writer.CLINIC;
    private static final AppointmentFacts.Writer PATIENT = new AppointmentFacts.Writer(true, false);
    private static final String POOL = "specialty=urn:test|gp;visit-type=;location=";

    @Test
    void aBooking_isOneFactPerRole_withItsLeadTimeAndPool() {
        Appointment booked = appointment(AppointmentStatus.BOOKED, "2027-03-25T10:00:00Z", 30);
        booked.addExtension(AssignmentExplanation.rotation(
                        POOL, 3, 7, 1, new AssignmentExplanation.Provider("PractitionerRole/12", null), List.of())
                .toExtension());

        List<Fact> facts = AppointmentFacts.of(booked, List.of(), BOOKED_AT, MADRID, CLINIC);

        assertThat(facts).singleElement().satisfies(f -> {
            assertThat(f.provider()).isEqualTo("PractitionerRole/12");
            assertThat(f.locationId()).isEqualTo("3");
            assertThat(f.poolKey()).isEqualTo(POOL);
            assertThat(f.assignment()).isEqualTo("rotation");
            assertThat(f.minutes()).isEqualTo(30);
            assertThat(f.bookedAt()).isEqualTo(BOOKED_AT);
            assertThat(f.leadMinutes()).isEqualTo(5 * 24 * 60 + 60);
            assertThat(f.localDay()).isEqualTo(LocalDate.parse("2027-03-25"));
            assertThat(f.counters()).isEqualTo(new Counters(1, 30, 30, 0, 1, 0, 0, 0, 0, 0, 0, 1));
        });
    }

    @Test
    void holdsProposalsAndWaitingListEntries_haveNoFacts_andEnteredInErrorRemovesThem() {
        for (AppointmentStatus status :
                List.of(AppointmentStatus.PENDING, AppointmentStatus.PROPOSED, AppointmentStatus.WAITLIST)) {
            assertThat(AppointmentFacts.of(
                            appointment(status, "2027-03-25T10:00:00Z", 30), List.of(), BOOKED_AT, MADRID, CLINIC))
                    .as(status.toCode())
                    .isEmpty();
        }
        List<Fact> before = AppointmentFacts.of(
                appointment(AppointmentStatus.BOOKED, "2027-03-25T10:00:00Z", 30),
                List.of(),
                BOOKED_AT,
                MADRID,
                CLINIC);
        assertThat(AppointmentFacts.of(
                        appointment(AppointmentStatus.ENTEREDINERROR, "2027-03-25T10:00:00Z", 30),
                        before,
                        LATER,
                        MADRID,
                        CLINIC))
                .isEmpty();
        // a hold cancelled (it lapsed) was never booked
        assertThat(AppointmentFacts.of(
                        appointment(AppointmentStatus.CANCELLED, "2027-03-25T10:00:00Z", 30),
                        List.of(),
                        LATER,
                        MADRID,
                        CLINIC))
                .isEmpty();
    }

    @Test
    void theBookingTime_staysAsFirstRecorded_throughArrivalAndFulfilment() {
        List<Fact> booked = AppointmentFacts.of(
                appointment(AppointmentStatus.BOOKED, "2027-03-25T10:00:00Z", 20),
                List.of(),
                BOOKED_AT,
                MADRID,
                CLINIC);
        List<Fact> arrived = AppointmentFacts.of(
                appointment(AppointmentStatus.ARRIVED, "2027-03-25T10:00:00Z", 20), booked, LATER, MADRID, CLINIC);
        List<Fact> fulfilled = AppointmentFacts.of(
                appointment(AppointmentStatus.FULFILLED, "2027-03-25T10:00:00Z", 20), arrived, LATER, MADRID, CLINIC);

        assertThat(fulfilled.get(0).bookedAt()).isEqualTo(BOOKED_AT);
        assertThat(arrived.get(0).counters()).isEqualTo(new Counters(1, 20, 20, 20, 1, 0, 0, 0, 0, 0, 0, 0));
        assertThat(fulfilled.get(0).counters()).isEqualTo(new Counters(1, 20, 20, 20, 0, 1, 0, 0, 0, 0, 0, 0));
        List<Fact> noshow = AppointmentFacts.of(
                appointment(AppointmentStatus.NOSHOW, "2027-03-25T10:00:00Z", 20), booked, LATER, MADRID, CLINIC);
        assertThat(noshow.get(0).counters()).isEqualTo(new Counters(1, 20, 20, 0, 0, 0, 1, 0, 0, 0, 0, 0));
    }

    @Test
    void whoCancelled_isReadFromTheReasonsCode_elseFromWhoWrote() {
        List<Fact> booked = AppointmentFacts.of(
                appointment(AppointmentStatus.BOOKED, "2027-03-25T10:00:00Z", 30),
                List.of(),
                BOOKED_AT,
                MADRID,
                CLINIC);

        assertThat(cancelled(booked, null, null, PATIENT).cancelledBy()).isEqualTo("patient");
        assertThat(cancelled(booked, null, null, CLINIC).cancelledBy()).isEqualTo("clinic");
        assertThat(cancelled(booked, AppointmentFacts.HL7_CANCELLATION_REASON, "pat-mv", CLINIC)
                        .cancelledBy())
                .isEqualTo("patient");
        assertThat(cancelled(booked, AppointmentFacts.HL7_CANCELLATION_REASON, "prov-pers", PATIENT)
                        .cancelledBy())
                .isEqualTo("clinic");
        Fact moved = cancelled(booked, CancellationReason.SYSTEM, "rescheduled", PATIENT);
        assertThat(moved.cancelledBy()).isNull();
        assertThat(moved.rescheduled()).isTrue();
        assertThat(moved.counters()).isEqualTo(new Counters(1, 30, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0));
        Fact byPatient = cancelled(booked, null, null, PATIENT);
        assertThat(byPatient.cancelledAt()).isEqualTo(LATER);
        assertThat(byPatient.counters()).isEqualTo(new Counters(1, 30, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0));

        // a later edit of the cancelled Appointment does not reclassify it
        Appointment edited = appointment(AppointmentStatus.CANCELLED, "2027-03-25T10:00:00Z", 30);
        Fact again = AppointmentFacts.of(edited, List.of(byPatient), LATER.plusSeconds(600), MADRID, CLINIC)
                .get(0);
        assertThat(again).isEqualTo(byPatient);
    }

    @Test
    void theLocalDay_isTheClinicsCalendarDay_acrossTheSpringForwardNight() {
        // Madrid: UTC+1 until 2027-03-28 02:00 local, UTC+2 after
        assertThat(dayOf("2027-03-27T23:30:00Z")).isEqualTo(LocalDate.parse("2027-03-28"));
        assertThat(dayOf("2027-03-28T22:30:00Z")).isEqualTo(LocalDate.parse("2027-03-29"));
        assertThat(dayOf("2027-03-28T21:59:00Z")).isEqualTo(LocalDate.parse("2027-03-28"));
    }

    @Test
    void urgentBookings_andVisitsEnteredAfterTheyBegan() {
        Appointment urgent = appointment(AppointmentStatus.BOOKED, "2027-03-20T11:00:00Z", 15);
        urgent.setPriority(1);
        Fact fact = AppointmentFacts.of(urgent, List.of(), BOOKED_AT, MADRID, CLINIC)
                .get(0);
        assertThat(fact.urgent()).isTrue();
        assertThat(fact.leadMinutes()).isEqualTo(120);
        assertThat(fact.counters().urgent()).isEqualTo(1);

        Appointment walkIn = appointment(AppointmentStatus.FULFILLED, "2027-03-20T08:00:00Z", 15);
        assertThat(AppointmentFacts.of(walkIn, List.of(), BOOKED_AT, MADRID, CLINIC)
                        .get(0)
                        .leadMinutes())
                .isNull();
    }

    @Test
    void onlyServerCodeImportingHistory_mayGiveTheBookingTime() {
        Appointment imported = appointment(AppointmentStatus.BOOKED, "2027-03-25T10:00:00Z", 30);
        imported.setCreated(Date.from(Instant.parse("2027-03-01T08:00:00Z")));

        assertThat(AppointmentFacts.of(imported, List.of(), BOOKED_AT, MADRID, new AppointmentFacts.Writer(false, true))
                        .get(0)
                        .bookedAt())
                .isEqualTo(Instant.parse("2027-03-01T08:00:00Z"));
        assertThat(AppointmentFacts.of(imported, List.of(), BOOKED_AT, MADRID, CLINIC)
                        .get(0)
                        .bookedAt())
                .isEqualTo(BOOKED_AT);
        imported.setCreated(Date.from(BOOKED_AT.plusSeconds(3600)));
        assertThat(AppointmentFacts.of(imported, List.of(), BOOKED_AT, MADRID, new AppointmentFacts.Writer(false, true))
                        .get(0)
                        .bookedAt())
                .as("never a booking time in the future")
                .isEqualTo(BOOKED_AT);
    }

    @Test
    void aPractitionerWithoutARole_isTheProvider_andAJointVisitCountsForEachRole() {
        Appointment solo = new Appointment().setStatus(AppointmentStatus.BOOKED);
        solo.setId("Appointment/8");
        solo.setStart(Date.from(Instant.parse("2027-03-25T10:00:00Z")));
        solo.addParticipant().setActor(new Reference("Practitioner/4"));
        assertThat(AppointmentFacts.of(solo, List.of(), BOOKED_AT, MADRID, CLINIC))
                .extracting(Fact::provider)
                .containsExactly("Practitioner/4");

        Appointment joint = appointment(AppointmentStatus.BOOKED, "2027-03-25T10:00:00Z", 30);
        joint.addParticipant().setActor(new Reference("PractitionerRole/13"));
        assertThat(AppointmentFacts.of(joint, List.of(), BOOKED_AT, MADRID, CLINIC))
                .extracting(Fact::provider)
                .containsExactly("PractitionerRole/12", "PractitionerRole/13");
    }

    @Test
    void aRecordedCancellation_countsAsBookedThenCancelled_unlessMediwoxEndedAHold() {
        Appointment cancelled = appointment(AppointmentStatus.CANCELLED, "2027-03-25T10:00:00Z", 30);
        cancelled.getMeta().setLastUpdated(Date.from(LATER));
        cancelled.setCreated(Date.from(BOOKED_AT));
        assertThat(AppointmentFacts.recorded(cancelled, MADRID)).singleElement().satisfies(f -> {
            assertThat(f.bookedAt()).isEqualTo(BOOKED_AT);
            assertThat(f.cancelledAt()).isEqualTo(LATER);
            assertThat(f.cancelledBy()).isEqualTo("clinic");
        });

        cancelled
                .getCancelationReason()
                .addCoding(new Coding(CancellationReason.SYSTEM, "hold-expired", "Hold expired"));
        assertThat(AppointmentFacts.recorded(cancelled, MADRID)).isEmpty();
    }

    private static Fact cancelled(List<Fact> before, String system, String code, AppointmentFacts.Writer writer) {
        Appointment appointment = appointment(AppointmentStatus.CANCELLED, "2027-03-25T10:00:00Z", 30);
        appointment.getParticipant().forEach(p -> p.setStatus(ParticipationStatus.DECLINED));
        if (code != null) {
            appointment.getCancelationReason().addCoding(new Coding(system, code, null));
        }
        return AppointmentFacts.of(appointment, before, LATER, MADRID, writer).get(0);
    }

    private static LocalDate dayOf(String start) {
        return AppointmentFacts.of(
                        appointment(AppointmentStatus.BOOKED, start, 30), List.of(), BOOKED_AT, MADRID, CLINIC)
                .get(0)
                .localDay();
    }

    private static Appointment appointment(AppointmentStatus status, String start, int minutes) {
        Appointment appointment = new Appointment().setStatus(status);
        appointment.setId("Appointment/7");
        Instant at = Instant.parse(start);
        appointment.setStart(Date.from(at)).setEnd(Date.from(at.plusSeconds(60L * minutes)));
        appointment.addParticipant().setActor(new Reference("Patient/1"));
        appointment.addParticipant().setActor(new Reference("PractitionerRole/12"));
        appointment.addParticipant().setActor(new Reference("Practitioner/4"));
        appointment.addParticipant().setActor(new Reference("Location/3"));
        return appointment;
    }
}

package org.mediwox.notification.planning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Appointment.AppointmentStatus;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.mediwox.notification.planning.AppointmentEvents.Event;
import org.mediwox.notification.planning.NotificationPlanner.Change;
import org.mediwox.plugin.vocabulary.CancellationReason;

/** How the Appointment changes of one transaction are told to the patient, decided without a database. */
class AppointmentEventsTest {

    private static final Date NINE = Date.from(java.time.Instant.parse("2030-05-06T09:00:00Z"));
    private static final Date TEN = Date.from(java.time.Instant.parse("2030-05-06T10:00:00Z"));

    @Test
    void create_asBooked_isBooked() {
        List<Event> events =
                AppointmentEvents.of(List.of(new Change(null, appointment("1", "p1", AppointmentStatus.BOOKED, NINE))));

        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(AppointmentEvents.Kind.BOOKED);
            assertThat(e.withdrawFrom()).isNull();
        });
    }

    @Test
    void pendingHoldConfirmed_isBooked_andAHoldThatLapses_isNothing() {
        Appointment held = appointment("1", "p1", AppointmentStatus.PENDING, NINE);
        Appointment lapsed = appointment("1", "p1", AppointmentStatus.CANCELLED, NINE);
        coded(lapsed, CancellationReason.HOLD_EXPIRED);

        assertThat(AppointmentEvents.of(
                        List.of(new Change(held, appointment("1", "p1", AppointmentStatus.BOOKED, NINE)))))
                .extracting(Event::kind)
                .containsExactly(AppointmentEvents.Kind.BOOKED);
        assertThat(AppointmentEvents.of(List.of(new Change(held, lapsed))))
                .as("a hold was never confirmed to the patient")
                .isEmpty();
    }

    @Test
    void holdCreatedForTheWaitingList_isAnOffer_andAPlainHoldIsNothing() {
        Appointment offer = appointment("2", "p1", AppointmentStatus.PENDING, NINE);
        offer.addExtension(
                org.mediwox.plugin.vocabulary.MediwoxExtensions.WAITLIST_FOR, new Reference("Appointment/1"));

        assertThat(AppointmentEvents.of(List.of(new Change(null, offer))))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.kind()).isEqualTo(AppointmentEvents.Kind.OFFERED);
                    assertThat(AppointmentEvents.offeredFor(e.appointment())).isEqualTo("1");
                });
        assertThat(AppointmentEvents.of(
                        List.of(new Change(null, appointment("3", "p1", AppointmentStatus.PENDING, NINE)))))
                .isEmpty();
    }

    @Test
    void bookedCancelled_isCancelled_andWithdrawsItsMessages() {
        Appointment booked = appointment("1", "p1", AppointmentStatus.BOOKED, NINE);

        List<Event> events = AppointmentEvents.of(
                List.of(new Change(booked, appointment("1", "p1", AppointmentStatus.CANCELLED, NINE))));

        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(AppointmentEvents.Kind.CANCELLED);
            assertThat(e.withdrawFrom()).isEqualTo("1");
        });
    }

    @Test
    void rescheduleCancellationWithANewBookingOfThePatient_isOneRescheduled() {
        Appointment old = appointment("1", "p1", AppointmentStatus.CANCELLED, NINE);
        coded(old, CancellationReason.RESCHEDULED);

        List<Event> events = AppointmentEvents.of(List.of(
                new Change(appointment("1", "p1", AppointmentStatus.BOOKED, NINE), old),
                new Change(null, appointment("2", "p1", AppointmentStatus.BOOKED, TEN))));

        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(AppointmentEvents.Kind.RESCHEDULED);
            assertThat(e.appointment().getIdElement().getIdPart()).isEqualTo("2");
            assertThat(e.previousStart()).isEqualTo(NINE.toInstant());
            assertThat(e.withdrawFrom()).isEqualTo("1");
        });
    }

    @Test
    void cancellationTextSayingRescheduled_withoutTheCode_isAPlainCancellation() {
        Appointment old = appointment("1", "p1", AppointmentStatus.CANCELLED, NINE);
        old.getCancelationReason().setText("Rescheduled");

        List<Event> events = AppointmentEvents.of(List.of(
                new Change(appointment("1", "p1", AppointmentStatus.BOOKED, NINE), old),
                new Change(null, appointment("2", "p1", AppointmentStatus.BOOKED, TEN))));

        assertThat(events)
                .extracting(Event::kind)
                .containsExactlyInAnyOrder(AppointmentEvents.Kind.CANCELLED, AppointmentEvents.Kind.BOOKED);
    }

    @Test
    void rescheduleCancellationWithoutItsNewBooking_isCancelled() {
        Appointment old = appointment("1", "p1", AppointmentStatus.CANCELLED, NINE);
        coded(old, CancellationReason.RESCHEDULED);

        List<Event> events = AppointmentEvents.of(List.of(
                new Change(appointment("1", "p1", AppointmentStatus.BOOKED, NINE), old),
                new Change(null, appointment("2", "p2", AppointmentStatus.BOOKED, TEN))));

        assertThat(events)
                .as("another patient's booking is not its replacement")
                .extracting(Event::kind)
                .containsExactlyInAnyOrder(AppointmentEvents.Kind.CANCELLED, AppointmentEvents.Kind.BOOKED);
    }

    @Test
    void bookedStartMoved_isRescheduled() {
        List<Event> events = AppointmentEvents.of(List.of(new Change(
                appointment("1", "p1", AppointmentStatus.BOOKED, NINE),
                appointment("1", "p1", AppointmentStatus.BOOKED, TEN))));

        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(AppointmentEvents.Kind.RESCHEDULED);
            assertThat(e.previousStart()).isEqualTo(NINE.toInstant());
        });
    }

    @Test
    void bookedBecomesNoShowOrFulfilled_withdrawsWhatIsOwed() {
        List<Event> events = AppointmentEvents.of(List.of(new Change(
                appointment("1", "p1", AppointmentStatus.BOOKED, NINE),
                appointment("1", "p1", AppointmentStatus.NOSHOW, NINE))));

        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(AppointmentEvents.Kind.WITHDRAW);
            assertThat(e.withdrawFrom()).isEqualTo("1");
        });
    }

    @Test
    void patientsOf_listsEachPatientParticipantOnce() {
        Appointment family = appointment("1", "p1", AppointmentStatus.BOOKED, NINE);
        family.addParticipant().setActor(new Reference("Patient/p2"));
        family.addParticipant().setActor(new Reference("Patient/p1/_history/3"));
        family.addParticipant().setActor(new Reference("Practitioner/d1"));

        assertThat(AppointmentEvents.patientsOf(family)).containsExactly("Patient/p1", "Patient/p2");
        assertThat(AppointmentEvents.patientOf(family)).isEqualTo("Patient/p1");
    }

    private static Appointment appointment(String id, String patient, AppointmentStatus status, Date start) {
        Appointment appointment = new Appointment();
        appointment.setId("Appointment/" + id + "/_history/1");
        appointment.setStatus(status);
        appointment.setStart(start);
        appointment.addParticipant().setActor(new Reference("Patient/" + patient));
        return appointment;
    }

    private static void coded(Appointment appointment, CancellationReason reason) {
        appointment.getCancelationReason().addCoding(new Coding(CancellationReason.SYSTEM, reason.code(), null));
    }
}

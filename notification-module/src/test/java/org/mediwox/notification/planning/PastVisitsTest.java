package org.mediwox.notification.planning;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
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

/** A patient is not told about bookings, cancellations and moves of visits that have already begun. */
class PastVisitsTest {

    private static final Instant NOW = Instant.parse("2030-05-06T12:00:00Z");
    private static final Date YESTERDAY = Date.from(NOW.minus(Duration.ofDays(1)));
    private static final Date LAST_WEEK = Date.from(NOW.minus(Duration.ofDays(7)));
    private static final Date TOMORROW = Date.from(NOW.plus(Duration.ofDays(1)));

    @Test
    void cancellingAPastVisit_isNotToldToThePatient_butAFutureOneIs() {
        Event past = single(
                new Change(appointment("1", AppointmentStatus.BOOKED, YESTERDAY), cancelled("1", YESTERDAY, null)));
        Event future = single(
                new Change(appointment("2", AppointmentStatus.BOOKED, TOMORROW), cancelled("2", TOMORROW, null)));

        assertThat(past.kind()).isEqualTo(AppointmentEvents.Kind.CANCELLED);
        assertThat(NotificationPlanner.tellsPatient(past, NOW)).isFalse();
        assertThat(past.withdrawFrom())
                .as("what is still owed about it is withdrawn all the same")
                .isEqualTo("1");
        assertThat(NotificationPlanner.tellsPatient(future, NOW)).isTrue();
    }

    @Test
    void reschedulingBetweenPastVisits_isNotTold_butAMoveIntoTheFutureIs() {
        Appointment moved = cancelled("1", LAST_WEEK, CancellationReason.RESCHEDULED);
        List<Event> intoThePast = AppointmentEvents.of(List.of(
                new Change(appointment("1", AppointmentStatus.BOOKED, LAST_WEEK), moved),
                new Change(null, appointment("2", AppointmentStatus.BOOKED, YESTERDAY))));
        List<Event> intoTheFuture = AppointmentEvents.of(List.of(
                new Change(appointment("1", AppointmentStatus.BOOKED, LAST_WEEK), moved),
                new Change(null, appointment("3", AppointmentStatus.BOOKED, TOMORROW))));

        assertThat(intoThePast).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(AppointmentEvents.Kind.RESCHEDULED);
            assertThat(NotificationPlanner.tellsPatient(e, NOW)).isFalse();
        });
        assertThat(intoTheFuture)
                .singleElement()
                .satisfies(e ->
                        assertThat(NotificationPlanner.tellsPatient(e, NOW)).isTrue());
    }

    @Test
    void aBookingEnteredAfterTheVisit_isNotTold() {
        Event booked = single(new Change(null, appointment("1", AppointmentStatus.BOOKED, YESTERDAY)));

        assertThat(booked.kind()).isEqualTo(AppointmentEvents.Kind.BOOKED);
        assertThat(NotificationPlanner.tellsPatient(booked, NOW)).isFalse();
    }

    private static Event single(Change change) {
        List<Event> events = AppointmentEvents.of(List.of(change));
        assertThat(events).hasSize(1);
        return events.get(0);
    }

    private static Appointment cancelled(String id, Date start, CancellationReason reason) {
        Appointment appointment = appointment(id, AppointmentStatus.CANCELLED, start);
        if (reason != null) {
            appointment.getCancelationReason().addCoding(new Coding(CancellationReason.SYSTEM, reason.code(), null));
        }
        return appointment;
    }

    private static Appointment appointment(String id, AppointmentStatus status, Date start) {
        Appointment appointment = new Appointment();
        appointment.setId("Appointment/" + id + "/_history/1");
        appointment.setStatus(status);
        appointment.setStart(start);
        appointment.addParticipant().setActor(new Reference("Patient/p1"));
        return appointment;
    }
}

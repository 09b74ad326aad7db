package org.mediwox.notification.planning;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Appointment.AppointmentStatus;
import org.hl7.fhir.r4.model.IdType;
import org.mediwox.notification.outbox.MessageEvent;
import org.mediwox.plugin.vocabulary.CancellationReason;
import org.mediwox.plugin.vocabulary.MediwoxExtensions;

/**
 * What the Appointment changes of one transaction mean to a patient: <em>booked</em>, <em>cancelled</em>,
 * <em>rescheduled</em> (a booked start moves, or a reschedule cancellation paired with a new booking of the same patient
 * in the same transaction), <em>offered</em> (an earlier time held for a patient on the waiting list), or
 * <em>withdraw</em> (no longer booked for another reason: what is owed is taken back).
 */
final class AppointmentEvents {

    /** What a change means to the patient. */
    enum Kind {
        BOOKED(MessageEvent.BOOKED),
        CANCELLED(MessageEvent.CANCELLED),
        RESCHEDULED(MessageEvent.RESCHEDULED),
        /** An earlier time held for a waiting patient: a new held Appointment naming the booked one it would replace. */
        OFFERED(MessageEvent.OFFERED),
        /** No longer booked for another reason (no-show, fulfilled, entered in error): nothing is told, owed is taken back. */
        WITHDRAW(null);

        private final MessageEvent message;

        Kind(MessageEvent message) {
            this.message = message;
        }

        /** The outbox event the patient is told about; null for {@link #WITHDRAW}. */
        MessageEvent message() {
            return message;
        }
    }

    /**
     * One event.
     *
     * @param kind what the change means
     * @param appointment the Appointment as it is now
     * @param previousStart for a reschedule, the start it moved from
     * @param withdrawFrom the Appointment whose pending messages are withdrawn (itself, or the one a reschedule
     *     replaced); null when nothing is withdrawn
     */
    record Event(Kind kind, Appointment appointment, Instant previousStart, String withdrawFrom) {}

    private AppointmentEvents() {}

    static List<Event> of(List<NotificationPlanner.Change> changes) {
        List<Event> events = new ArrayList<>();
        List<NotificationPlanner.Change> movedAway = new ArrayList<>(changes.stream()
                .filter(c -> newlyCancelled(c) && isRescheduleCancellation(c.current()))
                .toList());
        for (NotificationPlanner.Change change : changes) {
            Appointment current = change.current();
            if (isNewOffer(change)) {
                events.add(new Event(Kind.OFFERED, current, null, null));
            } else if (newlyBooked(change)) {
                Optional<NotificationPlanner.Change> from = movedAway.stream()
                        .filter(old -> Objects.equals(patientOf(old.current()), patientOf(current)))
                        .findFirst();
                if (from.isPresent()) {
                    movedAway.remove(from.get());
                    events.add(new Event(
                            Kind.RESCHEDULED,
                            current,
                            from.get().current().getStart() == null
                                    ? null
                                    : from.get().current().getStart().toInstant(),
                            idOf(from.get().current())));
                } else {
                    events.add(new Event(Kind.BOOKED, current, null, null));
                }
            } else if (newlyCancelled(change) && !isRescheduleCancellation(current)) {
                events.add(new Event(Kind.CANCELLED, current, null, idOf(current)));
            } else if (isBooked(change.previous()) && isBooked(current) && startMoved(change)) {
                events.add(new Event(
                        Kind.RESCHEDULED, current, change.previous().getStart().toInstant(), idOf(current)));
            } else if (isBooked(change.previous()) && !isBooked(current) && !newlyCancelled(change)) {
                // noshow, entered-in-error, arrived, fulfilled...: no more reminders
                events.add(new Event(Kind.WITHDRAW, current, null, idOf(current)));
            }
        }
        // a reschedule whose new booking is not in this transaction is a plain cancellation
        movedAway.forEach(c -> events.add(new Event(Kind.CANCELLED, c.current(), null, idOf(c.current()))));
        return events;
    }

    static List<String> patientsOf(Appointment appointment) {
        List<String> patients = new ArrayList<>();
        for (Appointment.AppointmentParticipantComponent participant : appointment.getParticipant()) {
            String reference = participant.getActor().getReference();
            if (reference != null && reference.startsWith("Patient/")) {
                String patient =
                        new IdType(reference).toUnqualifiedVersionless().getValue();
                if (!patients.contains(patient)) {
                    patients.add(patient);
                }
            }
        }
        return patients;
    }

    static String patientOf(Appointment appointment) {
        for (Appointment.AppointmentParticipantComponent participant : appointment.getParticipant()) {
            String reference = participant.getActor().getReference();
            if (reference != null && reference.startsWith("Patient/")) {
                return new IdType(reference).toUnqualifiedVersionless().getValue();
            }
        }
        return null;
    }

    static String idOf(Appointment appointment) {
        return appointment.getIdElement().getIdPart();
    }

    private static boolean isBooked(Appointment appointment) {
        return appointment != null && appointment.getStatus() == AppointmentStatus.BOOKED;
    }

    private static boolean newlyBooked(NotificationPlanner.Change change) {
        return isBooked(change.current()) && !isBooked(change.previous());
    }

    /** A booked appointment cancelled (a hold that lapses or is released was never confirmed to the patient). */
    private static boolean newlyCancelled(NotificationPlanner.Change change) {
        return change.current().getStatus() == AppointmentStatus.CANCELLED && isBooked(change.previous());
    }

    /** A hold the waiting list made: created {@code pending} with the booked Appointment it is an earlier time for. */
    private static boolean isNewOffer(NotificationPlanner.Change change) {
        return change.previous() == null
                && change.current().getStatus() == AppointmentStatus.PENDING
                && offeredFor(change.current()) != null;
    }

    /** The id of the booked Appointment a waiting-list offer is an earlier time for, or null. */
    static String offeredFor(Appointment appointment) {
        var extension = appointment.getExtensionByUrl(MediwoxExtensions.WAITLIST_FOR);
        if (extension != null && extension.getValue() instanceof org.hl7.fhir.r4.model.Reference reference) {
            IdType id = new IdType(reference.getReference());
            return id.hasIdPart() ? id.getIdPart() : null;
        }
        return null;
    }

    private static boolean isRescheduleCancellation(Appointment appointment) {
        return appointment.getCancelationReason().getCoding().stream()
                .anyMatch(coding -> CancellationReason.RESCHEDULED.is(coding.getSystem(), coding.getCode()));
    }

    private static boolean startMoved(NotificationPlanner.Change change) {
        return change.previous().getStart() != null
                && change.current().getStart() != null
                && !change.previous().getStart().equals(change.current().getStart());
    }
}

package org.mediwox.scheduling.booking;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Appointment.AppointmentStatus;
import org.hl7.fhir.r4.model.Coding;
import org.mediwox.plugin.vocabulary.CancellationReason;

/**
 * Cancels an appointment ({@code $cancel}, a reschedule): the booking rule ({@link BookingClaimInterceptor}) then
 * releases its claims and frees its Slots in the same transaction, as it does for a PATCH/PUT to {@code cancelled} or a
 * delete.
 */
public class Cancellation {

    private final DaoRegistry daoRegistry;

    public Cancellation(DaoRegistry daoRegistry) {
        this.daoRegistry = daoRegistry;
    }

    /** Marks the appointment cancelled, for the reason the caller gave (free text; none is fine). */
    public Appointment cancel(Appointment appointment, String reason, RequestDetails details) {
        if (reason != null) {
            appointment.getCancelationReason().setText(reason);
        }
        return cancelled(appointment, details);
    }

    /** Marks the appointment cancelled for a reason of Mediwox's own: coded, so readers need not parse text. */
    public Appointment cancel(Appointment appointment, CancellationReason reason, RequestDetails details) {
        code(appointment, reason);
        return cancelled(appointment, details);
    }

    /** Puts a reason of Mediwox's own on an appointment: the code, and its display as text. */
    static void code(Appointment appointment, CancellationReason reason) {
        appointment
                .getCancelationReason()
                .addCoding(new Coding(CancellationReason.SYSTEM, reason.code(), reason.display()))
                .setText(reason.display());
    }

    private Appointment cancelled(Appointment appointment, RequestDetails details) {
        appointment.setStatus(AppointmentStatus.CANCELLED);
        appointment.getParticipant().forEach(p -> p.setStatus(Appointment.ParticipationStatus.DECLINED));
        daoRegistry.getResourceDao(Appointment.class).update(appointment, details);
        return appointment;
    }

    static boolean isCancelled(Appointment appointment) {
        AppointmentStatus status = appointment.getStatus();
        return status == AppointmentStatus.CANCELLED
                || status == AppointmentStatus.NOSHOW
                || status == AppointmentStatus.ENTEREDINERROR;
    }
}

package org.mediwox.scheduling.booking;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Appointment.AppointmentStatus;

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

    /** Marks the appointment cancelled. */
    public Appointment cancel(Appointment appointment, String reason, RequestDetails details) {
        appointment.setStatus(AppointmentStatus.CANCELLED);
        appointment.getParticipant().forEach(p -> p.setStatus(Appointment.ParticipationStatus.DECLINED));
        if (reason != null) {
            appointment.getCancelationReason().setText(reason);
        }
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

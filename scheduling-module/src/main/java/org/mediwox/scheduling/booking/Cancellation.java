package org.mediwox.scheduling.booking;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Appointment.AppointmentStatus;
import org.hl7.fhir.r4.model.Slot;
import org.hl7.fhir.r4.model.Slot.SlotStatus;

/**
 * Frees what an appointment held: its booking claims go and its Slots become free again, in the transaction that
 * cancels it — whether that is {@code $cancel}, a reschedule, a PATCH/PUT to {@code cancelled} or a lapsed hold.
 */
public class Cancellation {

    private final DaoRegistry daoRegistry;
    private final BookingClaims claims;

    public Cancellation(DaoRegistry daoRegistry, BookingClaims claims) {
        this.daoRegistry = daoRegistry;
        this.claims = claims;
    }

    /** Releases the claims of the appointment and frees their Slots. */
    public void releaseSlots(String appointmentId) {
        IFhirResourceDao<Slot> slots = daoRegistry.getResourceDao(Slot.class);
        RequestDetails system = new SystemRequestDetails();
        for (String slotId : claims.release(appointmentId)) {
            Slot slot = slots.read(new org.hl7.fhir.r4.model.IdType("Slot", slotId), system);
            if (slot.getStatus() == SlotStatus.BUSY || slot.getStatus() == SlotStatus.BUSYTENTATIVE) {
                slot.setStatus(SlotStatus.FREE);
                slots.update(slot, system);
            }
        }
    }

    /** Marks the appointment cancelled (which releases its Slots through the cancellation rule). */
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

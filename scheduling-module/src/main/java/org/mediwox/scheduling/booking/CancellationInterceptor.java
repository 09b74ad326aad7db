package org.mediwox.scheduling.booking;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Appointment.AppointmentStatus;

/**
 * An Appointment that becomes cancelled (or no-show, or entered-in-error) by any write — plain PUT or PATCH included —
 * or is deleted frees its Slots in the same transaction, so it never keeps a provider's time. A cancelled Appointment
 * cannot be switched back to an active status: its Slot may be someone else's by then.
 */
@Interceptor
public class CancellationInterceptor {

    private final Cancellation cancellation;

    public CancellationInterceptor(Cancellation cancellation) {
        this.cancellation = cancellation;
    }

    /** Set on a request while {@code $book} confirms a hold, the one path allowed to turn pending into booked. */
    public static final String CONFIRMING_HOLD = CancellationInterceptor.class.getName() + ".confirmingHold";

    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
    public void onUpdate(IBaseResource previous, IBaseResource updated, RequestDetails request) {
        if (updated instanceof Appointment now && previous instanceof Appointment before) {
            if (before.getStatus() == AppointmentStatus.PENDING
                    && now.getStatus() == AppointmentStatus.BOOKED
                    && (request == null || request.getUserData().get(CONFIRMING_HOLD) == null)) {
                throw SchedulingErrors.rule("Appointment/" + now.getIdElement().getIdPart()
                        + " is held: confirm it with Appointment/$book, which books its Slot");
            }
            if (Cancellation.isCancelled(now) && !Cancellation.isCancelled(before)) {
                cancellation.releaseSlots(now.getIdElement().getIdPart());
            } else if (Cancellation.isCancelled(before) && !Cancellation.isCancelled(now)) {
                // its Slot may have been booked by someone else meanwhile: only $book may take a Slot again
                throw SchedulingErrors.rule("Appointment/" + now.getIdElement().getIdPart() + " is "
                        + before.getStatus().toCode() + " and cannot be reactivated; book a new appointment");
            }
        }
    }

    /** A deleted Appointment keeps no provider time either. */
    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_DELETED)
    public void onDelete(IBaseResource deleted) {
        if (deleted instanceof Appointment appointment && !Cancellation.isCancelled(appointment)) {
            cancellation.releaseSlots(appointment.getIdElement().getIdPart());
        }
    }
}

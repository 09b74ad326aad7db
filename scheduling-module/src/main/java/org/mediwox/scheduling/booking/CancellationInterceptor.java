package org.mediwox.scheduling.booking;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Appointment.AppointmentStatus;
import org.mediwox.plugin.vocabulary.BookingRefusal;
import org.mediwox.scheduling.rules.SchedulingErrors;

/**
 * Status rules of Appointments on every write path: a held ({@code pending}) Appointment becomes {@code booked} only
 * through {@code $book}, and a cancelled (or no-show, or entered-in-error) one cannot be switched back to an active
 * status — book a new appointment instead. Freeing Slots is the booking rule's ({@link BookingClaimInterceptor}).
 */
@Interceptor
public class CancellationInterceptor {

    /** Set on a request while {@code $book} confirms a hold, the one path allowed to turn pending into booked. */
    public static final String CONFIRMING_HOLD = CancellationInterceptor.class.getName() + ".confirmingHold";

    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
    public void onUpdate(IBaseResource previous, IBaseResource updated, RequestDetails request) {
        if (updated instanceof Appointment now && previous instanceof Appointment before) {
            if (before.getStatus() == AppointmentStatus.PENDING
                    && now.getStatus() == AppointmentStatus.BOOKED
                    && (request == null || request.getUserData().get(CONFIRMING_HOLD) == null)) {
                throw SchedulingErrors.rule(
                        BookingRefusal.CONFIRM_WITH_BOOK,
                        "Appointment/" + now.getIdElement().getIdPart()
                                + " is held: confirm it with Appointment/$book, which books its Slot");
            }
            if (Cancellation.isCancelled(before) && ClaimDerivation.active(now)) {
                throw SchedulingErrors.rule(
                        BookingRefusal.ALREADY_CANCELLED,
                        "Appointment/" + now.getIdElement().getIdPart() + " is "
                                + before.getStatus().toCode() + " and cannot be reactivated; book a new appointment");
            }
        }
    }
}

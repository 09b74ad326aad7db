package org.mediwox.scheduling.booking;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Appointment;

/**
 * An Appointment that becomes cancelled (or no-show, or entered-in-error) by any write — plain PUT or PATCH included —
 * frees its Slots in the same transaction, so a cancelled appointment never keeps a provider's time.
 */
@Interceptor
public class CancellationInterceptor {

    private final Cancellation cancellation;

    public CancellationInterceptor(Cancellation cancellation) {
        this.cancellation = cancellation;
    }

    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
    public void onUpdate(IBaseResource previous, IBaseResource updated) {
        if (updated instanceof Appointment now
                && previous instanceof Appointment before
                && Cancellation.isCancelled(now)
                && !Cancellation.isCancelled(before)) {
            cancellation.releaseSlots(now.getIdElement().getIdPart());
        }
    }
}

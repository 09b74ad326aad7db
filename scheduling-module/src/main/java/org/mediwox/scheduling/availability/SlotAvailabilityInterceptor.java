package org.mediwox.scheduling.availability;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Schedule;
import org.hl7.fhir.r4.model.Slot;

/**
 * Keeps {@code mediwox.slot_availability} and the offered capacity per day in step with every Slot write, and whose
 * capacity each Schedule offers with every Schedule write, in the writing transaction.
 */
@Interceptor
public class SlotAvailabilityInterceptor {

    private final SlotAvailability availability;

    public SlotAvailabilityInterceptor(SlotAvailability availability) {
        this.availability = availability;
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
    public void created(IBaseResource resource) {
        if (resource instanceof Slot slot) {
            availability.record(slot);
        } else if (resource instanceof Schedule schedule) {
            availability.recordSchedule(schedule);
        }
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
    public void updated(IBaseResource previous, IBaseResource resource) {
        if (resource instanceof Slot slot) {
            availability.record(slot);
        } else if (resource instanceof Schedule schedule) {
            availability.recordSchedule(schedule);
        }
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_DELETED)
    public void deleted(IBaseResource resource) {
        if (resource instanceof Slot slot) {
            availability.forget(slot.getIdElement().getIdPart());
        } else if (resource instanceof Schedule schedule) {
            availability.forgetSchedule(schedule.getIdElement().getIdPart());
        }
    }
}

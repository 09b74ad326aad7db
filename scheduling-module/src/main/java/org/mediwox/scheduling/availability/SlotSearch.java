package org.mediwox.scheduling.availability;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Slot;

/**
 * Free Slots in a time window, earliest first: their ids from the availability read model, each Slot read through
 * HAPI's DAO when it is tried, so it is always current. A Slot qualifies when it starts at or after {@code from} and ends
 * by {@code to}.
 */
public class SlotSearch {

    private final DaoRegistry daoRegistry;
    private final SlotAvailability availability;

    public SlotSearch(DaoRegistry daoRegistry, SlotAvailability availability) {
        this.daoRegistry = daoRegistry;
        this.availability = availability;
    }

    /**
     * Ids of free Slots of the given Schedules in the window, earliest first, from the availability read model (one
     * index range scan); read each with {@link #read} when it is tried.
     */
    public List<String> freeSlotIds(Collection<String> scheduleIds, Instant from, Instant to, int limit) {
        return availability.freeSlotIds(scheduleIds, from, to, limit);
    }

    /** The current Slot, or null when it is gone. */
    public Slot read(String slotId, RequestDetails request) {
        try {
            return daoRegistry.getResourceDao(Slot.class).read(new IdType("Slot", slotId), request);
        } catch (ResourceGoneException | ResourceNotFoundException e) {
            return null;
        }
    }
}

package org.mediwox.scheduling.availability;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.DateParam;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ParamPrefixEnum;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.function.Consumer;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Slot;

/**
 * Free Slots in a time window, earliest first, read through HAPI's DAO so they are always current (never a cached
 * search). A Slot qualifies when it starts at or after {@code from} and ends by {@code to}.
 */
public class SlotSearch {

    /** Extra Slots read beyond the limit, for the few that start inside the window but end after it. */
    private static final int OVERFETCH = 4;

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

    /** Free Slots matching extra criteria (e.g. chained {@code schedule.specialty}) added by the caller. */
    public List<Slot> freeSlots(
            Consumer<SearchParameterMap> criteria, Instant from, Instant to, int limit, RequestDetails request) {
        SearchParameterMap map = window(from, to, limit);
        criteria.accept(map);
        return search(map, from, to, limit, request);
    }

    private static SearchParameterMap window(Instant from, Instant to, int limit) {
        SearchParameterMap map = SearchParameterMap.newSynchronous();
        map.setLoadSynchronousUpTo(limit + OVERFETCH);
        map.add(Slot.SP_STATUS, new TokenParam("free"));
        map.add(
                Slot.SP_START,
                new DateRangeParam(
                        new DateParam(ParamPrefixEnum.GREATERTHAN_OR_EQUALS, Date.from(from)),
                        new DateParam(ParamPrefixEnum.LESSTHAN, Date.from(to))));
        map.setSort(new SortSpec(Slot.SP_START));
        return map;
    }

    private List<Slot> search(SearchParameterMap map, Instant from, Instant to, int limit, RequestDetails request) {
        IBundleProvider found = daoRegistry.getResourceDao(Slot.class).search(map, request);
        List<IBaseResource> resources = found.getResources(0, limit + OVERFETCH);
        return resources.stream()
                .map(Slot.class::cast)
                .filter(slot ->
                        slot.getEnd() != null && !slot.getEnd().toInstant().isAfter(to))
                .limit(limit)
                .toList();
    }
}

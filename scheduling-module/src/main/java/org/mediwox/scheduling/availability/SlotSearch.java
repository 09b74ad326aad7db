package org.mediwox.scheduling.availability;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.DateParam;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ParamPrefixEnum;
import ca.uhn.fhir.rest.param.ReferenceOrListParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.function.Consumer;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Slot;

/**
 * Free Slots in a time window, earliest first, read through HAPI's DAO so they are always current (never a cached
 * search). A Slot qualifies when it starts at or after {@code from} and ends by {@code to}.
 */
public class SlotSearch {

    /** Extra Slots read beyond the limit, for the few that start inside the window but end after it. */
    private static final int OVERFETCH = 4;

    private final DaoRegistry daoRegistry;

    public SlotSearch(DaoRegistry daoRegistry) {
        this.daoRegistry = daoRegistry;
    }

    /** Free Slots of the given Schedules. */
    public List<Slot> freeSlots(
            Collection<String> scheduleIds, Instant from, Instant to, int limit, RequestDetails request) {
        SearchParameterMap map = window(from, to, limit);
        ReferenceOrListParam schedules = new ReferenceOrListParam();
        scheduleIds.forEach(id -> schedules.addOr(new ReferenceParam("Schedule/" + id)));
        map.add(Slot.SP_SCHEDULE, schedules);
        return search(map, from, to, limit, request);
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

package org.mediwox.scheduling.availability;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * Searches the scheduling directory (Schedules, PractitionerRoles, Locations and what they include) for the module's
 * own decisions: which providers form a pool, which Schedules a {@code $find} covers. Every match up to {@code most}
 * is answered.
 *
 * <p>Not with the client's request: HAPI's DAO gives a search made with a request the page size of that request (its
 * {@code _count}, else the server's default of 20) whatever the map says, so a pool of 27 providers was resolved as 20
 * and {@code $book} answered 409 once those 20 were full. The directory is not patient data, and the operations that use
 * it are authorized by their own access rules; Patient lookups keep the client's request.
 */
public class DirectorySearch {

    private final DaoRegistry daoRegistry;

    public DirectorySearch(DaoRegistry daoRegistry) {
        this.daoRegistry = daoRegistry;
    }

    /** Every match (and what the map includes), at most {@code most} matches. */
    public List<IBaseResource> all(Class<? extends IBaseResource> type, SearchParameterMap map, int most) {
        map.setLoadSynchronousUpTo(most);
        map.setCount(most);
        return daoRegistry
                .getResourceDao(type)
                .search(map, new SystemRequestDetails())
                .getResources(0, 2 * most);
    }
}

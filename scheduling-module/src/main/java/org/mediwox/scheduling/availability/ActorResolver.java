package org.mediwox.scheduling.availability;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.StringParam;
import ca.uhn.fhir.rest.param.TokenParam;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;

/**
 * Turns the people, organizations and places a {@code $find} names into the Schedule actors that stand for them: a
 * Practitioner is also each of their PractitionerRoles; an Organization is also the roles and Locations it has; an
 * identifier is looked up; a {@code location-string} is a FHIR string search over the Locations' addresses. Searches run
 * as the caller, so they see only what the caller may see.
 */
class ActorResolver {

    private static final int MAX_MATCHES = 1000;

    private final DaoRegistry daoRegistry;
    private final DirectorySearch directory;

    ActorResolver(DaoRegistry daoRegistry) {
        this.daoRegistry = daoRegistry;
        this.directory = new DirectorySearch(daoRegistry);
    }

    /** The Schedule actors of the practitioners (Practitioner or PractitionerRole) named. */
    Set<String> practitioners(List<ActorInput> inputs, RequestDetails details) {
        Set<String> actors = new LinkedHashSet<>();
        for (ActorInput input : inputs) {
            Set<String> named = input.byIdentifier()
                    ? union(
                            byIdentifier(Practitioner.class, input, details),
                            byIdentifier(PractitionerRole.class, input, details))
                    : Set.of(input.reference());
            for (String reference : named) {
                actors.add(reference);
                if (reference.startsWith("Practitioner/")) {
                    actors.addAll(search(PractitionerRole.class, PractitionerRole.SP_PRACTITIONER, reference, details));
                }
            }
        }
        return actors;
    }

    /** The Schedule actors of the organizations named: the Organization, its PractitionerRoles and its Locations. */
    Set<String> organizations(List<ActorInput> inputs, RequestDetails details) {
        Set<String> actors = new LinkedHashSet<>();
        for (ActorInput input : inputs) {
            Set<String> named =
                    input.byIdentifier() ? byIdentifier(Organization.class, input, details) : Set.of(input.reference());
            for (String reference : named) {
                actors.add(reference);
                actors.addAll(search(PractitionerRole.class, PractitionerRole.SP_ORGANIZATION, reference, details));
                actors.addAll(search(Location.class, Location.SP_ORGANIZATION, reference, details));
            }
        }
        return actors;
    }

    /** The Locations named by reference or identifier, and those whose address matches a {@code location-string}. */
    Set<String> locations(List<ActorInput> inputs, List<String> addresses, RequestDetails details) {
        Set<String> actors = new LinkedHashSet<>();
        for (ActorInput input : inputs) {
            actors.addAll(
                    input.byIdentifier() ? byIdentifier(Location.class, input, details) : Set.of(input.reference()));
        }
        for (String address : addresses) {
            SearchParameterMap map = SearchParameterMap.newSynchronous();
            map.add(Location.SP_ADDRESS, new StringParam(address));
            actors.addAll(ids(Location.class, map, details));
        }
        return actors;
    }

    /** The Patient an identifier names, when exactly one does. */
    Set<String> patients(ActorInput input, RequestDetails details) {
        return byIdentifier(org.hl7.fhir.r4.model.Patient.class, input, details);
    }

    private Set<String> byIdentifier(Class<? extends IBaseResource> type, ActorInput input, RequestDetails details) {
        SearchParameterMap map = SearchParameterMap.newSynchronous();
        map.add("identifier", new TokenParam(input.system(), input.value()));
        return ids(type, map, details);
    }

    private Set<String> search(
            Class<? extends IBaseResource> type, String param, String reference, RequestDetails details) {
        SearchParameterMap map = SearchParameterMap.newSynchronous();
        map.add(param, new ReferenceParam(reference));
        return ids(type, map, details);
    }

    /** Directory matches all (up to the bound); a Patient lookup with the client's request and its access rules. */
    private Set<String> ids(Class<? extends IBaseResource> type, SearchParameterMap map, RequestDetails details) {
        map.setLoadSynchronousUpTo(MAX_MATCHES);
        List<IBaseResource> found = type == Patient.class
                ? daoRegistry.getResourceDao(type).search(map, details).getResources(0, MAX_MATCHES)
                : directory.all(type, map, MAX_MATCHES);
        Set<String> ids = new LinkedHashSet<>();
        for (IBaseResource resource : found) {
            ids.add(resource.getIdElement().toUnqualifiedVersionless().getValue());
        }
        return ids;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return all;
    }
}

package org.mediwox.scheduling.staff;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;
import org.mediwox.plugin.vocabulary.StaffRole;

/**
 * Who a practitioner is on the clinic's staff, read from their PractitionerRoles in one search (as the server, whatever
 * the caller may read). Roles are data the clinic edits in FHIR, so they are read for each request, not cached across
 * requests: a role ended or changed counts from the next request on.
 */
public class StaffDirectory {

    private static final String KEY = StaffDirectory.class.getName() + ":";

    private final DaoRegistry daoRegistry;

    public StaffDirectory(DaoRegistry daoRegistry) {
        this.daoRegistry = daoRegistry;
    }

    /** The practitioner's roles, searched once per request (kept in the request's user data). */
    public StaffMember member(RequestDetails request, String practitionerId) {
        return (StaffMember) request.getUserData().computeIfAbsent(KEY + practitionerId, k -> member(practitionerId));
    }

    /** The practitioner's roles, in one search. */
    public StaffMember member(String practitionerId) {
        SearchParameterMap map = SearchParameterMap.newSynchronous();
        map.add(PractitionerRole.SP_PRACTITIONER, new ReferenceParam("Practitioner/" + practitionerId));
        List<StaffMember.Role> roles = daoRegistry
                .getResourceDao(PractitionerRole.class)
                .search(map, new SystemRequestDetails())
                .getAllResources()
                .stream()
                .map(PractitionerRole.class::cast)
                .map(StaffDirectory::role)
                .toList();
        return new StaffMember(practitionerId, roles);
    }

    static StaffMember.Role role(PractitionerRole role) {
        Set<StaffRole> codes = EnumSet.noneOf(StaffRole.class);
        role.getCode().stream()
                .flatMap(code -> code.getCoding().stream())
                .forEach(coding -> Arrays.stream(StaffRole.values())
                        .filter(r -> r.is(coding.getSystem(), coding.getCode()))
                        .forEach(codes::add));
        Set<String> locations = new LinkedHashSet<>();
        role.getLocation().forEach(l -> idOf(l, "Location").ifPresent(locations::add));
        return new StaffMember.Role(
                role.getIdElement().getIdPart(),
                role.getActive(),
                codes,
                locations,
                idOf(role.getOrganization(), "Organization").orElse(null));
    }

    /** The id a reference names, when it names a resource of {@code type}. */
    static Optional<String> idOf(Reference reference, String type) {
        var id = reference.getReferenceElement();
        return id.hasIdPart() && type.equals(id.getResourceType()) ? Optional.of(id.getIdPart()) : Optional.empty();
    }
}

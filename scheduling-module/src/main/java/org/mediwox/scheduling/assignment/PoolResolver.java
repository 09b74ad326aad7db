package org.mediwox.scheduling.assignment;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Schedule;

/**
 * Finds the pool for a request: the active Schedules with the requested specialty / service type (and Location) whose
 * actor is an active PractitionerRole, grouped by that role and ordered by role id.
 */
public class PoolResolver {

    /** What a pool booking asks for; at least one of specialty and visit type is set. */
    public record Criteria(TokenParam specialty, TokenParam visitType, String locationId) {

        public String key() {
            return "specialty=" + token(specialty) + ";visit-type=" + token(visitType) + ";location="
                    + (locationId == null ? "" : locationId);
        }

        private static String token(TokenParam token) {
            return token == null ? "" : token.getValueAsQueryToken(null);
        }
    }

    private final DaoRegistry daoRegistry;

    public PoolResolver(DaoRegistry daoRegistry) {
        this.daoRegistry = daoRegistry;
    }

    public ProviderPool resolve(Criteria criteria, RequestDetails request) {
        SearchParameterMap map = SearchParameterMap.newSynchronous();
        map.add(Schedule.SP_ACTIVE, new TokenParam("true"));
        map.add(Schedule.SP_ACTOR, new ReferenceParam("PractitionerRole", "active", "true"));
        if (criteria.specialty() != null) {
            map.add(Schedule.SP_SPECIALTY, criteria.specialty());
        }
        if (criteria.visitType() != null) {
            map.add(Schedule.SP_SERVICE_TYPE, criteria.visitType());
        }
        if (criteria.locationId() != null) {
            map.add(Schedule.SP_ACTOR, new ReferenceParam("Location/" + criteria.locationId()));
        }
        map.addInclude(Schedule.INCLUDE_ACTOR.asNonRecursive());

        List<Schedule> schedules = new ArrayList<>();
        Map<String, PractitionerRole> roles = new LinkedHashMap<>();
        daoRegistry
                .getResourceDao(Schedule.class)
                .search(map, request)
                .getAllResources()
                .forEach(resource -> {
                    if (resource instanceof Schedule schedule) {
                        schedules.add(schedule);
                    } else if (resource instanceof PractitionerRole role) {
                        roles.put(role.getIdElement().getIdPart(), role);
                    }
                });

        Map<String, Map<String, List<String>>> schedulesByRole = new TreeMap<>();
        for (Schedule schedule : schedules) {
            List<String> actors =
                    schedule.getActor().stream().map(Reference::getReference).toList();
            for (String actor : actors) {
                if (actor.startsWith("PractitionerRole/")) {
                    String roleId = actor.substring("PractitionerRole/".length());
                    PractitionerRole role = roles.get(roleId);
                    if (role != null && role.getActive()) {
                        schedulesByRole
                                .computeIfAbsent(roleId, k -> new LinkedHashMap<>())
                                .put(schedule.getIdElement().getIdPart(), actors);
                    }
                }
            }
        }
        List<ProviderPool.Member> members = schedulesByRole.entrySet().stream()
                .map(e -> new ProviderPool.Member(e.getKey(), display(roles.get(e.getKey())), e.getValue()))
                .sorted(Comparator.comparing(ProviderPool.Member::roleId))
                .toList();
        return new ProviderPool(criteria.key(), members);
    }

    private static String display(PractitionerRole role) {
        String name = role.getPractitioner().getDisplay();
        return "PractitionerRole/" + role.getIdElement().getIdPart() + (name == null ? "" : " (" + name + ")");
    }
}

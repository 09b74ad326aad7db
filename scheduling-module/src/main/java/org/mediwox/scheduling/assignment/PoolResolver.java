package org.mediwox.scheduling.assignment;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Schedule;
import org.mediwox.scheduling.availability.DirectorySearch;

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

        private static final java.util.regex.Pattern KEY =
                java.util.regex.Pattern.compile("^specialty=(.*);visit-type=(.*);location=(.*)$");

        /** The criteria a {@link #key()} was made of; empty for a string that is no pool key. */
        public static java.util.Optional<Criteria> parse(String key) {
            java.util.regex.Matcher m = KEY.matcher(key == null ? "" : key);
            if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(new Criteria(
                    parseToken(m.group(1)), parseToken(m.group(2)), m.group(3).isEmpty() ? null : m.group(3)));
        }

        private static TokenParam parseToken(String value) {
            if (value.isEmpty()) {
                return null;
            }
            int bar = value.indexOf('|');
            return bar < 0
                    ? new TokenParam(null, value)
                    : new TokenParam(bar == 0 ? null : value.substring(0, bar), value.substring(bar + 1));
        }
    }

    /** Upper bound of Schedules in one pool (with their roles included, twice as many resources are read). */
    static final int MAX_SCHEDULES = 1000;

    private static final int MAX_CACHED_POOLS = 1000;

    private record Cached(ProviderPool pool, long expiresAtNanos) {}

    private final DirectorySearch directory;
    private final long ttlNanos;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    /**
     * @param cacheTtl how long a resolved pool is reused; writes of PractitionerRoles and Schedules on this node clear
     *     the cache at once ({@link #forget()}), other nodes see them after at most this long
     */
    public PoolResolver(DaoRegistry daoRegistry, Duration cacheTtl) {
        this.directory = new DirectorySearch(daoRegistry);
        this.ttlNanos = cacheTtl.toNanos();
    }

    /** Drops every cached pool. */
    public void forget() {
        cache.clear();
    }

    public ProviderPool resolve(Criteria criteria) {
        long now = System.nanoTime();
        Cached cached = cache.get(criteria.key());
        if (cached != null && now - cached.expiresAtNanos() < 0) {
            return cached.pool();
        }
        ProviderPool pool = load(criteria);
        if (ttlNanos > 0) {
            if (cache.size() >= MAX_CACHED_POOLS) {
                cache.clear(); // bounded: pool criteria come from requests
            }
            cache.put(criteria.key(), new Cached(pool, now + ttlNanos));
        }
        return pool;
    }

    private ProviderPool load(Criteria criteria) {
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
        directory.all(Schedule.class, map, MAX_SCHEDULES).forEach(resource -> {
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
                .map(e -> new ProviderPool.Member(e.getKey(), name(roles.get(e.getKey())), e.getValue()))
                .sorted(Comparator.comparing(ProviderPool.Member::roleId))
                .toList();
        return new ProviderPool(criteria.key(), members);
    }

    private static String name(PractitionerRole role) {
        return role.getPractitioner().getDisplay();
    }
}

package org.mediwox.scheduling.workload;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.mediwox.plugin.access.RequestUser;
import org.mediwox.plugin.vocabulary.BookingRefusal;
import org.mediwox.scheduling.assignment.PoolResolver;
import org.mediwox.scheduling.assignment.ProviderPool;
import org.mediwox.scheduling.availability.SlotAvailability;
import org.mediwox.scheduling.rules.SchedulingErrors;
import org.mediwox.scheduling.staff.StaffDirectory;
import org.mediwox.scheduling.staff.StaffMember;

/**
 * Who may see which workload figures, and the figures: a back end ({@code system/} scopes) sees every provider by
 * reference, and so does a practitioner with an active role coded {@code staff-role#manager}; any other practitioner
 * sees their own roles' figures by reference, and the figures of the pools their roles were
 * assigned in, with colleagues as "Provider A", "Provider B"… (by most assignments; no reference); anyone else is
 * refused. A request naming a provider the caller may not see is refused with 403, not answered empty.
 */
public class WorkloadService {

    private static final int MAX_DAYS = 3 * 366 + 1;

    /** The fewest providers a pool must have for a practitioner to see its figures. */
    static final int MIN_POOL = 3;

    private final WorkloadQuery query;
    private final StaffDirectory staff;
    private final PoolResolver pools;
    private final SlotAvailability availability;
    private final ZoneId zone;
    private final Clock clock;

    public WorkloadService(
            WorkloadQuery query,
            StaffDirectory staff,
            PoolResolver pools,
            SlotAvailability availability,
            ZoneId zone,
            Clock clock) {
        this.query = query;
        this.staff = staff;
        this.pools = pools;
        this.availability = availability;
        this.zone = zone;
        this.clock = clock;
    }

    /** The figures for {@code asked} (providers null: every provider the caller may see), for {@code user}. */
    public WorkloadReport.Figures figures(
            WorkloadQuery.Selection asked, RequestUser user, Set<WorkloadQuery.Level> levels) {
        if (asked.from().plusDays(MAX_DAYS).isBefore(asked.to())) {
            throw SchedulingErrors.invalid(
                    BookingRefusal.INVALID_INPUT,
                    "A workload report covers at most three years: ask for a shorter period");
        }
        if (user == null) {
            throw SchedulingErrors.forbidden(
                    BookingRefusal.NOT_PERMITTED, "Workload figures need an access token that says who asks");
        }
        return switch (user.kind()) {
            case SYSTEM -> everything(asked, levels);
            case PRACTITIONER -> {
                String practitionerId = user.practitionerId().orElseThrow();
                StaffMember member = staff.member(practitionerId);
                yield member.isManager()
                        ? everything(asked, levels)
                        : ownAndPools(asked, practitionerId, references(member), levels);
            }
            case PATIENT, OTHER ->
                throw SchedulingErrors.forbidden(
                        BookingRefusal.NOT_PERMITTED,
                        "Workload figures are for the clinic's practitioners (a user token whose fhirUser is a"
                                + " Practitioner) and back ends (system scopes)");
        };
    }

    /** A back end's: every provider by reference; a pool's figures and fairness are the whole pool's. */
    private WorkloadReport.Figures everything(WorkloadQuery.Selection asked, Set<WorkloadQuery.Level> levels) {
        boolean pools = levels.contains(WorkloadQuery.Level.POOL);
        List<WorkloadQuery.Row> rows = new ArrayList<>(query.rows(asked, levels));
        Set<String> poolKeys = rows.stream()
                .filter(r -> r.level() == WorkloadQuery.Level.POOL)
                .map(WorkloadQuery.Row::subject)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        WorkloadQuery.Selection wholePools =
                new WorkloadQuery.Selection(asked.from(), asked.to(), asked.grain(), null, poolKeys, asked.locations());
        if (asked.providers() != null && !poolKeys.isEmpty()) {
            // a pool's figures are the whole pool's, also when the request names some of its providers
            rows.removeIf(r -> r.level() == WorkloadQuery.Level.POOL);
            query.rows(wholePools, EnumSet.of(WorkloadQuery.Level.POOL)).forEach(rows::add);
            sort(rows);
        }
        Map<String, WorkloadReport.Label> labels = new TreeMap<>();
        rows.stream()
                .filter(r -> r.level() == WorkloadQuery.Level.PROVIDER)
                .forEach(r -> labels.put(r.subject(), new WorkloadReport.Label(r.subject(), null)));
        List<WorkloadReport.PoolFairness> fairness = poolKeys.isEmpty() || !pools
                ? List.of()
                : fairness(
                        wholePools,
                        query.poolAssignments(wholePools),
                        provider -> new WorkloadReport.Label(provider, null));
        fairness.forEach(
                f -> f.shares().forEach(s -> labels.putIfAbsent(s.provider().reference(), s.provider())));
        return new WorkloadReport.Figures(
                asked.from(),
                asked.to(),
                asked.grain(),
                rows,
                labels,
                fairness,
                pools ? nextAvailable(rows) : Map.of());
    }

    /**
     * A practitioner's: their own roles (and themselves, for Appointments naming no role) by reference, and the pools
     * those were assigned in — only pools of at least {@value #MIN_POOL} providers, so that the pool minus their own
     * figures never is one colleague's — with colleagues as labels.
     */
    private WorkloadReport.Figures ownAndPools(
            WorkloadQuery.Selection asked, String practitionerId, Set<String> own, Set<WorkloadQuery.Level> levels) {
        boolean pools = levels.contains(WorkloadQuery.Level.POOL);
        if (asked.providers() != null && !own.containsAll(asked.providers())) {
            Set<String> others = new LinkedHashSet<>(asked.providers());
            others.removeAll(own);
            throw SchedulingErrors.forbidden(
                    BookingRefusal.NOT_PERMITTED,
                    "Practitioner/" + practitionerId + " may see their own roles' workload and their pools', not "
                            + String.join(", ", others));
        }
        Set<String> mine = asked.providers() == null ? own : asked.providers();
        WorkloadQuery.Selection ownSelection = new WorkloadQuery.Selection(
                asked.from(), asked.to(), asked.grain(), mine, asked.pools(), asked.locations());
        List<WorkloadQuery.Row> rows = new ArrayList<>();
        // their own share of a pool is in the pool rows below
        Set<WorkloadQuery.Level> ownLevels = EnumSet.noneOf(WorkloadQuery.Level.class);
        levels.stream().filter(l -> l != WorkloadQuery.Level.POOL).forEach(ownLevels::add);
        rows.addAll(query.rows(ownSelection, ownLevels));
        Set<String> theirPools = query.poolAssignments(ownSelection).keySet();
        List<WorkloadReport.PoolFairness> fairness = List.of();
        if (!theirPools.isEmpty() && pools) {
            WorkloadQuery.Selection poolSelection = new WorkloadQuery.Selection(
                    asked.from(), asked.to(), asked.grain(), null, theirPools, asked.locations());
            Map<String, List<WorkloadQuery.PoolMember>> assignments = query.poolAssignments(poolSelection);
            fairness = fairness(poolSelection, assignments, anonymised(assignments, mine)).stream()
                    .filter(f -> f.figures().providers() >= MIN_POOL)
                    .toList();
            Set<String> shown =
                    fairness.stream().map(WorkloadReport.PoolFairness::pool).collect(Collectors.toSet());
            query.rows(poolSelection, EnumSet.of(WorkloadQuery.Level.POOL)).stream()
                    .filter(r -> shown.contains(r.subject()))
                    .forEach(rows::add);
        }
        Map<String, WorkloadReport.Label> labels = new TreeMap<>();
        mine.forEach(p -> labels.put(p, new WorkloadReport.Label(p, null)));
        sort(rows);
        return new WorkloadReport.Figures(
                asked.from(),
                asked.to(),
                asked.grain(),
                rows,
                labels,
                fairness,
                pools ? nextAvailable(rows) : Map.of());
    }

    /** Providers, then pools, then the total; by subject; the whole period before its buckets. */
    private static void sort(List<WorkloadQuery.Row> rows) {
        rows.sort(Comparator.comparing((WorkloadQuery.Row r) -> r.level().ordinal())
                .thenComparing(WorkloadQuery.Row::subject)
                .thenComparing(r -> r.bucket() == null ? "" : r.bucket().toString()));
    }

    /**
     * The first and third free Slot of each pool in the rows, now: its current members' Schedules, one index range
     * scan of the availability read model each.
     */
    private Map<String, WorkloadReport.NextAvailable> nextAvailable(List<WorkloadQuery.Row> rows) {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, zone);
        Map<String, WorkloadReport.NextAvailable> result = new TreeMap<>();
        rows.stream()
                .filter(r -> r.level() == WorkloadQuery.Level.POOL && r.bucket() == null)
                .map(WorkloadQuery.Row::subject)
                .forEach(key -> PoolResolver.Criteria.parse(key).ifPresent(criteria -> {
                    List<String> schedules = pools.resolve(criteria).members().stream()
                            .flatMap(m -> m.schedules().keySet().stream())
                            .toList();
                    List<Instant> free = availability.freeStarts(schedules, now, now.plus(Duration.ofDays(366)), 3);
                    Instant first = free.isEmpty() ? null : free.get(0);
                    Instant third = free.size() < 3 ? null : free.get(2);
                    result.put(
                            key,
                            new WorkloadReport.NextAvailable(
                                    first, daysUntil(today, first), third, daysUntil(today, third)));
                }));
        return result;
    }

    private Long daysUntil(LocalDate today, Instant at) {
        return at == null ? null : ChronoUnit.DAYS.between(today, LocalDate.ofInstant(at, zone));
    }

    /** Own roles by reference; colleagues as "Provider A", "Provider B"… in order of most assignments over all pools. */
    private static java.util.function.Function<String, WorkloadReport.Label> anonymised(
            Map<String, List<WorkloadQuery.PoolMember>> assignments, Set<String> mine) {
        // ties are ordered by a salt of this report, not by reference: a label says nothing of who is behind it
        String salt = java.util.UUID.randomUUID().toString();
        Map<String, Integer> totals = new TreeMap<>();
        assignments
                .values()
                .forEach(members -> members.forEach(m -> totals.merge(m.provider(), m.assigned(), Integer::sum)));
        List<String> colleagues = totals.entrySet().stream()
                .filter(e -> !mine.contains(e.getKey()))
                .sorted(Map.Entry.<String, Integer>comparingByValue()
                        .reversed()
                        .thenComparing(e -> (e.getKey() + salt).hashCode()))
                .map(Map.Entry::getKey)
                .toList();
        Map<String, String> names = new LinkedHashMap<>();
        for (int i = 0; i < colleagues.size(); i++) {
            names.put(colleagues.get(i), "Provider " + letters(i));
        }
        return provider -> mine.contains(provider)
                ? new WorkloadReport.Label(provider, null)
                : new WorkloadReport.Label(null, names.getOrDefault(provider, "Provider"));
    }

    private static String letters(int index) {
        StringBuilder label = new StringBuilder();
        int i = index;
        do {
            label.insert(0, (char) ('A' + i % 26));
            i = i / 26 - 1;
        } while (i >= 0);
        return label.toString();
    }

    /**
     * Each pool's fairness over its current members (resolved as a booking would) and whoever it assigned in the
     * period, members it assigned nothing counting 0; with each member's share of the minutes the members offered in
     * the period (one statement for every pool's members).
     */
    private List<WorkloadReport.PoolFairness> fairness(
            WorkloadQuery.Selection period,
            Map<String, List<WorkloadQuery.PoolMember>> assignments,
            java.util.function.Function<String, WorkloadReport.Label> label) {
        Map<String, Map<String, Integer>> countsByPool = new LinkedHashMap<>();
        assignments.forEach((key, members) -> {
            Map<String, Integer> counts = new LinkedHashMap<>();
            currentMembers(key).forEach(m -> counts.put(m, 0));
            members.forEach(m -> counts.merge(m.provider(), m.assigned(), Integer::sum));
            countsByPool.put(key, counts);
        });
        Set<String> everyMember = new TreeSet<>();
        countsByPool.values().forEach(counts -> everyMember.addAll(counts.keySet()));
        Map<String, Integer> offered = query.offeredMinutes(period, everyMember);
        List<WorkloadReport.PoolFairness> result = new ArrayList<>();
        countsByPool.forEach((key, counts) -> {
            Fairness figures = Fairness.of(new ArrayList<>(counts.values()));
            int capacity = counts.keySet().stream()
                    .mapToInt(m -> offered.getOrDefault(m, 0))
                    .sum();
            List<WorkloadReport.Share> shares = counts.entrySet().stream()
                    .sorted(Map.Entry.<String, Integer>comparingByValue()
                            .reversed()
                            .thenComparing(Map.Entry.comparingByKey()))
                    .map(e -> {
                        int minutes = offered.getOrDefault(e.getKey(), 0);
                        return new WorkloadReport.Share(
                                label.apply(e.getKey()),
                                e.getValue(),
                                figures.assigned() == 0 ? null : e.getValue() / (double) figures.assigned(),
                                minutes,
                                capacity == 0 ? null : minutes / (double) capacity);
                    })
                    .toList();
            result.add(new WorkloadReport.PoolFairness(key, figures, shares));
        });
        return result;
    }

    private List<String> currentMembers(String poolKey) {
        return PoolResolver.Criteria.parse(poolKey)
                .map(criteria -> pools.resolve(criteria).members().stream()
                        .map(ProviderPool.Member::roleId)
                        .map(id -> "PractitionerRole/" + id)
                        .toList())
                .orElse(List.of());
    }

    /** Their roles by reference, and themselves (for Appointments that name the practitioner without a role). */
    private static Set<String> references(StaffMember member) {
        Set<String> references = new HashSet<>();
        member.roleIds().forEach(id -> references.add("PractitionerRole/" + id));
        references.add("Practitioner/" + member.practitionerId());
        return references.stream().sorted().collect(Collectors.toCollection(LinkedHashSet::new));
    }
}

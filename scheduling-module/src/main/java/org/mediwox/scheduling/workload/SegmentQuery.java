package org.mediwox.scheduling.workload;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The pools' and the total's figures of a selection that names no provider, from the week segments ({@link Segments})
 * the period holds whole, plus the days at either end that no whole segment covers (at most six each side) from the day
 * counters and the facts. Over two years of a 200-provider clinic that is ~3,000 segment rows and ~12 days of facts,
 * where {@link WorkloadQuery}'s statements over the facts sort every booking's lead time for each grouping. The same
 * figures, to the bin ({@link LeadBins}): {@code WorkloadSegmentsIT} compares the two.
 */
final class SegmentQuery {

    private SegmentQuery() {}

    /** Whether the selection can be answered from segments: no provider named, and buckets made of whole segments. */
    static boolean answers(WorkloadQuery.Selection selection) {
        return selection.providers() == null && selection.grain() != WorkloadQuery.Grain.DAY;
    }

    /** The rows of {@code levels} ({@code POOL}, {@code TOTAL}) per bucket and over the whole period. */
    static List<WorkloadQuery.Row> rows(
            JdbcTemplate jdbc, WorkloadQuery.Selection selection, Set<WorkloadQuery.Level> levels) {
        LocalDate from = selection.from();
        LocalDate to = selection.to();
        LocalDate wholeFrom = Segments.startOf(from).equals(from) ? from : Segments.endOf(Segments.startOf(from));
        LocalDate wholeTo = Segments.startOf(to);
        List<LocalDate[]> edges = new ArrayList<>();
        if (wholeFrom.isBefore(wholeTo)) {
            edges.add(new LocalDate[] {from, wholeFrom});
            edges.add(new LocalDate[] {wholeTo, to});
        } else {
            edges.add(new LocalDate[] {from, to});
            wholeFrom = to;
            wholeTo = to;
        }
        Map<Group, Segments.Delta> groups = new TreeMap<>();
        boolean pools = levels.contains(WorkloadQuery.Level.POOL);
        boolean total = levels.contains(WorkloadQuery.Level.TOTAL);
        Collector collect = (bucket, pool, counters, lead, urgent) -> {
            if (pools && !pool.isEmpty()) {
                add(groups, new Group(WorkloadQuery.Level.POOL, pool, bucket), counters, lead, urgent);
                add(groups, new Group(WorkloadQuery.Level.POOL, pool, null), counters, lead, urgent);
            }
            if (total) {
                add(groups, new Group(WorkloadQuery.Level.TOTAL, "", bucket), counters, lead, urgent);
                add(groups, new Group(WorkloadQuery.Level.TOTAL, "", null), counters, lead, urgent);
            }
        };
        int[] noBins = new int[0];
        if (wholeFrom.isBefore(wholeTo)) {
            jdbc.query(
                    "select segment_start, pool_key, " + String.join(", ", Counters.COLUMNS)
                            + ", lead::text lead, urgent_lead::text urgent_lead from mediwox.workload_segment"
                            + " where segment_start >= ? and segment_start < ? and " + PLACES,
                    rs -> {
                        collect.add(
                                selection.grain().bucketOf(rs.getObject(1, LocalDate.class), from),
                                rs.getString(2),
                                counters(rs, 3),
                                Segments.parse(rs.getString("lead")),
                                Segments.parse(rs.getString("urgent_lead")));
                    },
                    arguments(new Object[] {wholeFrom, wholeTo}, selection));
        }
        for (LocalDate[] edge : edges) {
            if (!edge[0].isBefore(edge[1])) {
                continue;
            }
            jdbc.query(
                    "select local_day, pool_key, " + sums() + " from mediwox.workload_day"
                            + " where local_day >= ? and local_day < ? and " + PLACES + " group by 1, 2",
                    rs -> {
                        collect.add(
                                selection.grain().bucketOf(rs.getObject(1, LocalDate.class), from),
                                rs.getString(2),
                                counters(rs, 3),
                                noBins,
                                noBins);
                    },
                    arguments(edge, selection));
            jdbc.query(
                    "select local_day, pool_key, mediwox.lead_bin(lead_minutes) bin, count(*)::integer n,"
                            + " (count(*) filter (where urgent))::integer u from mediwox.appointment_fact"
                            + " where local_day >= ? and local_day < ? and lead_minutes is not null and " + PLACES
                            + " group by 1, 2, 3",
                    rs -> {
                        Segments.Delta bins = new Segments.Delta();
                        bins.addBin(rs.getInt("bin"), rs.getInt("n"), rs.getInt("u"));
                        collect.add(
                                selection.grain().bucketOf(rs.getObject(1, LocalDate.class), from),
                                rs.getString(2),
                                new int[Counters.COLUMNS.length],
                                bins.lead(),
                                bins.urgentLead());
                    },
                    arguments(edge, selection));
        }
        List<WorkloadQuery.Row> rows = new ArrayList<>();
        groups.forEach((group, sum) -> {
            int[] lead = sum.lead();
            int[] urgent = sum.urgentLead();
            rows.add(new WorkloadQuery.Row(
                    group.level(),
                    group.subject(),
                    group.bucket(),
                    counters(sum.counters()),
                    LeadBins.percentile(lead, 0.5),
                    LeadBins.percentile(lead, 0.9),
                    LeadBins.percentile(urgent, 0.5),
                    LeadBins.percentile(urgent, 0.9),
                    null,
                    null));
        });
        return rows;
    }

    /** Who and when a row counts for: a pool or the total ({@code ""}), a bucket or the whole period (null). */
    private record Group(WorkloadQuery.Level level, String subject, LocalDate bucket) implements Comparable<Group> {

        @Override
        public int compareTo(Group other) {
            int c = level.compareTo(other.level);
            if (c == 0) {
                c = subject.compareTo(other.subject);
            }
            if (c == 0 && bucket != other.bucket) {
                c = bucket == null ? -1 : other.bucket == null ? 1 : bucket.compareTo(other.bucket);
            }
            return c;
        }
    }

    @FunctionalInterface
    private interface Collector {
        void add(LocalDate bucket, String pool, int[] counters, int[] lead, int[] urgent);
    }

    private static void add(Map<Group, Segments.Delta> groups, Group group, int[] counters, int[] lead, int[] urgent) {
        groups.computeIfAbsent(group, g -> new Segments.Delta()).add(counters, lead, urgent);
    }

    /** The pools and locations of the selection, each skipped when not given. */
    private static final String PLACES =
            "(?::boolean or pool_key = any (?::text[])) and (?::boolean or location_id = any (?::text[]))";

    private static Object[] arguments(Object[] period, WorkloadQuery.Selection s) {
        return new Object[] {
            period[0],
            period[1],
            s.pools().isEmpty(),
            s.pools().toArray(String[]::new),
            s.locations().isEmpty(),
            s.locations().toArray(String[]::new)
        };
    }

    private static String sums() {
        return String.join(
                ", ",
                java.util.Arrays.stream(Counters.COLUMNS)
                        .map(c -> "sum(" + c + ")::integer " + c)
                        .toList());
    }

    private static int[] counters(java.sql.ResultSet rs, int first) throws java.sql.SQLException {
        int[] values = new int[Counters.COLUMNS.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = rs.getInt(first + i);
        }
        return values;
    }

    private static Counters counters(int[] v) {
        return new Counters(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11]);
    }
}

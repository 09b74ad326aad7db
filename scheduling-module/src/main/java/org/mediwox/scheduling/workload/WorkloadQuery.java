package org.mediwox.scheduling.workload;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The workload figures of a period, computed by set-based SQL over the read model: providers' counters from
 * {@code workload_day}, their lead-time percentiles from {@code appointment_fact}, grouped by PostgreSQL's grouping sets;
 * pools' and the total's from the week segments ({@link SegmentQuery}) when no provider is named. Lead-time percentiles
 * are over the lead times' {@link LeadBins} representatives everywhere. No resource is loaded.
 */
public class WorkloadQuery {

    /** How the period is divided. */
    public enum Grain {
        DAY("day"),
        WEEK("week"),
        MONTH("month"),
        NONE("none");

        private final String code;

        Grain(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }

        public static Grain of(String code) {
            for (Grain grain : values()) {
                if (grain.code.equals(code)) {
                    return grain;
                }
            }
            throw new IllegalArgumentException("grouping must be day, week, month or none, was " + code);
        }

        /** The first day of the bucket {@code day} falls in (ISO weeks start on Monday). */
        public LocalDate bucketOf(LocalDate day, LocalDate periodStart) {
            return switch (this) {
                case DAY -> day;
                case WEEK -> day.minusDays(day.getDayOfWeek().getValue() - 1L);
                case MONTH -> day.withDayOfMonth(1);
                case NONE -> periodStart;
            };
        }
    }

    /**
     * What to count: clinic-local days {@code [from, to)}; providers (null: every provider), pools and locations (empty:
     * any).
     */
    public record Selection(
            LocalDate from,
            LocalDate to,
            Grain grain,
            Set<String> providers,
            Set<String> pools,
            Set<String> locations) {

        public Selection {
            if (!from.isBefore(to)) {
                throw new IllegalArgumentException("the period must end after it starts: " + from + " to " + to);
            }
            pools = Set.copyOf(pools);
            locations = Set.copyOf(locations);
            providers = providers == null ? null : Set.copyOf(providers);
        }
    }

    /** Whose figures a row holds. */
    public enum Level {
        PROVIDER,
        POOL,
        TOTAL
    }

    /**
     * One subject's figures in one bucket, or over the whole period ({@code bucket} null). {@code subject}: the provider
     * reference, the pool key, or {@code ""} for the total. Percentiles in minutes, null when nothing was booked. Offered
     * Slots and minutes: for providers and the total when no pool filter is given; null otherwise.
     */
    public record Row(
            Level level,
            String subject,
            LocalDate bucket,
            Counters counters,
            Double leadP50,
            Double leadP90,
            Double urgentWaitP50,
            Double urgentWaitP90,
            Integer offered,
            Integer offeredMinutes) {

        /** Kept minutes over offered minutes; null without offered capacity. */
        public Double utilisation() {
            return offeredMinutes == null || offeredMinutes == 0
                    ? null
                    : counters.keptMinutes() / (double) offeredMinutes;
        }

        Row withPercentiles(Double[] lead, Double[] urgent) {
            return new Row(
                    level, subject, bucket, counters, lead[0], lead[1], urgent[0], urgent[1], offered, offeredMinutes);
        }

        Row withOffered(int slots, int minutes) {
            return new Row(
                    level, subject, bucket, counters, leadP50, leadP90, urgentWaitP50, urgentWaitP90, slots, minutes);
        }
    }

    /** One provider's share of a pool's assignments in the period. */
    public record PoolMember(String provider, int assigned) {}

    private final JdbcTemplate jdbc;

    public WorkloadQuery(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Every provider's, pool's and the total's figures per bucket and over the whole period, ordered by level, subject
     * and bucket (the whole period first).
     */
    public List<Row> rows(Selection selection) {
        return rows(selection, EnumSet.allOf(Level.class));
    }

    /**
     * The figures of the levels asked for only, per bucket and over the whole period: PostgreSQL groups by just those
     * (two grouping sets a level), and each statement reads only the columns it needs — over two years of a clinic's
     * facts, every grouping set asked for is a sort of up to a million lead times.
     */
    public List<Row> rows(Selection selection, Set<Level> levels) {
        if (levels.isEmpty()) {
            return List.of();
        }
        return withSessionSettings(jdbc -> rows(jdbc, selection, levels));
    }

    private static List<Row> rows(JdbcTemplate jdbc, Selection selection, Set<Level> levels) {
        Map<String, Row> rows = new TreeMap<>();
        Set<Level> fromFacts = EnumSet.copyOf(levels);
        if (SegmentQuery.answers(selection)) {
            Set<Level> fromSegments = EnumSet.noneOf(Level.class);
            levels.stream().filter(l -> l != Level.PROVIDER).forEach(fromSegments::add);
            fromFacts.removeAll(fromSegments);
            if (!fromSegments.isEmpty()) {
                SegmentQuery.rows(jdbc, selection, fromSegments).forEach(r -> rows.put(key(r), r));
            }
        }
        if (!fromFacts.isEmpty()) {
            factRows(jdbc, selection, fromFacts, rows);
        }
        offered(jdbc, selection, levels, rows);
        return new ArrayList<>(rows.values());
    }

    /** The rows of {@code levels} from the day counters and the facts, into {@code rows}. */
    private static void factRows(JdbcTemplate jdbc, Selection selection, Set<Level> levels, Map<String, Row> rows) {
        Grouping grouping = new Grouping(levels);
        String counters = String.join(
                ", ",
                java.util.Arrays.stream(Counters.COLUMNS)
                        .map(c -> "sum(" + c + ")::integer")
                        .toList());
        jdbc.query(
                "select " + grouping.columns() + ", " + counters
                        + " from (select " + BUCKET + " bucket, " + KEYS + ", "
                        + String.join(", ", Counters.COLUMNS)
                        + " from mediwox.workload_day where " + FILTER + ") d"
                        + " group by " + grouping.sets(),
                rs -> {
                    Level level = level(rs);
                    if (level == Level.POOL && rs.getString("pool_key").isEmpty()) {
                        return; // bookings no pool assigned: in their provider's and the total's figures only
                    }
                    int[] values = new int[Counters.COLUMNS.length];
                    for (int i = 0; i < values.length; i++) {
                        values[i] = rs.getInt(7 + i);
                    }
                    Row row = new Row(
                            level,
                            subject(rs, level),
                            bucket(rs),
                            counters(values),
                            null,
                            null,
                            null,
                            null,
                            null,
                            null);
                    rows.put(key(row), row);
                },
                arguments(selection));
        jdbc.query(
                "select " + grouping.columns() + ","
                        + " percentile_cont(array[0.5, 0.9]) within group (order by lead) lead,"
                        + " percentile_cont(array[0.5, 0.9]) within group (order by lead) filter (where urgent)"
                        + " urgent_wait"
                        + " from (select " + BUCKET + " bucket, " + KEYS
                        + ", mediwox.lead_rep(lead_minutes) lead, urgent"
                        + " from mediwox.appointment_fact where " + FILTER + " and lead_minutes is not null) f"
                        + " group by " + grouping.sets(),
                rs -> {
                    Level level = level(rs);
                    Row counted = rows.get(key(level, subject(rs, level), bucket(rs)));
                    if (counted == null) {
                        return;
                    }
                    rows.put(
                            key(counted),
                            counted.withPercentiles(
                                    percentiles(rs.getArray("lead")), percentiles(rs.getArray("urgent_wait"))));
                },
                arguments(selection));
    }

    /** Offered Slots and minutes into the provider and total rows, when no pool filter is given. */
    private static void offered(JdbcTemplate jdbc, Selection selection, Set<Level> levels, Map<String, Row> rows) {
        Set<Level> offeredLevels = EnumSet.noneOf(Level.class);
        levels.stream().filter(l -> l != Level.POOL).forEach(offeredLevels::add);
        if (selection.pools().isEmpty() && !offeredLevels.isEmpty()) {
            // offered capacity belongs to providers, not to pools: reported without a pool filter only
            Grouping offered = new Grouping(offeredLevels);
            jdbc.query(
                    "select " + offered.columns() + ", sum(offered)::integer offered,"
                            + " sum(offered_minutes)::integer offered_minutes"
                            + " from (select " + BUCKET + " bucket, p.provider, '' pool_key, d.offered,"
                            + " d.offered_minutes"
                            + " from mediwox.slot_day d join mediwox.schedule_provider p using (schedule_id)"
                            + " where d.local_day >= ? and d.local_day < ?"
                            + " and (?::boolean or p.provider = any (?::text[]))"
                            + " and (?::boolean or p.location_id = any (?::text[]))) o"
                            + " group by " + offered.sets(),
                    rs -> {
                        Level level = level(rs);
                        String subject = subject(rs, level);
                        LocalDate bucket = bucket(rs);
                        Row row = rows.get(key(level, subject, bucket));
                        if (row == null) {
                            row = new Row(level, subject, bucket, Counters.ZERO, null, null, null, null, null, null);
                        }
                        rows.put(
                                key(level, subject, bucket),
                                row.withOffered(rs.getInt("offered"), rs.getInt("offered_minutes")));
                    },
                    offeredArguments(selection));
        }
    }

    /**
     * Runs {@code work} on one connection with the settings the statements here need (reset after):
     *
     * <ul>
     *   <li>{@value #SORT_MEMORY} of sort and hash memory: the percentiles sort each grouping set's lead times, which at
     *       PostgreSQL's default (4 MB) spill to disk from about 100,000 facts on, and the counters group in memory;
     *   <li>a plan for the arguments given ({@code plan_cache_mode}): the filters are {@code (? or provider = any (?))}
     *       and only a plan that knows the arguments drops the unused ones and reads one provider's or pool's rows by
     *       index; after five calls on a connection PostgreSQL otherwise keeps a generic plan that scans every fact of
     *       the period (2.9 s instead of 0.6 s for one pool over two years);
     *   <li>no JIT compilation: it costs 0.1–0.2 s a statement here and the statements are sorts, not expressions.
     * </ul>
     */
    private <T> T withSessionSettings(java.util.function.Function<JdbcTemplate, T> work) {
        return jdbc.execute((ConnectionCallback<T>) connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("set work_mem = '" + SORT_MEMORY + "'; set plan_cache_mode = force_custom_plan;"
                        + " set jit = off");
            }
            try {
                return work.apply(new JdbcTemplate(new SingleConnectionDataSource(connection, true)));
            } finally {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("reset work_mem; reset plan_cache_mode; reset jit");
                }
            }
        });
    }

    private static final String SORT_MEMORY = "64MB";

    /**
     * The grouping sets of the levels asked for — a provider's ({@code (bucket, provider), (provider)}), a pool's, the
     * total's ({@code (bucket), ()}) — and the columns that say which set a row belongs to. A column no set groups by
     * is selected as a constant (PostgreSQL's {@code grouping()} accepts grouped columns only).
     */
    private record Grouping(Set<Level> levels) {

        String sets() {
            List<String> sets = new ArrayList<>();
            if (levels.contains(Level.PROVIDER)) {
                sets.add("(bucket, provider)");
                sets.add("(provider)");
            }
            if (levels.contains(Level.POOL)) {
                sets.add("(bucket, pool_key)");
                sets.add("(pool_key)");
            }
            if (levels.contains(Level.TOTAL)) {
                sets.add("(bucket)");
                sets.add("()");
            }
            return "grouping sets (" + String.join(", ", sets) + ")";
        }

        String columns() {
            boolean providers = levels.contains(Level.PROVIDER);
            boolean pools = levels.contains(Level.POOL);
            return "case when grouping(bucket) = 1 then null else bucket end bucket, "
                    + (providers ? "provider" : "null::text provider") + ", "
                    + (pools ? "pool_key" : "null::text pool_key") + ", "
                    + (providers ? "grouping(provider)" : "1") + " gp, "
                    + (pools ? "grouping(pool_key)" : "1") + " gk, grouping(bucket) gb";
        }
    }

    /** Each pool's assignments per provider over the whole period (providers the pool assigned nothing are absent). */
    public Map<String, List<PoolMember>> poolAssignments(Selection selection) {
        return withSessionSettings(jdbc -> poolAssignments(jdbc, selection));
    }

    /**
     * The minutes of Slots each of {@code providers} offered in the selection's period (and places): a pool member's
     * share of the capacity, against which their share of its assignments is read. One grouped scan of the day
     * counters of those providers' Schedules.
     */
    public Map<String, Integer> offeredMinutes(Selection selection, Collection<String> providers) {
        Map<String, Integer> minutes = new TreeMap<>();
        if (providers.isEmpty()) {
            return minutes;
        }
        jdbc.query(
                "select p.provider, sum(d.offered_minutes)::integer minutes"
                        + " from mediwox.slot_day d join mediwox.schedule_provider p using (schedule_id)"
                        + " where d.local_day >= ? and d.local_day < ? and p.provider = any (?::text[])"
                        + " and (?::boolean or p.location_id = any (?::text[])) group by 1",
                rs -> {
                    minutes.put(rs.getString("provider"), rs.getInt("minutes"));
                },
                selection.from(),
                selection.to(),
                providers.toArray(String[]::new),
                selection.locations().isEmpty(),
                selection.locations().toArray(String[]::new));
        return minutes;
    }

    private static Map<String, List<PoolMember>> poolAssignments(JdbcTemplate jdbc, Selection selection) {
        Map<String, List<PoolMember>> pools = new TreeMap<>();
        jdbc.query(
                "select pool_key, provider, sum(pool_assigned)::integer assigned from mediwox.workload_day where "
                        + FILTER + " and pool_key <> '' group by 1, 2 order by 1, 2",
                rs -> {
                    pools.computeIfAbsent(rs.getString("pool_key"), k -> new ArrayList<>())
                            .add(new PoolMember(rs.getString("provider"), rs.getInt("assigned")));
                },
                filterArguments(selection));
        return pools;
    }

    /**
     * The provider and pool columns grouped by, compared byte by byte: the groups are the same as under the database's
     * collation (both are deterministic), the sort of a million facts by a 50-character pool key is cheaper, and the
     * order of the rows is decided here ({@link #key}), not by PostgreSQL.
     */
    private static final String KEYS = "provider collate \"C\" provider, pool_key collate \"C\" pool_key";

    /** The bucket of a row: the period's first day, or the first day of its day, ISO week or month. */
    private static final String BUCKET =
            "case ?::text when 'none' then ?::date else date_trunc(?::text, local_day)::date end";

    /** The selection: the period, then providers, pools and locations, each skipped when not given. */
    private static final String FILTER =
            "local_day >= ? and local_day < ? and (?::boolean or provider = any (?::text[]))"
                    + " and (?::boolean or pool_key = any (?::text[])) and (?::boolean or location_id = any (?::text[]))";

    /** The bucket's arguments, then the filter's. */
    private static Object[] arguments(Selection s) {
        String grain = s.grain().code();
        List<Object> arguments = new ArrayList<>(List.of(grain, s.from(), grain));
        arguments.addAll(List.of(filterArguments(s)));
        return arguments.toArray();
    }

    private static Object[] offeredArguments(Selection s) {
        String grain = s.grain().code();
        return new Object[] {
            grain,
            s.from(),
            grain,
            s.from(),
            s.to(),
            s.providers() == null,
            s.providers() == null ? new String[0] : s.providers().toArray(String[]::new),
            s.locations().isEmpty(),
            s.locations().toArray(String[]::new)
        };
    }

    private static Object[] filterArguments(Selection s) {
        return new Object[] {
            s.from(),
            s.to(),
            s.providers() == null,
            s.providers() == null ? new String[0] : s.providers().toArray(String[]::new),
            s.pools().isEmpty(),
            s.pools().toArray(String[]::new),
            s.locations().isEmpty(),
            s.locations().toArray(String[]::new)
        };
    }

    private static Level level(ResultSet rs) throws SQLException {
        if (rs.getInt("gp") == 0) {
            return Level.PROVIDER;
        }
        return rs.getInt("gk") == 0 ? Level.POOL : Level.TOTAL;
    }

    private static String subject(ResultSet rs, Level level) throws SQLException {
        return switch (level) {
            case PROVIDER -> rs.getString("provider");
            case POOL -> rs.getString("pool_key");
            case TOTAL -> "";
        };
    }

    private static LocalDate bucket(ResultSet rs) throws SQLException {
        return rs.getInt("gb") == 1 ? null : rs.getObject("bucket", LocalDate.class);
    }

    private static String key(Row row) {
        return key(row.level(), row.subject(), row.bucket());
    }

    private static String key(Level level, String subject, LocalDate bucket) {
        return level.ordinal() + "\u0000" + subject + "\u0000" + (bucket == null ? "" : bucket.toString());
    }

    private static Double[] percentiles(Array array) throws SQLException {
        if (array == null) {
            return new Double[] {null, null};
        }
        Object[] values = (Object[]) array.getArray();
        return new Double[] {(Double) values[0], (Double) values[1]};
    }

    private static Counters counters(int[] v) {
        return new Counters(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11]);
    }
}

package org.mediwox.scheduling.workload;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The workload read model's tables: {@code mediwox.appointment_fact}, and the {@code mediwox.workload_day} counters and
 * {@code mediwox.workload_segment} rows ({@link Segments}) kept from it. An Appointment's facts are replaced in a
 * statement of the writing transaction; the day counters and segments are moved by the difference in one statement
 * when that transaction commits, in key order.
 */
public class WorkloadFacts {

    private static final String FACT_COLUMNS = "appointment_id, provider, location_id, pool_key, assignment, status,"
            + " start_at, minutes, local_day, urgent, booked_at, lead_minutes, cancelled_at, cancelled_by, rescheduled,"
            + " rescheduled_from";

    private final JdbcTemplate jdbc;

    public WorkloadFacts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The Appointment's facts as stored, locked until the transaction ends. */
    public List<Fact> current(String appointmentId) {
        return jdbc.query(
                "select " + FACT_COLUMNS + " from mediwox.appointment_fact where appointment_id = ? order by provider"
                        + " for update",
                WorkloadFacts::fact,
                appointmentId);
    }

    /**
     * Replaces the Appointment's facts {@code before} (as {@link #current} read them) with {@code after} and moves the
     * day counters by the difference, touching day rows in {@link Fact.DayKey} order. Nothing is written when nothing
     * changed.
     */
    public void replace(String appointmentId, Collection<Fact> before, Collection<Fact> after) {
        if (List.copyOf(before).equals(List.copyOf(after))) {
            return;
        }
        Map<Fact.DayKey, Counters> delta = new TreeMap<>();
        before.forEach(f -> delta.merge(f.day(), f.counters().negated(), Counters::plus));
        after.forEach(f -> delta.merge(f.day(), f.counters(), Counters::plus));
        delta.values().removeIf(Counters::isZero);
        Map<Segments.Key, Segments.Delta> segments = new TreeMap<>();
        Segments.add(segments, before, -1);
        Segments.add(segments, after, 1);
        segments.values().removeIf(Segments.Delta::isZero);

        List<Object> arguments = new ArrayList<>();
        arguments.add(appointmentId);
        arguments.add(after.stream().map(Fact::provider).toArray(String[]::new));
        for (int column = 0; column < 16; column++) {
            int c = column;
            arguments.add(after.stream().map(f -> text(f, c)).toArray(String[]::new));
        }
        jdbc.update(FACT_STATEMENT, arguments.toArray());
        if (!delta.isEmpty() || !segments.isEmpty()) {
            move(delta, segments);
        }
    }

    /**
     * Moves the day counters and the segment rows: at the end of the writing transaction, all of its Appointments'
     * differences summed and written in one statement, day rows in {@link Fact.DayKey} order, segment rows in
     * {@link Segments.Key} order — a transaction Bundle of many Appointments would otherwise lock rows in the order of
     * its entries, and two such Bundles deadlock on each other. Outside a transaction, at once.
     */
    private void move(Map<Fact.DayKey, Counters> delta, Map<Segments.Key, Segments.Delta> segments) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()
                || !TransactionSynchronizationManager.isActualTransactionActive()) {
            write(delta, segments);
            return;
        }
        PendingDays pending = (PendingDays) TransactionSynchronizationManager.getResource(this);
        if (pending == null) {
            pending = new PendingDays();
            TransactionSynchronizationManager.bindResource(this, pending);
            TransactionSynchronizationManager.registerSynchronization(pending);
        }
        Map<Fact.DayKey, Counters> sums = pending.delta();
        delta.forEach((day, counters) -> sums.merge(day, counters, Counters::plus));
        Map<Segments.Key, Segments.Delta> segmentSums = pending.segments();
        segments.forEach((key, change) -> segmentSums
                .computeIfAbsent(key, k -> new Segments.Delta())
                .add(change.counters(), change.lead(), change.urgentLead()));
    }

    /**
     * Writes the day counters and the segment rows by their differences in one statement (one round trip of the
     * booking transaction): the day rows' upsert as a data-modifying {@code WITH} of the segments' upsert, each
     * writing its rows in key order. PostgreSQL runs a {@code WITH} nobody reads after the main statement, so every
     * transaction takes segment rows, then day rows, in the same order.
     */
    private void write(Map<Fact.DayKey, Counters> delta, Map<Segments.Key, Segments.Delta> segments) {
        delta.values().removeIf(Counters::isZero);
        segments.values().removeIf(Segments.Delta::isZero);
        if (delta.isEmpty() && segments.isEmpty()) {
            return;
        }
        if (segments.isEmpty()) {
            jdbc.update(DAY_STATEMENT, dayArguments(delta).toArray());
        } else if (delta.isEmpty()) {
            jdbc.update(Segments.STATEMENT, Segments.arguments(segments));
        } else {
            List<Object> arguments = dayArguments(delta);
            arguments.addAll(List.of(Segments.arguments(segments)));
            jdbc.update("with days as (" + DAY_STATEMENT + ") " + Segments.STATEMENT, arguments.toArray());
        }
    }

    private static List<Object> dayArguments(Map<Fact.DayKey, Counters> delta) {
        List<Object> arguments = new ArrayList<>();
        arguments.add(delta.keySet().stream().map(Fact.DayKey::provider).toArray(String[]::new));
        arguments.add(delta.keySet().stream().map(k -> k.localDay().toString()).toArray(String[]::new));
        arguments.add(delta.keySet().stream().map(Fact.DayKey::locationId).toArray(String[]::new));
        arguments.add(delta.keySet().stream().map(Fact.DayKey::poolKey).toArray(String[]::new));
        for (int column = 0; column < Counters.COLUMNS.length; column++) {
            int c = column;
            arguments.add(delta.values().stream()
                    .map(v -> Integer.toString(v.values()[c]))
                    .toArray(String[]::new));
        }
        return arguments;
    }

    /** A transaction's day differences, written just before it commits; bound to the transaction while it runs. */
    private final class PendingDays implements TransactionSynchronization {

        private final Map<Fact.DayKey, Counters> delta = new TreeMap<>();
        private final Map<Segments.Key, Segments.Delta> segments = new TreeMap<>();

        Map<Fact.DayKey, Counters> delta() {
            return delta;
        }

        Map<Segments.Key, Segments.Delta> segments() {
            return segments;
        }

        @Override
        public void suspend() {
            TransactionSynchronizationManager.unbindResource(WorkloadFacts.this);
        }

        @Override
        public void resume() {
            TransactionSynchronizationManager.bindResource(WorkloadFacts.this, this);
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            write(delta, segments);
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(WorkloadFacts.this);
        }
    }

    /** Removes every fact, day counter and segment (a rebuild starts from nothing). */
    public void clear() {
        jdbc.update("truncate mediwox.appointment_fact, mediwox.workload_day, mediwox.workload_segment");
    }

    public boolean isEmpty() {
        return Boolean.FALSE.equals(
                jdbc.queryForObject("select exists (select 1 from mediwox.appointment_fact)", Boolean.class));
    }

    private static final String FACT_STATEMENT;
    private static final String DAY_STATEMENT;

    static {
        StringBuilder counters = new StringBuilder();
        StringBuilder casts = new StringBuilder();
        StringBuilder sums = new StringBuilder();
        for (int i = 0; i < Counters.COLUMNS.length; i++) {
            String name = Counters.COLUMNS[i];
            counters.append(", ").append(name);
            casts.append(", c").append(i).append("::integer");
            sums.append(i == 0 ? "" : ", ")
                    .append(name)
                    .append(" = mediwox.workload_day.")
                    .append(name)
                    .append(" + excluded.")
                    .append(name);
        }
        StringBuilder arrays = new StringBuilder();
        StringBuilder names = new StringBuilder();
        for (int i = 0; i < Counters.COLUMNS.length; i++) {
            arrays.append(", ?::text[]");
            names.append(", c").append(i);
        }
        FACT_STATEMENT = "with gone as (delete from mediwox.appointment_fact where appointment_id = ?"
                + " and not (provider = any (?::text[])))"
                + " insert into mediwox.appointment_fact (" + FACT_COLUMNS + ")"
                + " select a, p, l, k, m, s, st::timestamptz, mi::integer, d::date, u::boolean, b::timestamptz,"
                + " le::integer, ca::timestamptz, cb, r::boolean, rf"
                + " from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],"
                + " ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])"
                + " as f(a, p, l, k, m, s, st, mi, d, u, b, le, ca, cb, r, rf)"
                + " on conflict (appointment_id, provider) do update set location_id = excluded.location_id,"
                + " pool_key = excluded.pool_key, assignment = excluded.assignment, status = excluded.status,"
                + " start_at = excluded.start_at, minutes = excluded.minutes, local_day = excluded.local_day,"
                + " urgent = excluded.urgent, booked_at = excluded.booked_at, lead_minutes = excluded.lead_minutes,"
                + " cancelled_at = excluded.cancelled_at, cancelled_by = excluded.cancelled_by,"
                + " rescheduled = excluded.rescheduled, rescheduled_from = excluded.rescheduled_from";
        DAY_STATEMENT = "insert into mediwox.workload_day (provider, local_day, location_id, pool_key" + counters + ")"
                + " select p, d::date, l, k" + casts
                + " from unnest(?::text[], ?::text[], ?::text[], ?::text[]" + arrays + ") with ordinality"
                + " as w(p, d, l, k" + names + ", n) order by n"
                + " on conflict (provider, local_day, location_id, pool_key) do update set " + sums;
    }

    private static String text(Fact f, int column) {
        return switch (column) {
            case 0 -> f.appointmentId();
            case 1 -> f.provider();
            case 2 -> f.locationId();
            case 3 -> f.poolKey();
            case 4 -> f.assignment();
            case 5 -> f.status();
            case 6 -> f.start().toString();
            case 7 -> Integer.toString(f.minutes());
            case 8 -> f.localDay().toString();
            case 9 -> Boolean.toString(f.urgent());
            case 10 -> f.bookedAt().toString();
            case 11 -> f.leadMinutes() == null ? null : f.leadMinutes().toString();
            case 12 -> f.cancelledAt() == null ? null : f.cancelledAt().toString();
            case 13 -> f.cancelledBy();
            case 14 -> Boolean.toString(f.rescheduled());
            case 15 -> f.rescheduledFrom();
            default -> throw new IllegalArgumentException("no fact column " + column);
        };
    }

    private static Fact fact(ResultSet rs, int row) throws SQLException {
        int lead = rs.getInt("lead_minutes");
        Integer leadMinutes = rs.wasNull() ? null : lead;
        return new Fact(
                rs.getString("appointment_id"),
                rs.getString("provider"),
                rs.getString("location_id"),
                rs.getString("pool_key"),
                rs.getString("assignment"),
                rs.getString("status"),
                instant(rs.getTimestamp("start_at")),
                rs.getInt("minutes"),
                rs.getObject("local_day", java.time.LocalDate.class),
                rs.getBoolean("urgent"),
                instant(rs.getTimestamp("booked_at")),
                leadMinutes,
                instant(rs.getTimestamp("cancelled_at")),
                rs.getString("cancelled_by"),
                rs.getBoolean("rescheduled"),
                rs.getString("rescheduled_from"));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}

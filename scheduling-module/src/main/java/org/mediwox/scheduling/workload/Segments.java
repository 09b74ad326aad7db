package org.mediwox.scheduling.workload;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The {@code mediwox.workload_segment} rows (migration V24): per pool, place and week segment — the part of an ISO week
 * inside one month — the counters of {@code workload_day} summed over providers, and the lead-time bin counts
 * ({@link LeadBins}). Weeks and months are whole numbers of segments, so a pool's or the clinic's figures over a long
 * period add up a few thousand rows. Kept by deltas like the day counters, in the same transaction.
 */
final class Segments {

    private Segments() {}

    /** The key of a segment row; ordered, so that every writer touches segment rows in the same order. */
    record Key(String poolKey, String locationId, LocalDate start) implements Comparable<Key> {

        @Override
        public int compareTo(Key other) {
            int c = poolKey.compareTo(other.poolKey);
            if (c == 0) {
                c = locationId.compareTo(other.locationId);
            }
            return c != 0 ? c : start.compareTo(other.start);
        }
    }

    /** The first day of the segment {@code day} falls in: the later of its Monday and the first of its month. */
    static LocalDate startOf(LocalDate day) {
        LocalDate monday = day.minusDays(day.getDayOfWeek().getValue() - 1L);
        LocalDate first = day.withDayOfMonth(1);
        return monday.isAfter(first) ? monday : first;
    }

    /** The day after the segment starting on {@code start}: the next Monday or the next first of a month. */
    static LocalDate endOf(LocalDate start) {
        LocalDate nextMonday =
                start.minusDays(start.getDayOfWeek().getValue() - 1L).plusDays(7);
        LocalDate nextMonth = start.withDayOfMonth(1).plusMonths(1);
        return nextMonday.isBefore(nextMonth) ? nextMonday : nextMonth;
    }

    /** A change to one segment row, or its whole content when read. */
    static final class Delta {

        private int[] counters = new int[Counters.COLUMNS.length];
        private int[] lead = new int[0];
        private int[] urgentLead = new int[0];

        /** Adds ({@code sign} 1) or takes away ({@code sign} -1) one fact. */
        void add(Fact fact, int sign) {
            int[] values = fact.counters().values();
            for (int i = 0; i < values.length; i++) {
                counters[i] += sign * values[i];
            }
            if (fact.leadMinutes() != null) {
                int bin = LeadBins.of(fact.leadMinutes());
                lead = count(lead, bin, sign);
                if (fact.urgent()) {
                    urgentLead = count(urgentLead, bin, sign);
                }
            }
        }

        /** Adds a row's (or an edge's) counters and bin counts. */
        void add(int[] counterValues, int[] leadBins, int[] urgentBins) {
            for (int i = 0; i < counters.length; i++) {
                counters[i] += counterValues[i];
            }
            lead = plus(lead, leadBins);
            urgentLead = plus(urgentLead, urgentBins);
        }

        void addBin(int bin, int leads, int urgentLeads) {
            lead = count(lead, bin, leads);
            urgentLead = count(urgentLead, bin, urgentLeads);
        }

        boolean isZero() {
            return Arrays.stream(counters).allMatch(v -> v == 0)
                    && Arrays.stream(lead).allMatch(v -> v == 0)
                    && Arrays.stream(urgentLead).allMatch(v -> v == 0);
        }

        int[] counters() {
            return counters;
        }

        int[] lead() {
            return lead;
        }

        int[] urgentLead() {
            return urgentLead;
        }

        private static int[] count(int[] bins, int bin, int n) {
            int[] result = bins.length > bin ? bins : Arrays.copyOf(bins, bin + 1);
            result[bin] += n;
            return result;
        }

        private static int[] plus(int[] a, int[] b) {
            int[] result = Arrays.copyOf(a, Math.max(a.length, b.length));
            for (int i = 0; i < b.length; i++) {
                result[i] += b[i];
            }
            return result;
        }
    }

    /** Adds what {@code facts} count ({@code sign} 1) or takes it away (-1), per segment. */
    static void add(Map<Key, Delta> into, Collection<Fact> facts, int sign) {
        for (Fact fact : facts) {
            into.computeIfAbsent(new Key(fact.poolKey(), fact.locationId(), startOf(fact.localDay())), k -> new Delta())
                    .add(fact, sign);
        }
    }

    /** The statement moving segment rows by {@link #arguments}: one row a key, written in the order given. */
    static final String STATEMENT;

    static {
        StringBuilder columns = new StringBuilder();
        StringBuilder casts = new StringBuilder();
        StringBuilder arrays = new StringBuilder();
        StringBuilder names = new StringBuilder();
        StringBuilder sums = new StringBuilder();
        for (int i = 0; i < Counters.COLUMNS.length; i++) {
            String name = Counters.COLUMNS[i];
            columns.append(", ").append(name);
            casts.append(", c").append(i).append("::integer");
            arrays.append(", ?::text[]");
            names.append(", c").append(i);
            sums.append(name)
                    .append(" = mediwox.workload_segment.")
                    .append(name)
                    .append(" + excluded.")
                    .append(name)
                    .append(", ");
        }
        STATEMENT = "insert into mediwox.workload_segment (pool_key, location_id, segment_start" + columns
                + ", lead, urgent_lead)"
                + " select k, l, s::date" + casts + ", le::integer[], ul::integer[]"
                + " from unnest(?::text[], ?::text[], ?::text[]" + arrays + ", ?::text[], ?::text[]) with ordinality"
                + " as w(k, l, s" + names + ", le, ul, n) order by n"
                + " on conflict (pool_key, location_id, segment_start) do update set " + sums
                + "lead = mediwox.add_bins(mediwox.workload_segment.lead, excluded.lead),"
                + " urgent_lead = mediwox.add_bins(mediwox.workload_segment.urgent_lead, excluded.urgent_lead)";
    }

    /** {@link #STATEMENT}'s arguments for {@code deltas}, in key order. */
    static Object[] arguments(Map<Key, Delta> deltas) {
        List<Object> arguments = new ArrayList<>();
        arguments.add(deltas.keySet().stream().map(Key::poolKey).toArray(String[]::new));
        arguments.add(deltas.keySet().stream().map(Key::locationId).toArray(String[]::new));
        arguments.add(deltas.keySet().stream().map(k -> k.start().toString()).toArray(String[]::new));
        for (int column = 0; column < Counters.COLUMNS.length; column++) {
            int c = column;
            arguments.add(deltas.values().stream()
                    .map(d -> Integer.toString(d.counters()[c]))
                    .toArray(String[]::new));
        }
        arguments.add(deltas.values().stream().map(d -> array(d.lead())).toArray(String[]::new));
        arguments.add(deltas.values().stream().map(d -> array(d.urgentLead())).toArray(String[]::new));
        return arguments.toArray();
    }

    private static String array(int[] values) {
        return Arrays.stream(values).mapToObj(Integer::toString).collect(Collectors.joining(",", "{", "}"));
    }

    /** An {@code integer[]} as PostgreSQL writes it ({@code {1,0,2}}), read without boxing every element. */
    static int[] parse(String text) {
        if (text == null || text.length() <= 2) {
            return new int[0];
        }
        int[] values = new int[16];
        int count = 0;
        int value = 0;
        boolean negative = false;
        for (int i = 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ',' || c == '}') {
                if (count == values.length) {
                    values = Arrays.copyOf(values, count * 2);
                }
                values[count++] = negative ? -value : value;
                value = 0;
                negative = false;
            } else if (c == '-') {
                negative = true;
            } else {
                value = value * 10 + (c - '0');
            }
        }
        return Arrays.copyOf(values, count);
    }
}

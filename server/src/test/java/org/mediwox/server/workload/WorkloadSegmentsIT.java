package org.mediwox.server.workload;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.mediwox.scheduling.workload.Fact;
import org.mediwox.scheduling.workload.LeadBins;
import org.mediwox.scheduling.workload.WorkloadFacts;
import org.mediwox.scheduling.workload.WorkloadQuery;
import org.mediwox.scheduling.workload.WorkloadQuery.Grain;
import org.mediwox.scheduling.workload.WorkloadQuery.Level;
import org.mediwox.scheduling.workload.WorkloadQuery.Row;
import org.mediwox.scheduling.workload.WorkloadQuery.Selection;
import org.mediwox.server.support.ServerIT;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The pools' and the clinic's figures over long periods come from the week segments ({@code workload_segment}), the
 * providers' from the facts. Both must say the same: on a random clinic of 1,500 bookings over three months (written,
 * changed and deleted through {@link WorkloadFacts} as the booking transaction writes them), every pool's and the total's
 * figures from the segments equal those from the facts (a selection naming every provider is answered from the facts),
 * for weeks, months and whole periods that start and end mid-week and mid-month; and the segments kept by deltas equal a
 * recount. The database's bins are {@link LeadBins}'.
 */
class WorkloadSegmentsIT extends ServerIT {

    private static final ZoneId ZONE = ZoneId.of("America/New_York");

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private WorkloadFacts facts;

    @Test
    void theDatabasesBinsAreLeadBins() {
        List<Integer> values = new ArrayList<>();
        for (int bound : LeadBins.lowerBounds()) {
            values.addAll(List.of(bound - 1, bound, bound + 1));
        }
        values.addAll(List.of(-5, 1_000_000_000));
        List<Map<String, Object>> rows = jdbc.queryForList(
                "select v, mediwox.lead_bin(v) bin, mediwox.lead_rep(v) rep from unnest(?::integer[]) v",
                (Object) values.toArray(Integer[]::new));

        assertThat(rows).hasSize(values.size()).allSatisfy(row -> {
            int v = (Integer) row.get("v");
            int bin = LeadBins.of(v);
            assertThat(row.get("bin")).as("bin of %d", v).isEqualTo(bin);
            assertThat(row.get("rep")).as("representative of %d", v).isEqualTo(LeadBins.representative(bin));
        });
    }

    @Test
    void poolsAndTotal_fromSegments_equalTheFacts_forEveryGrainAndPeriod_andTheSegmentsEqualARecount() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String location = "seg-" + run;
        List<String> pools = List.of(
                "specialty=urn:mediwox:test:segments|" + run + "-1;visit-type=;location=",
                "specialty=urn:mediwox:test:segments|" + run + "-2;visit-type=;location=");
        List<String> providers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            providers.add("PractitionerRole/seg-" + run + "-" + i);
        }
        Random random = new Random(23);
        LocalDate first = LocalDate.parse("2031-05-20");
        List<Fact> written = new ArrayList<>();
        for (int n = 0; n < 1_500; n++) {
            Fact fact = randomFact(random, "seg-" + run + "-" + n, providers, pools, location, first);
            facts.replace(fact.appointmentId(), facts.current(fact.appointmentId()), List.of(fact));
            written.add(fact);
        }
        // changed (status, day, pool) and deleted afterwards, as later writes do: the deltas take old bins away
        for (int n = 0; n < 300; n++) {
            Fact old = written.get(random.nextInt(written.size()));
            List<Fact> now = n % 5 == 0
                    ? List.of()
                    : List.of(randomFact(random, old.appointmentId(), providers, pools, location, first));
            facts.replace(old.appointmentId(), facts.current(old.appointmentId()), now);
        }

        List<LocalDate[]> periods = List.of(
                period("2031-05-20", "2031-08-10"), // Tuesday to Sunday, four month ends inside
                period("2031-06-01", "2031-07-01"), // a month: June 1st is a Sunday
                period("2031-06-03", "2031-06-05"), // shorter than any segment
                period("2031-05-26", "2031-07-14"), // Monday to Monday
                period("2031-06-15", "2031-07-02"), // a Sunday to the Wednesday after a month end (Tuesday 1st)
                period("2031-07-29", "2031-08-04")); // a week across a month end (Friday 1st)
        int compared = 0;
        for (LocalDate[] period : periods) {
            for (Grain grain : List.of(Grain.WEEK, Grain.MONTH, Grain.NONE)) {
                WorkloadQuery query = new WorkloadQuery(jdbc);
                Selection segments = new Selection(period[0], period[1], grain, null, Set.of(), Set.of(location));
                Selection factsOnly = new Selection(
                        period[0], period[1], grain, new LinkedHashSet<>(providers), Set.of(), Set.of(location));
                List<String> fromSegments = lines(query.rows(segments, EnumSet.of(Level.POOL, Level.TOTAL)));
                List<String> fromFacts = lines(query.rows(factsOnly, EnumSet.of(Level.POOL, Level.TOTAL)));
                assertThat(fromSegments)
                        .as("%s to %s by %s", period[0], period[1], grain)
                        .isNotEmpty()
                        .isEqualTo(fromFacts);
                compared += fromSegments.size();
            }
        }
        assertThat(compared).as("rows compared").isGreaterThan(100);

        String segmentRows = "select pool_key, segment_start, booked, booked_minutes, kept_minutes, attended_minutes,"
                + " active, fulfilled, noshow, cancelled_patient, cancelled_clinic, rescheduled, urgent,"
                + " pool_assigned, lead::text lead, urgent_lead::text urgent_lead"
                + " from mediwox.workload_segment where location_id = ? order by 1, 2";
        List<Map<String, Object>> kept = trimmed(jdbc.queryForList(segmentRows, location));
        assertThat(kept).hasSizeGreaterThan(20);
        jdbc.execute("select mediwox.rebuild_workload_segments()");
        assertThat(kept)
                .as("segments kept by deltas = a recount")
                .isEqualTo(trimmed(jdbc.queryForList(segmentRows, location)));
    }

    /** Bin arrays kept by deltas may end in zeros (a bin emptied again) that a recount does not write. */
    private static List<Map<String, Object>> trimmed(List<Map<String, Object>> rows) {
        for (Map<String, Object> row : rows) {
            for (String column : List.of("lead", "urgent_lead")) {
                row.put(
                        column,
                        ((String) row.get(column)).replaceAll("(,0)+}$", "}").replace("{0}", "{}"));
            }
        }
        return rows;
    }

    private static Fact randomFact(
            Random random, String id, List<String> providers, List<String> pools, String location, LocalDate first) {
        String provider = providers.get(random.nextInt(providers.size()));
        String pool = random.nextInt(10) == 0 ? "" : pools.get(random.nextInt(pools.size()));
        LocalDate day = first.plusDays(random.nextInt(82));
        Instant start = day.atTime(8 + random.nextInt(9), 0).atZone(ZONE).toInstant();
        String[] statuses = {"booked", "fulfilled", "fulfilled", "noshow", "cancelled", "arrived"};
        String status = statuses[random.nextInt(statuses.length)];
        boolean cancelled = status.equals("cancelled");
        int roll = random.nextInt(20);
        Integer lead = roll == 0 ? null : roll < 4 ? random.nextInt(40) : random.nextInt(200_000);
        Instant bookedAt = lead == null ? start.plusSeconds(60) : start.minusSeconds(60L * lead);
        String cancelledBy = cancelled ? (random.nextBoolean() ? "patient" : "clinic") : null;
        return new Fact(
                id,
                provider,
                location,
                pool,
                pool.isEmpty() ? null : random.nextInt(10) == 0 ? "urgent-earliest" : "rotation",
                status,
                start,
                new int[] {15, 20, 30}[random.nextInt(3)],
                day,
                random.nextInt(10) == 0,
                bookedAt,
                lead,
                cancelled ? start.minusSeconds(3600) : null,
                cancelledBy,
                cancelled && random.nextInt(4) == 0,
                null);
    }

    private static LocalDate[] period(String from, String to) {
        return new LocalDate[] {LocalDate.parse(from), LocalDate.parse(to)};
    }

    /** Rows as text, percentiles to six decimals (Java and PostgreSQL interpolate in doubles). */
    private static List<String> lines(List<Row> rows) {
        return rows.stream()
                .map(r -> String.join(
                        "|",
                        r.level().name(),
                        r.subject(),
                        String.valueOf(r.bucket()),
                        r.counters().toString(),
                        format(r.leadP50()),
                        format(r.leadP90()),
                        format(r.urgentWaitP50()),
                        format(r.urgentWaitP90())))
                .sorted()
                .toList();
    }

    private static String format(Double value) {
        return value == null ? "-" : String.format(java.util.Locale.ROOT, "%.6f", value);
    }
}

package org.mediwox.server.demo;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.mediwox.server.demo.HistoryPlan.Outcome;
import org.mediwox.server.demo.HistoryPlan.PlannedSlot;
import org.mediwox.server.demo.HistoryPlan.Visit;

/**
 * Plans the demo clinic's past weeks (pure: no database, no clock): the {@value #WORKING_DAYS} working days before the
 * load date, every provider with a Slot every {@link DemoClinic#SLOT_LENGTH} of the clinic's opening hours, and about
 * eight bookings per provider and day, booked days ahead (urgent ones on the morning of the visit). Requests are taken in
 * the order they were booked, and each pool gives a routine request to its next member in rotation, as {@code $book}
 * does — so the fairness figures come out as the rotation makes them. What became of each: about 8 % cancelled by the
 * patient, 3 % by the clinic, 5 % no-shows, 4 % rescheduled (cancelled, and booked again on a later day), the rest seen.
 *
 * <p>One seed and one load date give the same plan, whatever the machine.
 */
final class HistoryPlanner {

    static final long SEED = 23;
    static final int WORKING_DAYS = 30;
    static final int PATIENTS = 40;
    /** Routine requests per provider and day, on average. */
    private static final int REQUESTS_PER_PROVIDER = 8;

    private final ZoneId zone;
    private final List<DemoClinic.Provider> providers;
    private final SplittableRandom random = new SplittableRandom(SEED);

    private HistoryPlanner(ZoneId zone, List<DemoClinic.Provider> providers) {
        this.zone = zone;
        this.providers = List.copyOf(providers);
    }

    /** The history of {@code providers} in {@code zone} before {@code loadDate}. */
    static HistoryPlan plan(LocalDate loadDate, ZoneId zone, List<DemoClinic.Provider> providers) {
        return new HistoryPlanner(zone, providers).plan(loadDate);
    }

    /** The {@value #WORKING_DAYS} weekdays before {@code loadDate}, oldest first. */
    static List<LocalDate> workingDays(LocalDate loadDate) {
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate day = loadDate.minusDays(1); days.size() < WORKING_DAYS; day = day.minusDays(1)) {
            if (day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY) {
                days.add(0, day);
            }
        }
        return days;
    }

    /** A request for a visit on one day, booked at {@code bookedAt}; taken in booking order. */
    private record Request(
            long sequence, int dayIndex, String pool, Instant bookedAt, boolean urgent, String rescheduledFrom) {}

    private HistoryPlan plan(LocalDate loadDate) {
        List<LocalDate> days = workingDays(loadDate);
        Map<String, List<DemoClinic.Provider>> pools = new LinkedHashMap<>();
        providers.forEach(
                p -> pools.computeIfAbsent(p.pool(), k -> new ArrayList<>()).add(p));

        // free Slot starts per provider and day, in time order
        List<Map<String, TreeMap<Instant, Instant>>> free = new ArrayList<>();
        List<List<PlannedSlot>> slots = new ArrayList<>();
        for (LocalDate day : days) {
            Map<String, TreeMap<Instant, Instant>> byProvider = new HashMap<>();
            List<PlannedSlot> daySlots = new ArrayList<>();
            for (DemoClinic.Provider provider : providers) {
                TreeMap<Instant, Instant> times = new TreeMap<>();
                for (LocalTime t = DemoClinic.OPENS;
                        t.isBefore(DemoClinic.CLOSES);
                        t = t.plus(DemoClinic.SLOT_LENGTH)) {
                    Instant start = ZonedDateTime.of(day, t, zone).toInstant();
                    Instant end = start.plus(DemoClinic.SLOT_LENGTH);
                    times.put(start, end);
                    daySlots.add(new PlannedSlot(provider.key(), start, end));
                }
                byProvider.put(provider.key(), times);
            }
            free.add(byProvider);
            slots.add(daySlots);
        }

        PriorityQueue<Request> requests =
                new PriorityQueue<>(Comparator.comparing(Request::bookedAt).thenComparingLong(Request::sequence));
        long sequence = 0;
        for (int d = 0; d < days.size(); d++) {
            for (Map.Entry<String, List<DemoClinic.Provider>> pool : pools.entrySet()) {
                int size = pool.getValue().size();
                int count = size * REQUESTS_PER_PROVIDER + random.nextInt(-size, size + 1);
                for (int i = 0; i < count; i++) {
                    boolean urgent = random.nextInt(100) < 5;
                    requests.add(
                            new Request(sequence++, d, pool.getKey(), bookedAt(days.get(d), urgent), urgent, null));
                }
            }
        }

        Map<String, Long> turns = new HashMap<>();
        List<List<Visit>> visits = new ArrayList<>();
        days.forEach(d -> visits.add(new ArrayList<>()));
        int number = 0;
        while (!requests.isEmpty()) {
            Request request = requests.poll();
            List<DemoClinic.Provider> members = pools.get(request.pool());
            Map<String, TreeMap<Instant, Instant>> dayFree = free.get(request.dayIndex());
            DemoClinic.Provider provider;
            Instant start;
            Long turn = null;
            Integer position = null;
            if (request.urgent()) {
                // the earliest free Slot of the pool that day, outside the rotation
                provider = null;
                start = null;
                for (DemoClinic.Provider member : members) {
                    TreeMap<Instant, Instant> times = dayFree.get(member.key());
                    if (!times.isEmpty() && (start == null || times.firstKey().isBefore(start))) {
                        provider = member;
                        start = times.firstKey();
                    }
                }
                if (provider == null) {
                    continue; // the pool is full that day: the request goes elsewhere
                }
            } else {
                long t = turns.merge(request.pool(), 1L, Long::sum);
                int index = (int) ((t - 1) % members.size());
                provider = members.get(index);
                TreeMap<Instant, Instant> times = dayFree.get(provider.key());
                if (times.isEmpty()) {
                    turns.merge(request.pool(), -1L, Long::sum);
                    continue; // never with these numbers (8 of 16 Slots); the request would go elsewhere
                }
                List<Instant> open = new ArrayList<>(times.keySet());
                start = open.get(random.nextInt(open.size()));
                turn = t;
                position = index + 1;
            }
            Instant end = dayFree.get(provider.key()).remove(start);
            Outcome outcome = outcome(request, request.dayIndex() < days.size() - 1);
            Instant cancelledAt = null;
            if (outcome != Outcome.FULFILLED && outcome != Outcome.NOSHOW) {
                long window = Duration.between(request.bookedAt(), start).toMinutes();
                cancelledAt = request.bookedAt().plus(1 + random.nextLong(Math.max(1, window - 1)), ChronoUnit.MINUTES);
            }
            String key = "history-" + (++number);
            visits.get(request.dayIndex())
                    .add(new Visit(
                            key,
                            provider.key(),
                            request.pool(),
                            members.size(),
                            turn,
                            position,
                            1 + random.nextInt(PATIENTS),
                            start,
                            end,
                            request.bookedAt(),
                            request.urgent(),
                            outcome,
                            cancelledAt,
                            request.rescheduledFrom()));
            if (outcome == Outcome.RESCHEDULED) {
                int later = Math.min(days.size() - 1, request.dayIndex() + 1 + random.nextInt(5));
                requests.add(new Request(sequence++, later, request.pool(), cancelledAt, false, key));
            }
        }

        List<HistoryPlan.Day> planned = new ArrayList<>();
        for (int d = 0; d < days.size(); d++) {
            planned.add(new HistoryPlan.Day(days.get(d), slots.get(d), visits.get(d)));
        }
        return new HistoryPlan(loadDate, PATIENTS, planned);
    }

    /** Routine: 1–28 days ahead, shorter leads likelier, in office hours; urgent: that morning before opening. */
    private Instant bookedAt(LocalDate day, boolean urgent) {
        if (urgent) {
            return ZonedDateTime.of(day, LocalTime.of(7, 0), zone)
                    .plusMinutes(random.nextInt(115))
                    .toInstant();
        }
        double u = random.nextDouble();
        int daysAhead = 1 + (int) (u * u * 28);
        return ZonedDateTime.of(day.minusDays(daysAhead), LocalTime.of(8, 0), zone)
                .plusMinutes(random.nextInt(600))
                .toInstant();
    }

    /** The mix of outcomes; a visit is rescheduled only when a later day of the history can take it. */
    private Outcome outcome(Request request, boolean laterDayExists) {
        int r = random.nextInt(1000);
        if (r < 80) {
            return Outcome.CANCELLED_BY_PATIENT;
        }
        if (r < 110) {
            return Outcome.CANCELLED_BY_CLINIC;
        }
        if (r < 160) {
            return Outcome.NOSHOW;
        }
        if (r < 200 && laterDayExists && request.rescheduledFrom() == null) {
            return Outcome.RESCHEDULED;
        }
        return Outcome.FULFILLED;
    }
}

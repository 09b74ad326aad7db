package org.mediwox.server.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.mediwox.server.demo.HistoryPlan.Outcome;
import org.mediwox.server.demo.HistoryPlan.Visit;

/** The demo history's plan, without a database: the same for the same day, the promised mix, the rotation's fairness. */
class DemoHistoryTest {

    private static final ZoneId ZONE = DemoDataLoader.CLINIC_ZONE;
    // a Monday just after the end of daylight-saving time, so the history crosses the change
    private static final LocalDate LOADED = LocalDate.of(2026, 11, 9);

    private final HistoryPlan plan = HistoryPlanner.plan(LOADED, ZONE, DemoClinic.providers());

    @Test
    void sameSeedAndDay_giveAnEqualPlan_andAnotherDayAnother() {
        assertThat(HistoryPlanner.plan(LOADED, ZONE, DemoClinic.providers())).isEqualTo(plan);
        assertThat(HistoryPlanner.plan(LOADED.plusDays(1), ZONE, DemoClinic.providers()))
                .isNotEqualTo(plan);
    }

    @Test
    void thirtyWorkingDaysBeforeTheLoadDay_eachProviderWithSixteenSlotsInOpeningHours() {
        assertThat(plan.days()).hasSize(30);
        assertThat(plan.days().get(29).date()).isEqualTo(LOADED.minusDays(3)); // the Friday before
        for (HistoryPlan.Day day : plan.days()) {
            assertThat(day.date().getDayOfWeek()).isNotIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
            assertThat(day.slots()).hasSize(DemoClinic.providers().size() * 16);
            assertThat(day.slots()).allSatisfy(slot -> {
                LocalTime local = slot.start().atZone(ZONE).toLocalTime();
                assertThat(local).isBetween(DemoClinic.OPENS, LocalTime.of(16, 30));
                assertThat(slot.start().atZone(ZONE).toLocalDate()).isEqualTo(day.date());
            });
        }
    }

    @Test
    void aboutTwoThousandAppointments_inThePromisedMix() {
        List<Visit> visits = visits();
        int n = visits.size();
        Map<Outcome, Long> mix = visits.stream().collect(Collectors.groupingBy(Visit::outcome, Collectors.counting()));

        assertThat(n).isBetween(1_800, 2_200);
        assertThat(share(mix.get(Outcome.CANCELLED_BY_PATIENT), n)).isBetween(0.06, 0.10);
        assertThat(share(mix.get(Outcome.CANCELLED_BY_CLINIC), n)).isBetween(0.02, 0.045);
        assertThat(share(mix.get(Outcome.NOSHOW), n)).isBetween(0.035, 0.065);
        assertThat(share(mix.get(Outcome.RESCHEDULED), n)).isBetween(0.025, 0.055);
        assertThat(share(visits.stream().filter(Visit::urgent).count(), n)).isBetween(0.035, 0.06);
    }

    @Test
    void everyRescheduledVisit_isBookedAgainLater_fromTheMomentItWasCancelled() {
        Map<String, Visit> byKey = visits().stream().collect(Collectors.toMap(Visit::key, Function.identity()));
        List<Visit> moved =
                visits().stream().filter(v -> v.rescheduledFrom() != null).toList();

        assertThat(moved).isNotEmpty();
        assertThat(moved).allSatisfy(v -> {
            Visit original = byKey.get(v.rescheduledFrom());
            assertThat(original.outcome()).isEqualTo(Outcome.RESCHEDULED);
            assertThat(v.bookedAt()).isEqualTo(original.cancelledAt());
            assertThat(v.start()).isAfter(original.start());
        });
    }

    @Test
    void noTwoAppointmentsOnOneSlot_andEachBookedBeforeItsVisit() {
        Set<String> taken = new HashSet<>();
        for (HistoryPlan.Day day : plan.days()) {
            Set<String> slots = day.slots().stream()
                    .map(s -> s.provider() + "@" + s.start())
                    .collect(Collectors.toSet());
            for (Visit visit : day.visits()) {
                String slot = visit.provider() + "@" + visit.start();
                assertThat(slots).contains(slot);
                assertThat(taken.add(slot)).as("%s booked twice", slot).isTrue();
                assertThat(visit.bookedAt()).isBefore(visit.start());
                if (visit.cancelledAt() != null) {
                    assertThat(visit.cancelledAt()).isAfter(visit.bookedAt()).isBefore(visit.start());
                }
            }
        }
    }

    @Test
    void theRotation_givesEveryMemberOfAPool_turnsWithinOneOfEachOther() {
        Map<String, Map<String, Long>> turnsByPool = visits().stream()
                .filter(v -> v.turn() != null)
                .collect(Collectors.groupingBy(
                        Visit::pool, Collectors.groupingBy(Visit::provider, Collectors.counting())));

        assertThat(turnsByPool.keySet()).containsExactlyInAnyOrder("gp", "derm");
        turnsByPool.forEach((pool, counts) -> {
            long members = DemoClinic.providers().stream()
                    .filter(p -> p.pool().equals(pool))
                    .count();
            assertThat(counts).as(pool).hasSize((int) members);
            long spread = counts.values().stream()
                            .mapToLong(Long::longValue)
                            .max()
                            .orElseThrow()
                    - counts.values().stream().mapToLong(Long::longValue).min().orElseThrow();
            assertThat(spread).as("spread of %s", pool).isLessThanOrEqualTo(1);
        });
        // and the turns are handed out in booking order, one after the other
        visits().stream()
                .filter(v -> v.turn() != null)
                .collect(Collectors.groupingBy(Visit::pool))
                .values()
                .forEach(pool -> {
                    List<Visit> inOrder = pool.stream()
                            .sorted((a, b) -> Long.compare(a.turn(), b.turn()))
                            .toList();
                    for (int i = 1; i < inOrder.size(); i++) {
                        assertThat(inOrder.get(i).turn())
                                .isEqualTo(inOrder.get(i - 1).turn() + 1);
                        assertThat(inOrder.get(i).bookedAt())
                                .isAfterOrEqualTo(inOrder.get(i - 1).bookedAt());
                    }
                });
    }

    @Test
    void urgentBookings_areOutsideTheRotation_onTheMorningOfTheVisit() {
        List<Visit> urgent = visits().stream().filter(Visit::urgent).toList();

        assertThat(urgent).isNotEmpty().allSatisfy(v -> {
            assertThat(v.turn()).isNull();
            assertThat(v.bookedAt().atZone(ZONE).toLocalDate())
                    .isEqualTo(v.start().atZone(ZONE).toLocalDate());
        });
        assertThat(visits().stream().map(Visit::patient).filter(Objects::nonNull))
                .allSatisfy(p -> assertThat(p).isBetween(1, plan.patients()));
    }

    private List<Visit> visits() {
        return plan.days().stream().flatMap(d -> d.visits().stream()).toList();
    }

    private static double share(Long count, int total) {
        return count == null ? 0 : count / (double) total;
    }
}

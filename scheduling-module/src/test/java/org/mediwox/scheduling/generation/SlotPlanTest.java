package org.mediwox.scheduling.generation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mediwox.scheduling.generation.AvailabilityRules.Away;
import org.mediwox.scheduling.generation.AvailabilityRules.Weekly;
import org.mediwox.scheduling.generation.SlotPlan.Wanted;

class SlotPlanTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final Duration HALF_HOUR = Duration.ofMinutes(30);
    private static final Instant LONG_AGO = Instant.EPOCH;

    private static Weekly hours(LocalTime start, LocalTime end, DayOfWeek... days) {
        return new Weekly(Set.of(days), start, end);
    }

    private static List<String> localStarts(List<Wanted> slots, ZoneId zone) {
        return slots.stream()
                .map(s -> s.start().atZone(zone).toOffsetDateTime().toString())
                .toList();
    }

    @Test
    void mondayMorningWithABreak_givesSlotsOfTheLengthInsideTheHoursOnly() {
        AvailabilityRules rules = new AvailabilityRules(
                NEW_YORK,
                HALF_HOUR,
                List.of(
                        hours(LocalTime.of(9, 0), LocalTime.of(10, 0), DayOfWeek.MONDAY),
                        hours(LocalTime.of(11, 0), LocalTime.of(12, 15), DayOfWeek.MONDAY)),
                List.of());
        // 2027-01-04 is a Monday; the week through Sunday
        List<Wanted> plan = SlotPlan.plan(rules, LocalDate.of(2027, 1, 4), LocalDate.of(2027, 1, 11), LONG_AGO);

        assertThat(localStarts(plan, NEW_YORK))
                .containsExactly(
                        "2027-01-04T09:00-05:00",
                        "2027-01-04T09:30-05:00",
                        "2027-01-04T11:00-05:00",
                        "2027-01-04T11:30-05:00"); // 12:00–12:30 would end after 12:15
        assertThat(plan)
                .allSatisfy(
                        s -> assertThat(Duration.between(s.start(), s.end())).isEqualTo(HALF_HOUR));
    }

    @Test
    void springForward_skipsTheWallClockTimesThatDoNotExist_andNoSlotOverlaps() {
        // 2027-03-14: New York's clocks jump from 02:00 to 03:00
        AvailabilityRules rules = new AvailabilityRules(
                NEW_YORK, HALF_HOUR, List.of(hours(LocalTime.of(1, 0), LocalTime.of(4, 0))), List.of());
        List<Wanted> plan = SlotPlan.plan(rules, LocalDate.of(2027, 3, 14), LocalDate.of(2027, 3, 15), LONG_AGO);

        assertThat(localStarts(plan, NEW_YORK))
                .containsExactly(
                        "2027-03-14T01:00-05:00",
                        "2027-03-14T01:30-05:00",
                        "2027-03-14T03:00-04:00",
                        "2027-03-14T03:30-04:00");
        assertNoOverlap(plan);
    }

    @Test
    void fallBack_worksTheRepeatedHourOnce() {
        // 2027-11-07: New York's clocks go back from 02:00 to 01:00
        AvailabilityRules rules = new AvailabilityRules(
                NEW_YORK, HALF_HOUR, List.of(hours(LocalTime.of(0, 30), LocalTime.of(2, 30))), List.of());
        List<Wanted> plan = SlotPlan.plan(rules, LocalDate.of(2027, 11, 7), LocalDate.of(2027, 11, 8), LONG_AGO);

        assertThat(localStarts(plan, NEW_YORK))
                .containsExactly(
                        "2027-11-07T00:30-04:00",
                        "2027-11-07T01:00-04:00",
                        "2027-11-07T01:30-04:00",
                        "2027-11-07T02:00-05:00");
        assertNoOverlap(plan);
    }

    @Test
    void allDayHours_withHourLongSlots_fillTheLocalDayOverItsRealLength() {
        // the spring-forward day is 23 hours long: 23 one-hour Slots
        AvailabilityRules rules = new AvailabilityRules(
                NEW_YORK, Duration.ofHours(1), List.of(hours(LocalTime.MIDNIGHT, null, DayOfWeek.SUNDAY)), List.of());
        List<Wanted> plan = SlotPlan.plan(rules, LocalDate.of(2027, 3, 14), LocalDate.of(2027, 3, 15), LONG_AGO);

        assertThat(plan).hasSize(23);
        assertNoOverlap(plan);
    }

    @Test
    void leaveAndClosures_removeEverySlotTheyTouch() {
        ZonedDateTime tuesdayTen = ZonedDateTime.of(2027, 1, 5, 10, 15, 0, 0, NEW_YORK);
        AvailabilityRules rules = new AvailabilityRules(
                NEW_YORK,
                HALF_HOUR,
                List.of(hours(LocalTime.of(9, 0), LocalTime.of(12, 0))),
                List.of(
                        // a closed Monday (a holiday)
                        new Away(
                                LocalDate.of(2027, 1, 4).atStartOfDay(NEW_YORK).toInstant(),
                                LocalDate.of(2027, 1, 5).atStartOfDay(NEW_YORK).toInstant(),
                                "Holiday"),
                        // an appointment away on Tuesday 10:15–11:00: the 10:00 and 10:30 Slots touch it
                        new Away(
                                tuesdayTen.toInstant(),
                                tuesdayTen.plusMinutes(45).toInstant(),
                                "Training")));
        List<Wanted> plan = SlotPlan.plan(rules, LocalDate.of(2027, 1, 4), LocalDate.of(2027, 1, 6), LONG_AGO);

        assertThat(localStarts(plan, NEW_YORK))
                .containsExactly(
                        "2027-01-05T09:00-05:00",
                        "2027-01-05T09:30-05:00",
                        "2027-01-05T11:00-05:00",
                        "2027-01-05T11:30-05:00");
    }

    @Test
    void openEndedLeave_removesEverythingFromItsStart() {
        Instant from = ZonedDateTime.of(2027, 1, 5, 0, 0, 0, 0, NEW_YORK).toInstant();
        AvailabilityRules rules = new AvailabilityRules(
                NEW_YORK,
                HALF_HOUR,
                List.of(hours(LocalTime.of(9, 0), LocalTime.of(10, 0))),
                List.of(new Away(from, null, "Parental leave")));
        List<Wanted> plan = SlotPlan.plan(rules, LocalDate.of(2027, 1, 4), LocalDate.of(2027, 1, 20), LONG_AGO);

        assertThat(plan).hasSize(2).allSatisfy(s -> assertThat(s.start()).isBefore(from));
    }

    @Test
    void thePastIsNotPlanned_andOverlappingHourEntriesGiveEachTimeOnce() {
        AvailabilityRules rules = new AvailabilityRules(
                NEW_YORK,
                HALF_HOUR,
                List.of(
                        hours(LocalTime.of(9, 0), LocalTime.of(11, 0)),
                        hours(LocalTime.of(9, 15), LocalTime.of(10, 15)),
                        hours(LocalTime.of(9, 0), LocalTime.of(10, 0))),
                List.of());
        Instant now = ZonedDateTime.of(2027, 1, 4, 9, 10, 0, 0, NEW_YORK).toInstant();
        List<Wanted> plan = SlotPlan.plan(rules, LocalDate.of(2027, 1, 4), LocalDate.of(2027, 1, 5), now);

        assertThat(localStarts(plan, NEW_YORK))
                .containsExactly(
                        "2027-01-04T09:15-05:00", // 9:00 has started; then the earliest Slot that fits wins
                        "2027-01-04T09:45-05:00",
                        "2027-01-04T10:30-05:00")
                .doesNotHaveDuplicates();
        assertNoOverlap(plan);
    }

    @Test
    void aSlotLengthOutsideFiveMinutesToEightHours_isRefusedWithTheReason() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> new AvailabilityRules(NEW_YORK, Duration.ofMinutes(2), List.of(), List.of()))
                .isInstanceOf(AvailabilityRules.InvalidRules.class)
                .hasMessageContaining("between 5 minutes and 8 hours");
    }

    private static void assertNoOverlap(List<Wanted> plan) {
        for (int i = 1; i < plan.size(); i++) {
            assertThat(plan.get(i).start()).isAfterOrEqualTo(plan.get(i - 1).end());
        }
    }
}

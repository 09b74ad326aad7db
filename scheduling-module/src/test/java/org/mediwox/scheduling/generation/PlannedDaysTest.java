package org.mediwox.scheduling.generation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

/**
 * When the sweep finds a generated Schedule short of its horizon ({@code generation_state.due_at}), with a fixed clock:
 * in the Schedule's own zone, at its own midnight — not when the UTC date changes.
 */
class PlannedDaysTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    private static final int HORIZON = 56;

    /** What a full generation of a Schedule in {@code zone} at {@code at} records. */
    private static PlannedDays generatedAt(ZonedDateTime at, int days) {
        return PlannedDays.from(Clock.fixed(at.toInstant(), ZoneOffset.UTC), at.getZone(), days, HORIZON);
    }

    @Test
    void aNewYorkSchedule_generatedInTheEvening_isNotDueAt2330_whenTheUtcDateIsAlreadyTomorrow() {
        PlannedDays planned = generatedAt(ZonedDateTime.of(2026, 12, 6, 20, 0, 0, 0, NEW_YORK), HORIZON);
        Instant halfPastEleven =
                ZonedDateTime.of(2026, 12, 6, 23, 30, 0, 0, NEW_YORK).toInstant();

        assertThat(halfPastEleven).isEqualTo(Instant.parse("2026-12-07T04:30:00Z"));
        assertThat(planned.through()).as("today and 55 days more").isEqualTo(LocalDate.of(2027, 1, 30));
        assertThat(planned.dueAt(halfPastEleven)).isFalse();
        assertThat(planned.dueAt(Instant.parse("2026-12-07T04:59:59Z"))).isFalse();
    }

    @Test
    void aNewYorkSchedule_isDueAtItsOwnMidnight_whenANewDayEntersItsHorizon() {
        PlannedDays planned = generatedAt(ZonedDateTime.of(2026, 12, 6, 20, 0, 0, 0, NEW_YORK), HORIZON);

        assertThat(planned.dueAt()).isEqualTo(Instant.parse("2026-12-07T05:00:00Z"));
        assertThat(planned.dueAt(Instant.parse("2026-12-07T05:00:00Z"))).isTrue();
    }

    @Test
    void aScheduleLastGeneratedYesterday_isDue_inEveryZone() {
        PlannedDays newYork = generatedAt(ZonedDateTime.of(2026, 12, 5, 10, 0, 0, 0, NEW_YORK), HORIZON);

        assertThat(newYork.dueAt(
                        ZonedDateTime.of(2026, 12, 6, 23, 30, 0, 0, NEW_YORK).toInstant()))
                .isTrue();
        assertThat(newYork.dueAt(
                        ZonedDateTime.of(2026, 12, 6, 0, 0, 0, 0, NEW_YORK).toInstant()))
                .isTrue();
    }

    @Test
    void aTokyoSchedule_isDueAtTokyosMidnight_beforeTheUtcDateChanges() {
        PlannedDays planned = generatedAt(ZonedDateTime.of(2026, 12, 6, 23, 0, 0, 0, TOKYO), HORIZON);

        assertThat(planned.dueAt(Instant.parse("2026-12-06T14:59:59Z"))).isFalse();
        assertThat(planned.dueAt(Instant.parse("2026-12-06T15:00:00Z")))
                .as("00:00 in Tokyo, still the 6th in UTC")
                .isTrue();
    }

    @Test
    void aShorterFirstWindow_isDueAtOnce_soTheSweepAddsTheRest() {
        ZonedDateTime loaded = ZonedDateTime.of(2026, 12, 6, 20, 0, 0, 0, NEW_YORK);
        PlannedDays planned = generatedAt(loaded, 14);

        assertThat(planned.through()).isEqualTo(LocalDate.of(2026, 12, 19));
        assertThat(planned.dueAt(loaded.toInstant())).isTrue();
    }

    @Test
    void aDstChange_movesTheDueInstantWithTheClinicsMidnight() {
        // New York falls back on 2026-11-01: the next midnight is at UTC-5, not UTC-4
        PlannedDays planned = generatedAt(ZonedDateTime.of(2026, 10, 31, 21, 0, 0, 0, NEW_YORK), HORIZON);

        assertThat(planned.dueAt()).isEqualTo(Instant.parse("2026-11-01T04:00:00Z"));
        PlannedDays next = generatedAt(ZonedDateTime.of(2026, 11, 1, 21, 0, 0, 0, NEW_YORK), HORIZON);
        assertThat(next.dueAt()).isEqualTo(Instant.parse("2026-11-02T05:00:00Z"));
    }
}

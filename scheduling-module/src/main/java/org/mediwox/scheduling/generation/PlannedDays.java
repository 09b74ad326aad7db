package org.mediwox.scheduling.generation;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * How far a Schedule's Slots are planned, in its own zone, and from when that is short of the horizon. A Schedule is
 * short once the last day of the horizon ({@code today + horizonDays - 1}, today in its zone) is after the last day
 * planned; that first happens at the start of a day in its zone, so the instant is stored and compared with now — never a
 * date of one zone with a date of another.
 *
 * @param today today in {@code zone}, when the plan was made
 * @param until the first day not planned (local to {@code zone})
 * @param zone the Schedule's zone (its Location's, else its Organization's, else the fallback)
 * @param horizonDays the horizon, today included
 */
record PlannedDays(LocalDate today, LocalDate until, ZoneId zone, int horizonDays) {

    /** The first {@code days} days from today in {@code zone}, now by {@code clock}. */
    static PlannedDays from(Clock clock, ZoneId zone, int days, int horizonDays) {
        LocalDate today = LocalDate.now(clock.withZone(zone));
        return new PlannedDays(today, today.plusDays(days), zone, horizonDays);
    }

    /** The last local day with Slots planned ({@code generation_state.planned_through}). */
    LocalDate through() {
        return until.minusDays(1);
    }

    /**
     * When the Schedule falls short ({@code generation_state.due_at}): the start, in its zone, of the day on which the
     * horizon's last day is {@code until}.
     */
    Instant dueAt() {
        return until.minusDays(horizonDays - 1L).atStartOfDay(zone).toInstant();
    }

    /** Whether it is short of the horizon at {@code now}. */
    boolean dueAt(Instant now) {
        return !now.isBefore(dueAt());
    }
}

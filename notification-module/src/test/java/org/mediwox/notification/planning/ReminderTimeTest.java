package org.mediwox.notification.planning;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reminder instants in the clinic's zone, across the daylight-saving change of 28 March 2027 in Madrid. */
class ReminderTimeTest {

    private final NotificationPlanner planner =
            new NotificationPlanner(null, null, null, null, List.of(), ZoneId.of("Europe/Madrid"), Clock.systemUTC());

    @Test
    void dayOffsets_keepTheWallClockTime_acrossTheSpringForwardNight() {
        // Monday 29 March 2027, 09:00 CEST (07:00Z); clocks went forward in the night to Sunday 28th
        Instant start = Instant.parse("2027-03-29T07:00:00Z");

        Instant dayBefore = planner.reminderTime(start, Duration.ofHours(24));

        // Sunday 28 March 2027, 09:00 CEST = 07:00Z: 24 wall-clock hours, 24 real hours here ...
        assertThat(dayBefore).isEqualTo(Instant.parse("2027-03-28T07:00:00Z"));
        // ... and on the day of the change itself: Sunday 28th 09:00 CEST -> Saturday 27th 09:00 CET, 23 real hours
        assertThat(planner.reminderTime(Instant.parse("2027-03-28T07:00:00Z"), Duration.ofHours(24)))
                .isEqualTo(Instant.parse("2027-03-27T08:00:00Z"));
    }

    @Test
    void hourOffsets_areExactDurations() {
        Instant start = Instant.parse("2027-03-28T07:00:00Z"); // 09:00 CEST, 7 hours after the change

        assertThat(planner.reminderTime(start, Duration.ofHours(2))).isEqualTo(Instant.parse("2027-03-28T05:00:00Z"));
        assertThat(planner.reminderTime(start, Duration.ofHours(26))) // not whole days: exact
                .isEqualTo(Instant.parse("2027-03-27T05:00:00Z"));
    }
}

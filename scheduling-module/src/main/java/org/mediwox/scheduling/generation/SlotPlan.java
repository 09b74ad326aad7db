package org.mediwox.scheduling.generation;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The Slots availability rules want over some days: pure, no storage. Each day's hours are walked in wall-clock time
 * by the Slot length; a Slot lasts exactly its length in real time. Across daylight saving changes: a wall-clock time
 * that does not exist (02:30 on the spring-forward night) has no Slot, and an hour that happens twice (autumn) is
 * worked once, at its first occurrence. A Slot touching leave or a closure, starting before {@code notBefore}, or
 * overlapping an earlier Slot of the plan (two overlapping hour entries) is left out.
 */
public final class SlotPlan {

    /** One wanted Slot, {@code [start, end)}. */
    public record Wanted(Instant start, Instant end) {}

    private SlotPlan() {}

    /**
     * The wanted Slots of the local days {@code [from, until)}, in time order.
     *
     * @param notBefore no Slot starts before this (the past is not planned)
     */
    public static List<Wanted> plan(AvailabilityRules rules, LocalDate from, LocalDate until, Instant notBefore) {
        List<Wanted> wanted = new ArrayList<>();
        for (LocalDate day = from; day.isBefore(until); day = day.plusDays(1)) {
            for (AvailabilityRules.Weekly hours : rules.weekly()) {
                if (hours.days().contains(day.getDayOfWeek())) {
                    walk(rules, day, hours, notBefore, wanted);
                }
            }
        }
        wanted.sort(Comparator.comparing(Wanted::start));
        List<Wanted> apart = new ArrayList<>(wanted.size());
        for (Wanted slot : wanted) {
            if (apart.isEmpty()
                    || !slot.start().isBefore(apart.get(apart.size() - 1).end())) {
                apart.add(slot);
            }
        }
        return apart;
    }

    private static void walk(
            AvailabilityRules rules,
            LocalDate day,
            AvailabilityRules.Weekly hours,
            Instant notBefore,
            List<Wanted> out) {
        LocalDateTime end = hours.end() == null ? day.plusDays(1).atStartOfDay() : day.atTime(hours.end());
        for (LocalDateTime wall = day.atTime(hours.start());
                !wall.plus(rules.slotLength()).isAfter(end);
                wall = wall.plus(rules.slotLength())) {
            if (rules.zone().getRules().getValidOffsets(wall).isEmpty()) {
                continue; // a wall-clock time the clocks skip
            }
            ZonedDateTime zoned = wall.atZone(rules.zone()); // in a repeated hour: its first occurrence
            Instant start = zoned.toInstant();
            Instant finish = start.plus(rules.slotLength());
            if (start.isBefore(notBefore)) {
                continue;
            }
            if (rules.away().stream().noneMatch(away -> away.overlaps(start, finish))) {
                out.add(new Wanted(start, finish));
            }
        }
    }
}

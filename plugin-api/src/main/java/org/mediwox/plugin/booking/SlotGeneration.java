package org.mediwox.plugin.booking;

/**
 * Generating a Schedule's Slots from its PractitionerRole's availability, as the scheduling module does on its rolling
 * horizon. The server's demo loader asks for the near days of the demo Schedules at once, so a first start has Slots to
 * book before the background sweep adds the rest; it meets the scheduling module here rather than in its classes.
 */
public interface SlotGeneration {

    /**
     * Brings the Slots of {@code Schedule/scheduleId} in line with its availability over its first {@code days} days
     * (today included, at most the horizon), in one transaction.
     *
     * @return what was created, or {@link Outcome#skipped()} when another node is generating that Schedule right now
     *     (or the Schedule is not generated from availability)
     */
    Outcome generateFirstDays(String scheduleId, int days);

    /** Slots created by one generation, and whether it was skipped. */
    record Outcome(int created, boolean skipped) {}
}

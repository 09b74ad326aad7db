package org.mediwox.scheduling;

import java.time.Duration;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Scheduling settings, bound from {@code mediwox.scheduling.*}.
 *
 * @param enabled whether the scheduling plugin is active
 * @param holdDuration how long {@code $hold} keeps a Slot busy-tentative before it frees itself
 * @param holdSweepInterval how often lapsed holds are looked for
 * @param idempotencyKeyRetention how long a booking's Idempotency-Key is remembered
 * @param urgentReservedPerDay free Slots per provider and day kept for urgent requests (0: none)
 * @param timeZone the time zone whose calendar days {@code urgent-reserved-per-day} counts in
 * @param poolCacheTtl how long a resolved provider pool is reused (0 turns the cache off); changes on the same node
 *     take effect at once, changes made through another node after at most this long
 * @param waitlistOfferDuration how long an earlier Slot offered to a waiting patient is held for them
 * @param generation Slots generated from availability, for Schedules tagged {@code schedule-management|generated}
 */
@ConfigurationProperties("mediwox.scheduling")
public record SchedulingProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("10m") Duration holdDuration,
        @DefaultValue("15s") Duration holdSweepInterval,
        @DefaultValue("24h") Duration idempotencyKeyRetention,
        @DefaultValue("10s") Duration poolCacheTtl,
        @DefaultValue("0") int urgentReservedPerDay,
        @DefaultValue("UTC") ZoneId timeZone,
        @DefaultValue("15m") Duration waitlistOfferDuration,
        @DefaultValue Generation generation) {

    /**
     * Slots generated from availability.
     *
     * @param slotLength the length of a generated Slot when the Schedule names none ({@code slot-length})
     * @param horizonDays how many days ahead Slots are kept generated, today included
     * @param interval how often changed Schedules and the moving horizon are looked at
     */
    public record Generation(
            @DefaultValue("30m") Duration slotLength,
            @DefaultValue("56") int horizonDays,
            @DefaultValue("1m") Duration interval) {

        public Generation {
            requirePositive("generation.slot-length", slotLength);
            requirePositive("generation.interval", interval);
            if (horizonDays < 1 || horizonDays > 366) {
                throw new IllegalArgumentException(
                        "mediwox.scheduling.generation.horizon-days must be between 1 and 366, was " + horizonDays);
            }
        }
    }

    public SchedulingProperties {
        requirePositive("hold-duration", holdDuration);
        requirePositive("hold-sweep-interval", holdSweepInterval);
        requirePositive("idempotency-key-retention", idempotencyKeyRetention);
        requirePositive("waitlist-offer-duration", waitlistOfferDuration);
        if (urgentReservedPerDay < 0) {
            throw new IllegalArgumentException(
                    "mediwox.scheduling.urgent-reserved-per-day must not be negative, was " + urgentReservedPerDay);
        }
        if (poolCacheTtl.isNegative()) {
            throw new IllegalArgumentException(
                    "mediwox.scheduling.pool-cache-ttl must not be negative, was " + poolCacheTtl);
        }
    }

    private static void requirePositive(String key, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("mediwox.scheduling." + key + " must be positive, was " + value);
        }
    }
}

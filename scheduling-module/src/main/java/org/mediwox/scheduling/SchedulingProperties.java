package org.mediwox.scheduling;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Scheduling settings, bound from {@code mediwox.scheduling.*}.
 *
 * @param enabled whether the scheduling plugin is active
 * @param holdDuration how long {@code $hold} keeps a Slot busy-tentative before it frees itself
 * @param idempotencyKeyRetention how long a booking's Idempotency-Key is remembered
 */
@ConfigurationProperties("mediwox.scheduling")
public record SchedulingProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("10m") Duration holdDuration,
        @DefaultValue("24h") Duration idempotencyKeyRetention) {

    public SchedulingProperties {
        if (holdDuration.isNegative() || holdDuration.isZero()) {
            throw new IllegalArgumentException(
                    "mediwox.scheduling.hold-duration must be positive, was " + holdDuration);
        }
        if (idempotencyKeyRetention.isNegative() || idempotencyKeyRetention.isZero()) {
            throw new IllegalArgumentException(
                    "mediwox.scheduling.idempotency-key-retention must be positive, was " + idempotencyKeyRetention);
        }
    }
}

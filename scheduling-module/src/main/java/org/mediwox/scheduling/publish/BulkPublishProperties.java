package org.mediwox.scheduling.publish;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The public availability feed, bound from {@code mediwox.bulk-publish.*} (its own prefix, not {@code
 * mediwox.scheduling}: the switch is a security decision an operator looks for by that name).
 *
 * @param enabled whether {@code $bulk-publish} answers without a token; off, it answers 404 and needs a token
 * @param days how many clinic-local days of Slots are published, today included (one Slot file per day)
 * @param maxAge the polling interval suggested to clients ({@code Cache-Control: max-age})
 */
@ConfigurationProperties("mediwox.bulk-publish")
public record BulkPublishProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("28") int days,
        @DefaultValue("60s") Duration maxAge) {

    public BulkPublishProperties {
        if (days < 1 || days > 366) {
            throw new IllegalArgumentException("mediwox.bulk-publish.days must be between 1 and 366, was " + days);
        }
        if (maxAge.isNegative()) {
            throw new IllegalArgumentException("mediwox.bulk-publish.max-age must not be negative, was " + maxAge);
        }
    }
}

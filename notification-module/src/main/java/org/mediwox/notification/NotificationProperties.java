package org.mediwox.notification;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Notification settings, bound from {@code mediwox.notification.*}.
 *
 * @param enabled whether the notification plugin is active
 * @param transport {@code log} (messages recorded and logged, nothing sent) or {@code aws} (Amazon SES and SNS)
 * @param reminderOffsets how long before an appointment's start SMS reminders go out
 */
@ConfigurationProperties("mediwox.notification")
public record NotificationProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("log") Transport transport,
        @DefaultValue({"24h", "2h"}) List<Duration> reminderOffsets) {

    /** Where messages go. */
    public enum Transport {
        LOG,
        AWS
    }

    public NotificationProperties {
        reminderOffsets = List.copyOf(reminderOffsets);
        for (Duration offset : reminderOffsets) {
            if (offset.isNegative() || offset.isZero()) {
                throw new IllegalArgumentException(
                        "mediwox.notification.reminder-offsets must all be positive, got " + offset);
            }
        }
    }
}

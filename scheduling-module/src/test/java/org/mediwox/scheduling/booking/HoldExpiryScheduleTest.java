package org.mediwox.scheduling.booking;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.mediwox.scheduling.SchedulingProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The {@code @Scheduled} annotation can only read its interval's key, so it repeats the default; this keeps the copy
 * equal to the one the properties document and bind.
 */
class HoldExpiryScheduleTest {

    @Test
    void theScheduleDefaultsToThePropertiesDefault() throws NoSuchMethodException {
        Scheduled scheduled = HoldExpiry.class.getDeclaredMethod("sweep").getAnnotation(Scheduled.class);
        SchedulingProperties defaults = new Binder().bindOrCreate("mediwox.scheduling", SchedulingProperties.class);

        assertThat(scheduled.fixedDelayString()).startsWith("${mediwox.scheduling.");
        assertThat(DurationStyle.detectAndParse(scheduled.fixedDelayString().replaceAll("^.*:(.*)}$", "$1")))
                .isEqualTo(defaults.holdSweepInterval());
    }
}

package org.mediwox.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.mediwox.notification.NotificationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The {@code @Scheduled} annotation can only read its interval's key, so it repeats the default; this keeps the copy
 * equal to the one the properties document and bind.
 */
class DispatcherScheduleTest {

    @Test
    void theScheduleDefaultsToThePropertiesDefault() throws NoSuchMethodException {
        Scheduled scheduled = Dispatcher.class.getDeclaredMethod("dispatch").getAnnotation(Scheduled.class);
        NotificationProperties defaults =
                new Binder().bindOrCreate("mediwox.notification", NotificationProperties.class);

        assertThat(scheduled.fixedDelayString()).startsWith("${mediwox.notification.");
        assertThat(DurationStyle.detectAndParse(scheduled.fixedDelayString().replaceAll("^.*:(.*)}$", "$1")))
                .isEqualTo(defaults.pollInterval());
    }
}

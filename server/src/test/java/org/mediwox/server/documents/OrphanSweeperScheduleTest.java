package org.mediwox.server.documents;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The {@code @Scheduled} annotation can only read its interval's key, so it repeats the default; this keeps the copy
 * equal to the one the properties document and bind.
 */
class OrphanSweeperScheduleTest {

    @Test
    void theScheduleDefaultsToThePropertiesDefault() throws NoSuchMethodException {
        Scheduled scheduled = OrphanSweeper.class.getDeclaredMethod("sweep").getAnnotation(Scheduled.class);
        DocumentProperties defaults = new Binder().bindOrCreate("mediwox.documents", DocumentProperties.class);

        assertThat(scheduled.fixedDelayString()).startsWith("${mediwox.documents.");
        assertThat(DurationStyle.detectAndParse(scheduled.fixedDelayString().replaceAll("^.*:(.*)}$", "$1")))
                .isEqualTo(defaults.sweepInterval());
    }
}

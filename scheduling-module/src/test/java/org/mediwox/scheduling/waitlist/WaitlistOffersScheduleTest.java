package org.mediwox.scheduling.waitlist;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.mediwox.scheduling.SchedulingProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The waiting list's sweep runs at the hold sweep's interval (the annotation can only read the key, so it repeats the
 * default), and an offer is held for 15 minutes unless configured otherwise.
 */
class WaitlistOffersScheduleTest {

    @Test
    void theSweepRunsAtTheHoldSweepInterval_andOffersAreHeldFifteenMinutesByDefault() throws NoSuchMethodException {
        Scheduled scheduled = WaitlistOffers.class.getDeclaredMethod("sweep").getAnnotation(Scheduled.class);
        SchedulingProperties defaults = new Binder().bindOrCreate("mediwox.scheduling", SchedulingProperties.class);

        assertThat(scheduled.fixedDelayString()).startsWith("${mediwox.scheduling.hold-sweep-interval:");
        assertThat(DurationStyle.detectAndParse(scheduled.fixedDelayString().replaceAll("^.*:(.*)}$", "$1")))
                .isEqualTo(defaults.holdSweepInterval());
        assertThat(defaults.waitlistOfferDuration()).isEqualTo(Duration.ofMinutes(15));
    }
}

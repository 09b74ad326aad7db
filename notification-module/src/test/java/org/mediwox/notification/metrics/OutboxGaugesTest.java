package org.mediwox.notification.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mediwox.notification.outbox.Outbox;

class OutboxGaugesTest {

    private static final Instant NOW = Instant.parse("2026-12-06T03:00:00Z");

    private final MutableClock clock = new MutableClock(NOW);
    private final RecordingOutbox outbox = new RecordingOutbox();
    private final MeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void gauges_readTheOutboxStanding_withTheOldestOwedMessagesLatenessInSeconds() {
        // given
        outbox.standing = new Outbox.Standing(3, NOW.minus(Duration.ofMinutes(12)), 2);
        new OutboxGauges(outbox, clock).bindTo(registry);

        // when / then
        assertThat(value(OutboxGauges.BACKLOG)).isEqualTo(3);
        assertThat(value(OutboxGauges.OLDEST)).isEqualTo(720);
        assertThat(value(OutboxGauges.DEAD)).isEqualTo(2);
        assertThat(outbox.cutOffs)
                .as("owed means due before now minus the grace")
                .containsExactly(NOW.minus(OutboxGauges.GRACE));
    }

    @Test
    void oldest_isZero_whenNothingIsOwed() {
        outbox.standing = new Outbox.Standing(0, null, 0);
        new OutboxGauges(outbox, clock).bindTo(registry);

        assertThat(value(OutboxGauges.OLDEST)).isZero();
        assertThat(value(OutboxGauges.BACKLOG)).isZero();
    }

    @Test
    void oneReading_servesTheThreeGauges_untilItIsFiveSecondsOld() {
        // given
        outbox.standing = new Outbox.Standing(1, NOW.minusSeconds(90), 0);
        new OutboxGauges(outbox, clock).bindTo(registry);

        // when
        value(OutboxGauges.BACKLOG);
        value(OutboxGauges.OLDEST);
        value(OutboxGauges.DEAD);
        clock.now = NOW.plus(OutboxGauges.REUSE).minusMillis(1);
        outbox.standing = new Outbox.Standing(5, NOW.minusSeconds(90), 4);
        double stillCached = value(OutboxGauges.DEAD);
        clock.now = NOW.plus(OutboxGauges.REUSE);
        double refreshed = value(OutboxGauges.DEAD);

        // then
        assertThat(stillCached).isZero();
        assertThat(refreshed).isEqualTo(4);
        assertThat(outbox.cutOffs).hasSize(2);
    }

    @Test
    void aFailingQuery_readsAsNoValue_andTheNextReadTriesAgain() {
        outbox.fail = true;
        new OutboxGauges(outbox, clock).bindTo(registry);

        assertThat(value(OutboxGauges.BACKLOG)).isNaN();

        outbox.fail = false;
        outbox.standing = new Outbox.Standing(2, NOW.minusSeconds(61), 0);
        assertThat(value(OutboxGauges.BACKLOG)).isEqualTo(2);
    }

    private double value(String name) {
        return registry.get(name).gauge().value();
    }

    private static final class RecordingOutbox extends Outbox {
        Outbox.Standing standing;
        boolean fail;
        final List<Instant> cutOffs = new ArrayList<>();

        RecordingOutbox() {
            super(null);
        }

        @Override
        public Outbox.Standing standing(Instant owedBefore) {
            cutOffs.add(owedBefore);
            if (fail) {
                throw new IllegalStateException("database down");
            }
            return standing;
        }
    }

    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}

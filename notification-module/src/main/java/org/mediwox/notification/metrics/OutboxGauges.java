package org.mediwox.notification.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.ToDoubleFunction;
import org.mediwox.notification.outbox.Outbox;

/**
 * Three gauges of the outbox, for alarms (deploy/README.md, Alarms):
 *
 * <ul>
 *   <li>{@value #BACKLOG}: messages owed and not sent — pending or being sent, due more than {@link #GRACE} ago (a
 *       message is normally sent within a second or two of its due time; a retry waiting for its backoff is owed too);
 *   <li>{@value #OLDEST}: how late the oldest of them is, in seconds (0 when none is owed);
 *   <li>{@value #DEAD}: dead-lettered messages, waiting for an operator ({@code $notifications?status=dead}, {@code
 *       $notification-replay}).
 * </ul>
 *
 * The values are counted in the database (every node sees the whole outbox, so each reports the same values), only
 * when the registry reads a gauge — an exporting registry about once a step, never a request — with one statement for
 * the three: a reading is reused for {@link #REUSE}, so a registry reading the gauges one after another asks once. A
 * failing query (the database is down) makes the gauges NaN for that reading, which Micrometer reports as no value.
 */
public final class OutboxGauges implements MeterBinder {

    public static final String BACKLOG = "mediwox.notifications.backlog";
    public static final String OLDEST = "mediwox.notifications.backlog.oldest";
    public static final String DEAD = "mediwox.notifications.dead";

    /** How late a message may be before it counts as owed: the dispatcher polls every second. */
    public static final Duration GRACE = Duration.ofMinutes(1);

    /** How long one reading serves the three gauges. */
    public static final Duration REUSE = Duration.ofSeconds(5);

    private final Outbox outbox;
    private final Clock clock;
    private Reading last;

    public OutboxGauges(Outbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        gauge(
                registry,
                BACKLOG,
                "Notifications owed and not sent: due more than a minute ago",
                "messages",
                s -> s.owed);
        gauge(registry, OLDEST, "How late the oldest notification owed is", "seconds", s -> s.oldestSeconds);
        gauge(registry, DEAD, "Notifications dead-lettered, waiting for an operator", "messages", s -> s.dead);
    }

    private void gauge(
            MeterRegistry registry, String name, String description, String unit, ToDoubleFunction<Reading> value) {
        Gauge.builder(name, this, gauges -> value.applyAsDouble(gauges.reading()))
                .description(description)
                .baseUnit(unit)
                .strongReference(true)
                .register(registry);
    }

    private synchronized Reading reading() {
        Instant now = clock.instant();
        if (last == null || !now.isBefore(last.at.plus(REUSE))) {
            Outbox.Standing standing = outbox.standing(now.minus(GRACE));
            long oldest = standing.oldestDue() == null
                    ? 0
                    : Duration.between(standing.oldestDue(), now).toSeconds();
            last = new Reading(now, standing.owed(), oldest, standing.dead());
        }
        return last;
    }

    private record Reading(Instant at, double owed, double oldestSeconds, double dead) {}
}

package org.mediwox.server.admission;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import java.time.Duration;

/**
 * The node's budget of concurrent FHIR requests, as two Resilience4j semaphore bulkheads: {@code admitted} bounds the
 * requests running or waiting and never waits itself, so a request beyond the queue is refused at once; {@code
 * running} bounds the requests that run and lets an admitted request wait for a turn up to {@code maxWait}, in arrival
 * order.
 */
final class Admission {

    private final Bulkhead admitted;
    private final Bulkhead running;

    Admission(int maxConcurrent, int maxQueue, Duration maxWait) {
        this.admitted = Bulkhead.of(
                "fhir-admitted",
                BulkheadConfig.custom()
                        .maxConcurrentCalls(maxConcurrent + maxQueue)
                        .maxWaitDuration(Duration.ZERO)
                        .build());
        this.running = Bulkhead.of(
                "fhir-running",
                BulkheadConfig.custom()
                        .maxConcurrentCalls(maxConcurrent)
                        .maxWaitDuration(maxWait)
                        .fairCallHandlingStrategyEnabled(true)
                        .build());
    }

    /** Takes a turn, waiting up to {@code maxWait} if all are taken; false: refuse the request. */
    boolean tryEnter() {
        if (!admitted.tryAcquirePermission()) {
            return false;
        }
        boolean entered = false;
        try {
            entered = running.tryAcquirePermission();
            return entered;
        } finally {
            if (!entered) {
                admitted.onComplete();
            }
        }
    }

    /** Gives back the turn of a request that {@link #tryEnter() entered}. */
    void leave() {
        running.onComplete();
        admitted.onComplete();
    }
}

package org.mediwox.server.admission;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AdmissionTest {

    @Test
    void budgetSpent_nextRequestWaitsItsTurn_andTheOneAfterIsRefusedAtOnce() throws Exception {
        Admission admission = new Admission(1, 1, Duration.ofSeconds(10));
        assertThat(admission.tryEnter()).isTrue();

        CompletableFuture<Boolean> waiting = new CompletableFuture<>();
        Thread waiter = new Thread(() -> waiting.complete(admission.tryEnter()));
        waiter.start();
        // parked in the bulkhead's timed wait: it holds the one queue place
        Instant deadline = Instant.now().plusSeconds(5);
        while (waiter.getState() != Thread.State.TIMED_WAITING && Instant.now().isBefore(deadline)) {
            Thread.sleep(5);
        }
        assertThat(waiter.getState()).isEqualTo(Thread.State.TIMED_WAITING);

        Instant refused = Instant.now();
        assertThat(admission.tryEnter()).as("queue full").isFalse();
        assertThat(Duration.between(refused, Instant.now())).isLessThan(Duration.ofSeconds(1));
        assertThat(waiting).isNotDone();

        admission.leave();

        assertThat(waiting.get(5, TimeUnit.SECONDS))
                .as("the waiting request got the turn")
                .isTrue();
        admission.leave();
        assertThat(admission.tryEnter()).as("its turn given back").isTrue();
    }

    @Test
    void noTurnWithinMaxWait_refusedAfterWaiting() {
        Admission admission = new Admission(1, 5, Duration.ofMillis(200));
        assertThat(admission.tryEnter()).isTrue();

        Instant started = Instant.now();
        boolean entered = admission.tryEnter();

        assertThat(entered).isFalse();
        assertThat(Duration.between(started, Instant.now())).isGreaterThanOrEqualTo(Duration.ofMillis(190));
    }

    @Test
    void refusedRequests_giveBackTheirQueuePlace() {
        Admission admission = new Admission(1, 1, Duration.ZERO);
        assertThat(admission.tryEnter()).isTrue();
        for (int i = 0; i < 10; i++) {
            assertThat(admission.tryEnter()).isFalse();
        }
        admission.leave();
        assertThat(admission.tryEnter()).as("no place leaked").isTrue();
    }

    @Test
    void defaults_followThePoolSize() {
        AdmissionProperties defaults =
                new AdmissionProperties(true, null, null, Duration.ofSeconds(2), Duration.ofMillis(1500));

        assertThat(defaults.maxConcurrent(40)).isEqualTo(30);
        assertThat(defaults.maxQueue(30)).isEqualTo(60);
        assertThat(defaults.maxConcurrent(1)).isEqualTo(1);
        assertThat(defaults.retryAfterSeconds()).isEqualTo(2);
    }
}

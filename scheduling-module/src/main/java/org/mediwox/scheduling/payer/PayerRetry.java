package org.mediwox.scheduling.payer;

import java.time.Duration;
import java.util.List;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Asks the payer again about bookings it has not answered, for the record only: the bookings stand whatever it says.
 * Runs every {@code mediwox.payer.retry-interval} on one node at a time (the lock {@value #LOCK}); should two runs
 * overlap, each check is claimed by one of them ({@code SKIP LOCKED} and a lease).
 */
public class PayerRetry {

    private static final Logger log = LoggerFactory.getLogger(PayerRetry.class);
    /** The cluster-wide lock of the background retry. */
    public static final String LOCK = "payer-check-retry";

    private static final int BATCH = 20;

    private final PayerChecks checks;
    private final PayerHook hook;
    private final Duration lease;

    PayerRetry(PayerChecks checks, PayerHook hook, PayerProperties properties) {
        this.checks = checks;
        this.hook = hook;
        // long enough for a whole batch of payers that do not answer
        this.lease = properties.timeout().multipliedBy(BATCH).plus(properties.retryInterval());
    }

    /** The background run; a failed one is logged and the next interval tries again. */
    @Scheduled(fixedDelayString = "${mediwox.payer.retry-interval:1m}")
    @SchedulerLock(name = LOCK, lockAtMostFor = "PT10M")
    public void sweep() {
        try {
            retryDue();
        } catch (RuntimeException e) {
            log.warn("Retrying payer checks failed; retrying at the next interval", e);
        }
    }

    /** Asks again about every due check, a batch at a time; returns how many were settled. */
    public int retryDue() {
        int settled = 0;
        List<PayerChecks.Pending> due = checks.claimDue(BATCH, lease);
        for (PayerChecks.Pending pending : due) {
            if (hook.retry(pending)) {
                settled++;
            }
        }
        return settled;
    }
}

package org.mediwox.server.documents;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Removes stored content that no committed resource owns: objects left by a crash between storing and committing, and
 * content stored for an update that never committed. Only objects older than the grace period are touched, so content
 * of transactions still running is safe. The background sweep runs every {@code mediwox.documents.sweep-interval} on
 * one node of a cluster at a time (the lock {@value #LOCK}): listing the whole store once per interval is enough.
 * Should two sweeps still overlap (a stalled node's lock ran out), that is safe too (removal is idempotent).
 */
public class OrphanSweeper {

    private static final Logger log = LoggerFactory.getLogger(OrphanSweeper.class);
    static final String LOCK = "document-orphan-sweep";

    private final ObjectStore store;
    private final DocumentLedger ledger;
    private final Duration gracePeriod;
    private final Clock clock;

    OrphanSweeper(ObjectStore store, DocumentLedger ledger, Duration gracePeriod, Clock clock) {
        this.store = store;
        this.ledger = ledger;
        this.gracePeriod = gracePeriod;
        this.clock = clock;
    }

    /**
     * One pass with the configured grace period, the first one interval after start. The interval's default is
     * {@code DocumentProperties}' (the annotation can only read the key itself).
     */
    @Scheduled(
            initialDelayString = "${mediwox.documents.sweep-interval:15m}",
            fixedDelayString = "${mediwox.documents.sweep-interval:15m}")
    @SchedulerLock(name = LOCK, lockAtMostFor = "PT30M")
    public void sweep() {
        try {
            sweep(clock.instant().minus(gracePeriod));
        } catch (RuntimeException e) {
            log.warn("Document sweep failed, next attempt at the next interval: {}", e.toString());
        }
    }

    /**
     * Removes orphans written before {@code cutoff}.
     *
     * @return how many objects were removed
     */
    public int sweep(Instant cutoff) {
        AtomicInteger removed = new AtomicInteger();
        for (String contentId : ledger.deleteUnconfirmedBefore(cutoff)) {
            store.delete(contentId);
            removed.incrementAndGet();
        }
        store.forEachOlderThan(cutoff, key -> {
            if (!ledger.isOwned(key)) {
                store.delete(key);
                removed.incrementAndGet();
            }
        });
        if (removed.get() > 0) {
            log.info("Document sweep removed {} orphaned object(s) from {}", removed.get(), store.describe());
        }
        return removed.get();
    }
}

package org.mediwox.server.documents;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes stored content that no committed resource owns: objects left by a crash between storing and committing, and
 * content stored for an update that never committed. Only objects older than the grace period are touched, so content
 * of transactions still running is safe. Safe on several nodes at once (removal is idempotent).
 */
public class OrphanSweeper {

    private static final Logger log = LoggerFactory.getLogger(OrphanSweeper.class);

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

    /** One pass with the configured grace period. */
    void sweep() {
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

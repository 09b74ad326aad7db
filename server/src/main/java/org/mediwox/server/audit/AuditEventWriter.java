package org.mediwox.server.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Stores the audit trail's records off the request thread, many per database transaction, so that auditing every read costs the
 * reader little. The queue is bounded: when the store falls behind, callers wait for room rather than an event being
 * dropped. The background scheduler drains it every {@value #DRAIN_MILLIS} ms on every node (the queue is the node's
 * own); on shutdown it is drained once more, after the web server has stopped and before the database goes away. What
 * a hard crash catches in the queue (normally one drain interval of events) is the price of not writing an audit row
 * inside every read.
 */
public class AuditEventWriter implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AuditEventWriter.class);
    private static final int BATCH = 200;
    static final long DRAIN_MILLIS = 100;
    private static final long RETRY_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long SHUTDOWN_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final AuditRepository repository;
    private final BlockingQueue<AuditRecord> queue;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong submitted = new AtomicLong();
    /** A batch the database refused: stored before anything newer, no sooner than {@link #retryAt}. */
    private List<AuditRecord> refused;

    private long retryAt;
    private volatile boolean running;

    public AuditEventWriter(AuditRepository repository, int capacity) {
        this.repository = repository;
        this.queue = new LinkedBlockingQueue<>(capacity);
    }

    public void write(AuditRecord event) {
        submitted.incrementAndGet();
        try {
            if (!queue.offer(event, 30, TimeUnit.SECONDS)) {
                log.warn("Audit queue full for 30 s; storing an AuditEvent on the request thread");
                store(List.of(event));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            store(List.of(event));
        }
    }

    /** Waits until every event submitted so far is stored (tests and orderly shutdown). */
    public void flush() throws InterruptedException {
        long target = submitted.get();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (written.get() < target && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    /**
     * Stores what is queued, a batch per transaction. When the database is down or busy the batch is kept and tried
     * again a second later, so that no event is dropped; meanwhile the queue fills and, once full, writers wait.
     */
    @Scheduled(fixedDelay = DRAIN_MILLIS)
    public synchronized void drain() {
        if (refused != null && System.nanoTime() - retryAt < 0) {
            return;
        }
        while (true) {
            if (refused == null) {
                List<AuditRecord> batch = new ArrayList<>(BATCH);
                queue.drainTo(batch, BATCH);
                if (batch.isEmpty()) {
                    return;
                }
                refused = batch;
            }
            try {
                store(refused);
                refused = null;
            } catch (RuntimeException e) {
                log.error("Could not store {} AuditEvents; retrying in 1 s: {}", refused.size(), e.getMessage());
                retryAt = System.nanoTime() + RETRY_NANOS;
                return;
            }
        }
    }

    private void store(List<AuditRecord> events) {
        repository.insert(events);
        written.addAndGet(events.size());
    }

    private synchronized boolean allStored() {
        return refused == null && queue.isEmpty();
    }

    @Override
    public void start() {
        running = true;
    }

    /** The final drain: retried for up to 30 s while the database refuses, then what is left is reported lost. */
    @Override
    public void stop() {
        running = false;
        long deadline = System.nanoTime() + SHUTDOWN_NANOS;
        drain();
        while (!allStored() && System.nanoTime() - deadline < 0) {
            try {
                Thread.sleep(DRAIN_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            drain();
        }
        if (!allStored()) {
            log.error(
                    "Audit trail: {} AuditEvents could not be stored before shutdown", submitted.get() - written.get());
        }
        log.info("Audit trail: {} AuditEvents stored", written.get());
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops after the web server (which stops last-in, first-out at a higher phase) and before the database. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE / 2;
    }
}

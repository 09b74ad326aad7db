package org.mediwox.server.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.hl7.fhir.r4.model.AuditEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Stores AuditEvents off the request thread, many per database transaction, so that auditing every read costs the
 * reader little. The queue is bounded: when the store falls behind, callers wait for room rather than an event being
 * dropped. On shutdown the queue is drained before the database goes away; what a hard crash catches in the queue
 * (at most one flush interval of events) is the price of not writing an audit row inside every read.
 */
public class AuditEventWriter implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AuditEventWriter.class);
    private static final int BATCH = 200;

    private final AuditRepository repository;
    private final BlockingQueue<AuditEvent> queue;
    private final long flushMillis;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong submitted = new AtomicLong();
    private volatile Thread worker;
    private volatile boolean running;

    public AuditEventWriter(AuditRepository repository, int capacity, long flushMillis) {
        this.repository = repository;
        this.queue = new LinkedBlockingQueue<>(capacity);
        this.flushMillis = flushMillis;
    }

    public void write(AuditEvent event) {
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

    private void run() {
        List<AuditEvent> batch = new ArrayList<>(BATCH);
        while (running || !queue.isEmpty()) {
            try {
                AuditEvent first = queue.poll(flushMillis, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                store(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("Could not store {} AuditEvents; retrying in 1 s: {}", batch.size(), e.getMessage());
                retryUntilStored(batch);
            } finally {
                batch.clear();
            }
        }
    }

    private void store(List<AuditEvent> events) {
        repository.insert(events);
        written.addAndGet(events.size());
    }

    /** The database is down or busy: keep the batch and try again, so that no event is dropped. */
    private void retryUntilStored(List<AuditEvent> batch) {
        while (!Thread.currentThread().isInterrupted()) {
            sleepQuietly();
            try {
                store(batch);
                return;
            } catch (RuntimeException e) {
                log.error("Could not store {} AuditEvents; retrying in 1 s: {}", batch.size(), e.getMessage());
            }
        }
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void start() {
        running = true;
        worker = new Thread(this::run, "audit-writer");
        worker.setDaemon(true);
        worker.start();
    }

    @Override
    public void stop() {
        running = false;
        Thread thread = worker;
        if (thread != null) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
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

package org.mediwox.server.demo;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.dao.tx.IHapiTransactionService;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenParam;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Task;
import org.mediwox.server.background.BackgroundConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * The demo clinic's past weeks, so that a newcomer's first dashboard shows real figures: once the server is up, on the
 * background scheduler (start-up never waits for it), the {@link HistoryPlanner plan} for the day the demo clinic was
 * loaded is written day by day ({@link HistoryWriter}). Only a database the demo loader filled gets it: the loader
 * stores the marker Task ({@value DemoClinic#IDENTIFIER_SYSTEM}{@code |}{@value #MARKER}), which counts the days
 * written; a restart goes on from there, and a completed marker means nothing is left to do. One node at a time
 * (ShedLock {@value #LOCK}, extended after every day).
 */
@Component
@ConditionalOnProperty(prefix = "mediwox", name = "demo", havingValue = "true", matchIfMissing = true)
class DemoHistory implements ApplicationListener<ApplicationReadyEvent> {

    static final String MARKER = "history";
    static final String LOCK = "demo-history";
    private static final Duration LOCK_FOR = Duration.ofMinutes(5);
    private static final Logger log = LoggerFactory.getLogger(DemoHistory.class);

    private final DaoRegistry daoRegistry;
    private final IHapiTransactionService transactions;
    private final LockProvider locks;
    private final TaskScheduler scheduler;
    private final DemoProperties properties;

    DemoHistory(
            DaoRegistry daoRegistry,
            IHapiTransactionService transactions,
            LockProvider locks,
            @Qualifier(BackgroundConfiguration.SCHEDULER) TaskScheduler scheduler,
            DemoProperties properties) {
        this.daoRegistry = daoRegistry;
        this.transactions = transactions;
        this.locks = locks;
        this.scheduler = scheduler;
        this.properties = properties;
    }

    /** The marker the demo loader stores with the demo clinic: the history is owed from {@code loadedAt}'s day. */
    static Task marker(Instant loadedAt) {
        Task task = new Task();
        task.addIdentifier().setSystem(DemoClinic.IDENTIFIER_SYSTEM).setValue(MARKER);
        task.setStatus(Task.TaskStatus.REQUESTED);
        task.setIntent(Task.TaskIntent.ORDER);
        task.setAuthoredOn(Date.from(loadedAt));
        task.setDescription("Demo history: the demo clinic's past weeks of bookings, written in the background");
        return task;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        if (!properties.history()) {
            return;
        }
        scheduler.schedule(() -> run(event), Instant.now());
    }

    /** Writes what is left of the history, under the lock; returns the Appointments written by this call. */
    int run(ApplicationReadyEvent event) {
        Optional<Task> marker = marker();
        if (marker.isEmpty()) {
            return 0; // not a database the demo loader filled (with the history on)
        }
        if (marker.get().getStatus() == Task.TaskStatus.COMPLETED) {
            log.info("Demo history: already written, nothing to do");
            return 0;
        }
        Optional<SimpleLock> lock = locks.lock(new LockConfiguration(Instant.now(), LOCK, LOCK_FOR, Duration.ZERO));
        if (lock.isEmpty()) {
            log.info("Demo history: another node is writing it (lock {})", LOCK);
            return 0;
        }
        try {
            return write(event, lock.get());
        } catch (RuntimeException e) {
            log.error("Demo history: stopped, the next start goes on where it stopped", e);
            return 0;
        } finally {
            lock.get().unlock();
        }
    }

    private int write(ApplicationReadyEvent event, SimpleLock lock) {
        Task marker = marker().orElseThrow(); // read again under the lock: another node may have written some
        if (marker.getStatus() == Task.TaskStatus.COMPLETED) {
            log.info("Demo history: already written, nothing to do");
            return 0;
        }
        long started = System.nanoTime();
        LocalDate loaded = marker.getAuthoredOn()
                .toInstant()
                .atZone(DemoDataLoader.CLINIC_ZONE)
                .toLocalDate();
        HistoryPlan plan = HistoryPlanner.plan(loaded, DemoDataLoader.CLINIC_ZONE, DemoClinic.providers());
        int done = daysWritten(marker);
        log.info(
                "Demo history: writing {} working days before {} ({} Appointments), {} already written",
                plan.days().size(),
                loaded,
                plan.visitCount(),
                done);
        HistoryWriter writer = new HistoryWriter(daoRegistry, transactions);
        writer.prepare(plan);
        int appointments = 0;
        for (int day = done; day < plan.days().size(); day++) {
            if (event != null && !event.getApplicationContext().isRunning()) {
                log.info(
                        "Demo history: shutting down at day {}/{}; the next start goes on",
                        day,
                        plan.days().size());
                return appointments;
            }
            appointments += writer.writeDay(plan.days().get(day), day, marker);
            log.info(
                    "Demo history: day {}/{}, {} appointments",
                    day + 1,
                    plan.days().size(),
                    appointments);
            lock = lock.extend(LOCK_FOR, Duration.ZERO)
                    .orElseThrow(() -> new IllegalStateException(
                            "the lock " + LOCK + " was lost: another node may be writing the history"));
        }
        complete();
        log.info(
                "Demo history: {} Appointments over {} days written in {} s",
                appointments,
                plan.days().size() - done,
                (System.nanoTime() - started) / 1_000_000_000);
        return appointments;
    }

    private void complete() {
        transactions.withSystemRequest().execute(() -> {
            Task marker = marker().orElseThrow();
            marker.setStatus(Task.TaskStatus.COMPLETED);
            daoRegistry.getResourceDao(Task.class).update(marker, new SystemRequestDetails());
            return null;
        });
    }

    private static int daysWritten(Task marker) {
        return marker.getOutput().stream()
                .filter(o -> HistoryWriter.PROGRESS.equals(o.getType().getText()))
                .map(o -> ((IntegerType) o.getValue()).getValue())
                .findFirst()
                .orElse(0);
    }

    private Optional<Task> marker() {
        SearchParameterMap byIdentifier = SearchParameterMap.newSynchronous(
                Task.SP_IDENTIFIER, new TokenParam(DemoClinic.IDENTIFIER_SYSTEM, MARKER));
        List<IBaseResource> found = daoRegistry
                .getResourceDao(Task.class)
                .search(byIdentifier, new SystemRequestDetails())
                .getAllResources();
        return found.stream().map(Task.class::cast).findFirst();
    }
}

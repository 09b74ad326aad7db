package org.mediwox.scheduling.generation;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.dao.tx.IHapiTransactionService;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Schedule;
import org.hl7.fhir.r4.model.Slot;
import org.hl7.fhir.r4.model.Slot.SlotStatus;
import org.mediwox.plugin.booking.SlotGeneration;
import org.mediwox.plugin.vocabulary.MediwoxExtensions;
import org.mediwox.scheduling.booking.BookingClaims;
import org.mediwox.scheduling.generation.SlotPlan.Wanted;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Keeps the Slots of generated Schedules (tag {@code schedule-management|generated}) equal to what their availability
 * wants, from today to the horizon: missing Slots are created {@code free}; a free Slot no longer wanted is retired
 * ({@code busy-unavailable}, so it is neither offered nor counted as capacity, and Appointments that once named it keep
 * their reference) and opened again if it is wanted again; a held or booked Slot is never touched — its Appointment
 * becomes a {@link ConflictTasks conflict Task} for the clinic. A second run over unchanged rules writes nothing.
 *
 * <p>Safe with many nodes: each Schedule is generated in one transaction under a transaction-scoped advisory lock (a
 * node that finds it taken skips the Schedule: the holder does it), the primary key of {@code generated_slot} refuses a
 * second Slot for the same time even if two runs overlapped, and a Slot is retired only under the advisory lock
 * {@code $book} takes before claiming a Slot and only when no Appointment claims it.
 */
public class SlotGenerator implements SlotGeneration {

    private static final Logger log = LoggerFactory.getLogger(SlotGenerator.class);
    /** The cluster-wide lock of the background run. */
    public static final String LOCK = "slot-generation";

    private static final String RETIRED_COMMENT = "No longer in the provider's availability";
    private static final int BATCH = 20;
    /**
     * Slots created per FHIR transaction Bundle. One Bundle lets HAPI flush and index its entries together instead of
     * one create at a time; a bounded size keeps memory flat for a Schedule with thousands of Slots.
     */
    static final int CREATE_BATCH = 250;

    /** What one Schedule's generation did. */
    public record Result(int created, int retired, int reopened, int conflicts, boolean skipped) {

        static final Result SKIPPED = new Result(0, 0, 0, 0, true);

        public int writes() {
            return created + retired + reopened;
        }
    }

    private final DaoRegistry daoRegistry;
    private final IHapiTransactionService transactions;
    private final JdbcTemplate jdbc;
    private final BookingClaims claims;
    private final ConflictTasks conflictTasks;
    private final ZoneId fallbackZone;
    private final Duration defaultLength;
    private final int horizonDays;
    private final Clock clock;

    public SlotGenerator(
            DaoRegistry daoRegistry,
            IHapiTransactionService transactions,
            JdbcTemplate jdbc,
            BookingClaims claims,
            ConflictTasks conflictTasks,
            ZoneId fallbackZone,
            Duration defaultLength,
            int horizonDays,
            Clock clock) {
        this.daoRegistry = daoRegistry;
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.claims = claims;
        this.conflictTasks = conflictTasks;
        this.fallbackZone = fallbackZone;
        this.defaultLength = defaultLength;
        this.horizonDays = horizonDays;
        this.clock = clock;
    }

    /** The background run: changed Schedules first, then those whose horizon moved on; failures wait for the next. */
    @Scheduled(
            fixedDelayString = "${mediwox.scheduling.generation.interval:1m}",
            initialDelayString = "${mediwox.scheduling.generation.interval:1m}")
    @SchedulerLock(name = LOCK, lockAtMostFor = "PT10M")
    public void sweep() {
        try {
            runDue();
        } catch (RuntimeException e) {
            log.warn("Generating Slots from availability failed; retrying at the next interval", e);
        }
    }

    /** Generates every Schedule that changed or whose planned days end before the horizon. Returns how many. */
    public int runDue() {
        long started = System.nanoTime();
        int done = 0;
        int created = 0;
        List<String> due;
        do {
            // due_at is an instant (the start of a day in the Schedule's own zone), so a clinic west of UTC is not
            // found short from the UTC date change to its own midnight, as a date compared in one zone was
            due = jdbc.queryForList(
                    "select schedule_id from mediwox.generation_state"
                            + " where done_version < version or due_at is null or due_at <= ?"
                            + " order by done_version < version desc, schedule_id limit ?",
                    String.class,
                    Timestamp.from(clock.instant()),
                    BATCH);
            for (String scheduleId : due) {
                Result result = generate(scheduleId);
                created += result.created();
                done++;
            }
            if (due.size() == BATCH) {
                log.info("Generating Slots: {} Schedule(s) so far, {} Slot(s) created", done, created);
            }
        } while (due.size() == BATCH && done < 10_000);
        if (done > 0) {
            double seconds = (System.nanoTime() - started) / 1e9;
            log.info(
                    "Generated Slots for {} Schedule(s): {} Slot(s) created in {} s ({} Slots/s)",
                    done,
                    created,
                    String.format(java.util.Locale.ROOT, "%.1f", seconds),
                    Math.round(created / Math.max(seconds, 0.001)));
        }
        return done;
    }

    @Override
    public Outcome generateFirstDays(String scheduleId, int days) {
        Result result = generate(scheduleId, days);
        return new Outcome(result.created(), result.skipped());
    }

    /** Brings one Schedule's Slots in line with its availability, in one transaction. */
    public Result generate(String scheduleId) {
        return generate(scheduleId, horizonDays);
    }

    /**
     * Brings one Schedule's Slots in line with its availability over its first {@code days} days only (today included,
     * at most the horizon), in one transaction; Slots after them are left as they are. What is planned is recorded as
     * planned, so the next {@link #runDue() sweep} finds the Schedule short of its horizon and generates the rest: a
     * caller that needs the near days at once (the demo loader) leaves the far ones to the background.
     */
    public Result generate(String scheduleId, int days) {
        int window = Math.max(1, Math.min(days, horizonDays));
        long started = System.nanoTime();
        return transactions.withSystemRequest().execute(() -> {
            if (!Boolean.TRUE.equals(jdbc.queryForObject(
                    "select pg_try_advisory_xact_lock(hashtextextended('mediwox.slot-generation:' || ?, 0))",
                    Boolean.class,
                    scheduleId))) {
                return Result.SKIPPED; // another node is generating it right now
            }
            Long version = jdbc.query(
                    "select version from mediwox.generation_state where schedule_id = ?",
                    rs -> rs.next() ? rs.getLong(1) : null,
                    scheduleId);
            if (version == null) {
                return Result.SKIPPED; // no longer managed
            }
            SystemRequestDetails system = new SystemRequestDetails();
            Schedule schedule = read(Schedule.class, "Schedule/" + scheduleId, system);
            if (schedule == null) {
                jdbc.update("delete from mediwox.generation_state where schedule_id = ?", scheduleId);
                jdbc.update("delete from mediwox.generated_slot where schedule_id = ?", scheduleId);
                return new Result(0, 0, 0, 0, false);
            }
            Plan plan;
            try {
                plan = plan(schedule, window, system);
            } catch (AvailabilityRules.InvalidRules e) {
                jdbc.update(
                        "update mediwox.generation_state set done_version = ?, problem = ? where schedule_id = ?",
                        version,
                        e.getMessage(),
                        scheduleId);
                log.warn(
                        "Schedule/{}: its availability cannot be read, no Slot changed: {}",
                        scheduleId,
                        e.getMessage());
                return new Result(0, 0, 0, 0, false);
            }
            Result result = apply(schedule, plan, system);
            jdbc.update(
                    "update mediwox.generation_state set done_version = ?, planned_through = ?, due_at = ?,"
                            + " problem = null where schedule_id = ?",
                    version,
                    java.sql.Date.valueOf(plan.days().through()),
                    Timestamp.from(plan.days().dueAt()),
                    scheduleId);
            if (result.writes() > 0 || result.conflicts() > 0) {
                log.info(
                        "Schedule/{}: {} Slot(s) created, {} retired, {} reopened, {} booked outside availability,"
                                + " in {} ms",
                        scheduleId,
                        result.created(),
                        result.retired(),
                        result.reopened(),
                        result.conflicts(),
                        (System.nanoTime() - started) / 1_000_000);
            }
            return result;
        });
    }

    /**
     * The wanted Slots, and who works them (for the conflict Tasks); {@code end}: where a shorter window than the
     * horizon stops (null: the whole horizon, every later Slot included).
     */
    private record Plan(List<Wanted> wanted, PlannedDays days, Instant end, PractitionerRole role) {}

    private Plan plan(Schedule schedule, int days, SystemRequestDetails system) {
        if (!schedule.getActive()) {
            return new Plan(List.of(), PlannedDays.from(clock, fallbackZone, horizonDays, horizonDays), null, null);
        }
        PractitionerRole role = read(PractitionerRole.class, actor(schedule, "PractitionerRole"), system);
        if (role == null) {
            throw new AvailabilityRules.InvalidRules(
                    "a generated Schedule needs a PractitionerRole among its actors, whose availableTime it follows");
        }
        String locationRef = actor(schedule, "Location");
        if (locationRef == null && role.getLocation().size() == 1) {
            locationRef = role.getLocationFirstRep().getReference();
        }
        Location location = read(Location.class, locationRef, system);
        AvailabilityRules rules = AvailabilityRules.of(schedule, role, location, fallbackZone, defaultLength);
        PlannedDays planned = PlannedDays.from(clock, rules.zone(), days, horizonDays);
        Instant end =
                days < horizonDays ? planned.until().atStartOfDay(rules.zone()).toInstant() : null;
        List<Wanted> wanted =
                role.getActive() ? SlotPlan.plan(rules, planned.today(), planned.until(), clock.instant()) : List.of();
        return new Plan(wanted, planned, end, role);
    }

    private record Row(Instant start, Instant end, String slotId, boolean retired, String conflictTask) {}

    private Result apply(Schedule schedule, Plan plan, SystemRequestDetails system) {
        String scheduleId = schedule.getIdElement().getIdPart();
        Instant now = clock.instant();
        Map<Wanted, Row> rows = new HashMap<>();
        for (Row row : jdbc.query(
                "select start_at, end_at, slot_id, retired, conflict_task from mediwox.generated_slot"
                        + " where schedule_id = ? and start_at >= ? and start_at < ?",
                (rs, i) -> new Row(
                        rs.getTimestamp(1).toInstant(),
                        rs.getTimestamp(2).toInstant(),
                        rs.getString(3),
                        rs.getBoolean(4),
                        rs.getString(5)),
                scheduleId,
                Timestamp.from(now),
                Timestamp.from(plan.end() == null ? Instant.parse("9999-12-31T00:00:00Z") : plan.end()))) {
            rows.put(new Wanted(row.start(), row.end()), row);
        }
        int created = 0;
        int retired = 0;
        int reopened = 0;
        int conflicts = 0;
        Set<Wanted> wantedSet = new HashSet<>(plan.wanted());
        for (Row row : rows.values()) {
            boolean wanted = wantedSet.contains(new Wanted(row.start(), row.end()));
            if (wanted && row.retired()) {
                reopened += reopen(row, scheduleId, system) ? 1 : 0;
            } else if (!wanted && !row.retired()) {
                switch (retire(row, scheduleId, system)) {
                    case RETIRED -> retired++;
                    case IN_USE -> {
                        conflicts++;
                        if (row.conflictTask() == null) {
                            String task = conflictTasks.raise(row.slotId(), plan.role(), system);
                            if (task != null) {
                                update(scheduleId, row, "conflict_task = ?", task);
                            }
                        }
                    }
                    case UNCHANGED -> {
                        // being booked this instant, or set unavailable by hand: looked at again at the next change
                    }
                }
            }
        }
        List<Wanted> missing = new ArrayList<>();
        for (Wanted wanted : plan.wanted()) {
            if (!rows.containsKey(wanted)) {
                missing.add(wanted);
            }
        }
        for (int from = 0; from < missing.size(); from += CREATE_BATCH) {
            created += create(schedule, missing.subList(from, Math.min(from + CREATE_BATCH, missing.size())), system);
        }
        return new Result(created, retired, reopened, conflicts, false);
    }

    /**
     * Creates the Slots in one FHIR transaction Bundle, nested in this run's database transaction (every storage rule
     * and interceptor sees them as any other Slot write), then records them in {@code generated_slot} in one batch. A
     * row refused by its primary key means another generator made that Slot: the whole run is undone.
     */
    private int create(Schedule schedule, List<Wanted> wanted, SystemRequestDetails system) {
        String scheduleId = schedule.getIdElement().getIdPart();
        Bundle transaction = new Bundle().setType(BundleType.TRANSACTION);
        for (Wanted slot : wanted) {
            transaction
                    .addEntry()
                    .setResource(slot(schedule, scheduleId, slot))
                    .getRequest()
                    .setMethod(HTTPVerb.POST)
                    .setUrl("Slot");
        }
        @SuppressWarnings("unchecked")
        IFhirSystemDao<Bundle, ?> systemDao = daoRegistry.getSystemDao();
        Bundle response = systemDao.transactionNested(system, transaction);
        List<Object[]> rows = new ArrayList<>(wanted.size());
        for (int i = 0; i < wanted.size(); i++) {
            // a transaction's response entries answer its request entries in the same order
            String slotId = new IdType(response.getEntry().get(i).getResponse().getLocation()).getIdPart();
            rows.add(new Object[] {
                scheduleId,
                Timestamp.from(wanted.get(i).start()),
                Timestamp.from(wanted.get(i).end()),
                slotId
            });
        }
        int[] inserted = jdbc.batchUpdate(
                "insert into mediwox.generated_slot (schedule_id, start_at, end_at, slot_id) values (?, ?, ?, ?)"
                        + " on conflict do nothing",
                rows);
        for (int count : inserted) {
            if (count == 0) {
                // another generator made this Slot (its lock had lapsed): undo this whole run, it has the Slots
                throw new IllegalStateException(
                        "Schedule/" + scheduleId + " was generated by another run at the same time");
            }
        }
        return wanted.size();
    }

    private static Slot slot(Schedule schedule, String scheduleId, Wanted wanted) {
        Slot slot = new Slot();
        slot.addIdentifier().setSystem(MediwoxExtensions.GENERATED_SLOT).setValue(scheduleId + "/" + wanted.start());
        slot.setSchedule(new Reference("Schedule/" + scheduleId));
        slot.setStatus(SlotStatus.FREE);
        schedule.getServiceType().forEach(type -> slot.addServiceType(type.copy()));
        schedule.getSpecialty().forEach(specialty -> slot.addSpecialty(specialty.copy()));
        slot.setStart(java.util.Date.from(wanted.start()));
        slot.setEnd(java.util.Date.from(wanted.end()));
        return slot;
    }

    private enum Retirement {
        RETIRED,
        IN_USE,
        UNCHANGED
    }

    private Retirement retire(Row row, String scheduleId, SystemRequestDetails system) {
        Slot slot = read(Slot.class, "Slot/" + row.slotId(), system);
        if (slot == null) {
            forget(scheduleId, row); // deleted by hand: nothing left to keep in line
            return Retirement.UNCHANGED;
        }
        if (!claims.tryReserve(row.slotId())) {
            return Retirement.UNCHANGED; // a booking of it is being made right now
        }
        if (claims.slotState("Slot/" + row.slotId()) != null
                || slot.getStatus() == SlotStatus.BUSY
                || slot.getStatus() == SlotStatus.BUSYTENTATIVE) {
            return Retirement.IN_USE;
        }
        boolean free = slot.getStatus() == SlotStatus.FREE;
        if (free) {
            slot.setStatus(SlotStatus.BUSYUNAVAILABLE);
            slot.setComment(RETIRED_COMMENT);
            daoRegistry.getResourceDao(Slot.class).update(slot, system);
        }
        update(scheduleId, row, "retired = ?", true); // one set unavailable by hand is left as it is
        return free ? Retirement.RETIRED : Retirement.UNCHANGED;
    }

    private boolean reopen(Row row, String scheduleId, SystemRequestDetails system) {
        Slot slot = read(Slot.class, "Slot/" + row.slotId(), system);
        if (slot == null) {
            forget(scheduleId, row);
            return false;
        }
        if (slot.getStatus() == SlotStatus.BUSYUNAVAILABLE && RETIRED_COMMENT.equals(slot.getComment())) {
            slot.setStatus(SlotStatus.FREE);
            slot.setComment(null);
            daoRegistry.getResourceDao(Slot.class).update(slot, system);
        }
        update(scheduleId, row, "retired = ?, conflict_task = null", false);
        return true;
    }

    private void update(String scheduleId, Row row, String assignment, Object value) {
        jdbc.update(
                "update mediwox.generated_slot set " + assignment
                        + " where schedule_id = ? and start_at = ? and end_at = ?",
                value,
                scheduleId,
                Timestamp.from(row.start()),
                Timestamp.from(row.end()));
    }

    private void forget(String scheduleId, Row row) {
        jdbc.update(
                "delete from mediwox.generated_slot where schedule_id = ? and start_at = ? and end_at = ?",
                scheduleId,
                Timestamp.from(row.start()),
                Timestamp.from(row.end()));
    }

    private static String actor(Schedule schedule, String type) {
        return schedule.getActor().stream()
                .map(Reference::getReferenceElement)
                .filter(ref -> type.equals(ref.getResourceType()) && ref.hasIdPart())
                .map(ref -> type + "/" + ref.getIdPart())
                .findFirst()
                .orElse(null);
    }

    private <T extends IBaseResource> T read(Class<T> type, String reference, SystemRequestDetails system) {
        if (reference == null) {
            return null;
        }
        try {
            return daoRegistry.getResourceDao(type).read(new IdType(reference), system);
        } catch (ResourceGoneException | ResourceNotFoundException e) {
            return null;
        }
    }
}

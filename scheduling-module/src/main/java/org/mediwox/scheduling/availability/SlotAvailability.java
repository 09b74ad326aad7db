package org.mediwox.scheduling.availability;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Schedule;
import org.hl7.fhir.r4.model.Slot;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The {@code mediwox.slot_availability} read model: which Slot of which Schedule is in which status when. Written in the
 * transaction of every Slot write; read to find a provider's earliest free Slots with one index range scan.
 */
public class SlotAvailability {

    private final JdbcTemplate jdbc;
    private final ZoneId zone;

    /** @param zone the clinic's time zone: the calendar days offered capacity is counted in */
    public SlotAvailability(JdbcTemplate jdbc, ZoneId zone) {
        this.jdbc = jdbc;
        this.zone = zone;
    }

    /**
     * Records the Slot as it is now (or forgets it when it has no schedule, start or end), and moves its Schedule's
     * offered capacity per day ({@code slot_day}) by the difference, in one statement. A change between free, busy and
     * busy-tentative on the same day (a booking) nets to nothing and writes no day row.
     */
    public void record(Slot slot) {
        String slotId = slot.getIdElement().getIdPart();
        if (!slot.hasSchedule() || slot.getStart() == null || slot.getEnd() == null || slot.getStatus() == null) {
            forget(slotId);
            return;
        }
        jdbc.update(
                "with old as (select schedule_id, status, start_at, end_at from mediwox.slot_availability"
                        + " where slot_id = ?),"
                        + " up as (insert into mediwox.slot_availability (slot_id, schedule_id, status, start_at, end_at)"
                        + " values (?, ?, ?, ?, ?) on conflict (slot_id) do update set schedule_id = excluded.schedule_id,"
                        + " status = excluded.status, start_at = excluded.start_at, end_at = excluded.end_at),"
                        + " delta as (select schedule_id, start_at, end_at, -1 n from old where " + OFFERED
                        + " union all select ?, ?::timestamptz, ?::timestamptz, 1 where ? in ('free', 'busy',"
                        + " 'busy-tentative'))"
                        + DAY_DELTA,
                slotId,
                slotId,
                slot.getSchedule().getReferenceElement().getIdPart(),
                slot.getStatus().toCode(),
                Timestamp.from(slot.getStart().toInstant()),
                Timestamp.from(slot.getEnd().toInstant()),
                slot.getSchedule().getReferenceElement().getIdPart(),
                Timestamp.from(slot.getStart().toInstant()),
                Timestamp.from(slot.getEnd().toInstant()),
                slot.getStatus().toCode(),
                zone.getId());
    }

    public void forget(String slotId) {
        jdbc.update(
                "with old as (delete from mediwox.slot_availability where slot_id = ?"
                        + " returning schedule_id, status, start_at, end_at),"
                        + " delta as (select schedule_id, start_at, end_at, -1 n from old where " + OFFERED + ")"
                        + DAY_DELTA,
                slotId,
                zone.getId());
    }

    /** Whether a row of {@code old} is offered capacity. */
    private static final String OFFERED = "status in ('free', 'busy', 'busy-tentative')";

    /** Applies the rows of {@code delta} (schedule, start, end, ±1) to {@code slot_day}; the zone is the last argument. */
    private static final String DAY_DELTA = " insert into mediwox.slot_day (schedule_id, local_day, offered,"
            + " offered_minutes) select schedule_id, (start_at at time zone z.zone)::date, sum(n),"
            + " sum(n * (extract(epoch from end_at - start_at) / 60)::integer)"
            + " from delta, (select ?::text as zone) z group by 1, 2"
            + " having sum(n) <> 0 or sum(n * (extract(epoch from end_at - start_at) / 60)::integer) <> 0"
            + " order by 1, 2"
            + " on conflict (schedule_id, local_day) do update set offered = mediwox.slot_day.offered + excluded.offered,"
            + " offered_minutes = mediwox.slot_day.offered_minutes + excluded.offered_minutes";

    /**
     * Records whose capacity a Schedule offers: its first PractitionerRole actor (else its first Practitioner) and its
     * first Location; a Schedule of neither is forgotten.
     */
    public void recordSchedule(Schedule schedule) {
        String id = schedule.getIdElement().getIdPart();
        String provider = actor(schedule, "PractitionerRole");
        if (provider == null) {
            provider = actor(schedule, "Practitioner");
        }
        if (provider == null) {
            forgetSchedule(id);
            return;
        }
        String location = actor(schedule, "Location");
        jdbc.update(
                "insert into mediwox.schedule_provider (schedule_id, provider, location_id) values (?, ?, ?)"
                        + " on conflict (schedule_id) do update set provider = excluded.provider,"
                        + " location_id = excluded.location_id",
                id,
                provider,
                location == null ? "" : location.substring("Location/".length()));
    }

    public void forgetSchedule(String scheduleId) {
        jdbc.update("delete from mediwox.schedule_provider where schedule_id = ?", scheduleId);
    }

    private static String actor(Schedule schedule, String type) {
        return schedule.getActor().stream()
                .map(Reference::getReferenceElement)
                .filter(ref -> type.equals(ref.getResourceType()) && ref.hasIdPart())
                .map(ref -> type + "/" + ref.getIdPart())
                .findFirst()
                .orElse(null);
    }

    /** Rebuilds {@code slot_day} from the Slots when it is empty but Slots are known (a database from before it). */
    public int rebuildDaysIfEmpty() {
        if (Boolean.TRUE.equals(jdbc.queryForObject("select exists (select 1 from mediwox.slot_day)", Boolean.class))) {
            return 0;
        }
        return jdbc.update(
                "insert into mediwox.slot_day (schedule_id, local_day, offered, offered_minutes)"
                        + " select schedule_id, (start_at at time zone ?)::date, count(*),"
                        + " sum((extract(epoch from end_at - start_at) / 60)::integer)"
                        + " from mediwox.slot_availability where " + OFFERED + " group by 1, 2",
                zone.getId());
    }

    public boolean schedulesUnknown() {
        return Boolean.FALSE.equals(
                jdbc.queryForObject("select exists (select 1 from mediwox.schedule_provider)", Boolean.class));
    }

    /** Ids of free Slots of the Schedules that start at or after {@code from} and end by {@code to}, earliest first. */
    public List<String> freeSlotIds(Collection<String> scheduleIds, Instant from, Instant to, int limit) {
        return jdbc.queryForList(
                "select slot_id from mediwox.slot_availability where schedule_id = any (?) and status = 'free'"
                        + " and start_at >= ? and end_at <= ? order by start_at, slot_id limit ?",
                String.class,
                scheduleIds.toArray(String[]::new),
                Timestamp.from(from),
                Timestamp.from(to),
                limit);
    }

    /** Start times of the earliest free Slots of the Schedules from {@code from} (ending by {@code to}), earliest first. */
    public List<Instant> freeStarts(Collection<String> scheduleIds, Instant from, Instant to, int limit) {
        if (scheduleIds.isEmpty()) {
            return List.of();
        }
        return jdbc.query(
                "select start_at from mediwox.slot_availability where schedule_id = any (?) and status = 'free'"
                        + " and start_at >= ? and end_at <= ? order by start_at, slot_id limit ?",
                (rs, n) -> rs.getTimestamp(1).toInstant(),
                scheduleIds.toArray(String[]::new),
                Timestamp.from(from),
                Timestamp.from(to),
                limit);
    }

    /**
     * One page of the free Slots of the Schedules in the window ({@link #freeSlotIds} from {@code offset} on) and how
     * many there are in all. With {@code patient}, Slots overlapping a time the patient already holds are left out (and
     * counted in {@link Page#leftOut()}): the patient's claims — each active Appointment of theirs claims its time in
     * {@code appointment_claim}, the rows {@code $book} would be refused by — and the extra {@code busy} ranges given
     * (their stored {@code proposed} Appointments, which claim nothing). Two statements: the counts, then the page.
     */
    public Page freeSlotPage(
            Collection<String> scheduleIds, Instant from, Instant to, int offset, int limit, PatientTimes patient) {
        List<Object> arguments =
                new ArrayList<>(List.of(scheduleIds.toArray(String[]::new), Timestamp.from(from), Timestamp.from(to)));
        String where = " from mediwox.slot_availability s where s.schedule_id = any (?) and s.status = 'free'"
                + " and s.start_at >= ? and s.end_at <= ?";
        String open = "true";
        if (patient != null) {
            // the gist index of the no-overlap constraint answers the claim test (kind, subject, during; not
            // overbooked)
            open = "not exists (select 1 from mediwox.appointment_claim c where c.kind = 'patient' and c.subject = ?"
                    + " and not c.overbooked and c.during && tstzrange(s.start_at, s.end_at, '[)'))"
                    + " and not exists (select 1 from unnest(?::text[], ?::text[]) as b(lo, hi)"
                    + " where tstzrange(b.lo::timestamptz, b.hi::timestamptz, '[)')"
                    + " && tstzrange(s.start_at, s.end_at, '[)'))";
            arguments.add(0, patient.subject());
            arguments.add(1, patient.busy().stream().map(r -> r[0].toString()).toArray(String[]::new));
            arguments.add(2, patient.busy().stream().map(r -> r[1].toString()).toArray(String[]::new));
        }
        int[] counts = jdbc.queryForObject(
                "select count(*) filter (where " + open + "), count(*)" + where,
                (rs, n) -> new int[] {rs.getInt(1), rs.getInt(2)},
                arguments.toArray());
        int total = counts == null ? 0 : counts[0];
        int leftOut = counts == null ? 0 : counts[1] - counts[0];
        if (total <= offset) {
            return new Page(List.of(), total, leftOut);
        }
        // the page's statement takes the window first, the patient's arguments after it
        List<Object> pageArguments = new ArrayList<>(arguments.subList(patient == null ? 0 : 3, arguments.size()));
        if (patient != null) {
            pageArguments.addAll(arguments.subList(0, 3));
        }
        pageArguments.add(offset);
        pageArguments.add(limit);
        List<String> ids = jdbc.queryForList(
                "select s.slot_id" + where + " and " + open + " order by s.start_at, s.slot_id offset ? limit ?",
                String.class,
                pageArguments.toArray());
        return new Page(ids, total, leftOut);
    }

    /**
     * The patient whose times {@code $find} leaves out: {@code subject} as the claims name it ({@code Patient/12}), and
     * further busy ranges (start, end) not in the claims.
     */
    public record PatientTimes(String subject, List<Instant[]> busy) {}

    /**
     * Slot ids of one page, the number of Slots on all pages, and how many free Slots were left out because the patient
     * already holds that time.
     */
    public record Page(List<String> slotIds, int total, int leftOut) {}

    public boolean isEmpty() {
        return Boolean.FALSE.equals(
                jdbc.queryForObject("select exists (select 1 from mediwox.slot_availability)", Boolean.class));
    }
}

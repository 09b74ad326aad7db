package org.mediwox.scheduling.availability;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.hl7.fhir.r4.model.Slot;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The {@code mediwox.slot_availability} read model: which Slot of which Schedule is in which status when. Written in the
 * transaction of every Slot write; read to find a provider's earliest free Slots with one index range scan.
 */
public class SlotAvailability {

    private final JdbcTemplate jdbc;

    public SlotAvailability(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Records the Slot as it is now (or forgets it when it has no schedule, start or end). */
    public void record(Slot slot) {
        String slotId = slot.getIdElement().getIdPart();
        if (!slot.hasSchedule() || slot.getStart() == null || slot.getEnd() == null || slot.getStatus() == null) {
            forget(slotId);
            return;
        }
        jdbc.update(
                "insert into mediwox.slot_availability (slot_id, schedule_id, status, start_at, end_at)"
                        + " values (?, ?, ?, ?, ?) on conflict (slot_id) do update set schedule_id = excluded.schedule_id,"
                        + " status = excluded.status, start_at = excluded.start_at, end_at = excluded.end_at",
                slotId,
                slot.getSchedule().getReferenceElement().getIdPart(),
                slot.getStatus().toCode(),
                Timestamp.from(slot.getStart().toInstant()),
                Timestamp.from(slot.getEnd().toInstant()));
    }

    public void forget(String slotId) {
        jdbc.update("delete from mediwox.slot_availability where slot_id = ?", slotId);
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

    /**
     * One page of the free Slots of the Schedules in the window ({@link #freeSlotIds} from {@code offset} on) and how
     * many there are in all.
     */
    public Page freeSlotPage(Collection<String> scheduleIds, Instant from, Instant to, int offset, int limit) {
        String[] schedules = scheduleIds.toArray(String[]::new);
        String where = " from mediwox.slot_availability where schedule_id = any (?) and status = 'free'"
                + " and start_at >= ? and end_at <= ?";
        Integer total = jdbc.queryForObject(
                "select count(*)" + where, Integer.class, schedules, Timestamp.from(from), Timestamp.from(to));
        List<String> ids = total == null || total <= offset
                ? List.of()
                : jdbc.queryForList(
                        "select slot_id" + where + " order by start_at, slot_id offset ? limit ?",
                        String.class,
                        schedules,
                        Timestamp.from(from),
                        Timestamp.from(to),
                        offset,
                        limit);
        return new Page(ids, total == null ? 0 : total);
    }

    /** Slot ids of one page, and the number of Slots on all pages. */
    public record Page(List<String> slotIds, int total) {}

    public boolean isEmpty() {
        return Boolean.FALSE.equals(
                jdbc.queryForObject("select exists (select 1 from mediwox.slot_availability)", Boolean.class));
    }
}

package org.mediwox.scheduling.waitlist;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The {@code mediwox.waitlist_entry} and {@code mediwox.waitlist_offer} tables: who waits for an earlier time in which
 * Schedules, in which order, and which Slots each entry was offered. Every call runs in the caller's transaction.
 */
class WaitlistEntries {

    /** A waiting entry as the offering job needs it. */
    record Entry(String entryId, String patientId, String bookedId, boolean urgent) {}

    /** Marks an entry while an offer is being made for it: unique, so it never equals another entry's offer. */
    private static final String MAKING_OFFER = "offering-";

    private final JdbcTemplate jdbc;

    WaitlistEntries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records a new entry. False when the booked Appointment already has one (one entry per booked appointment; a
     * concurrent join of the same one waits for the first and then finds it).
     */
    boolean add(
            String entryId,
            String patientId,
            String bookedId,
            Instant bookedStart,
            Collection<String> scheduleIds,
            boolean urgent,
            Instant joinedAt) {
        return jdbc.update(
                        "insert into mediwox.waitlist_entry (entry_id, patient_id, booked_id, booked_start, schedule_ids,"
                                + " urgent, joined_at) values (?, ?, ?, ?, ?, ?, ?) on conflict do nothing",
                        entryId,
                        patientId,
                        bookedId,
                        Timestamp.from(bookedStart),
                        scheduleIds.toArray(String[]::new),
                        urgent,
                        Timestamp.from(joinedAt))
                == 1;
    }

    /** Whether the entry is on the list. */
    boolean contains(String entryId) {
        return !jdbc.queryForList("select 1 from mediwox.waitlist_entry where entry_id = ?", Integer.class, entryId)
                .isEmpty();
    }

    /** The entry waiting for an earlier time than the booked Appointment, if there is one. */
    List<String> entriesFor(String bookedId) {
        return jdbc.queryForList(
                "select entry_id from mediwox.waitlist_entry where booked_id = ?", String.class, bookedId);
    }

    /** Entries whose booked Appointment has started: nothing earlier can come for them. */
    List<String> started(int limit) {
        return jdbc.queryForList(
                "select entry_id from mediwox.waitlist_entry where booked_start <= now() order by booked_start limit ?",
                String.class,
                limit);
    }

    void remove(String entryId) {
        jdbc.update("delete from mediwox.waitlist_entry where entry_id = ?", entryId);
    }

    /** The offer {@code offerId} is over (booked, declined, lapsed): its entry may get the next one. */
    void offerEnded(String offerId) {
        jdbc.update("update mediwox.waitlist_entry set offer_id = null where offer_id = ?", offerId);
    }

    /**
     * Free Slots (ids, earliest first) that some entry without an open offer could take: in one of its Schedules,
     * starting after now and before its booked Appointment, and never offered to it before.
     */
    List<String> offerableSlots(int limit) {
        return jdbc.queryForList(
                "select slot_id from (select distinct s.slot_id, s.start_at from mediwox.waitlist_entry e"
                        + " join mediwox.slot_availability s on s.schedule_id = any (e.schedule_ids)"
                        + " and s.status = 'free' and s.start_at > now() and s.start_at < e.booked_start"
                        + " where e.offer_id is null and not exists (select 1 from mediwox.waitlist_offer o"
                        + " where o.entry_id = e.entry_id and o.slot_id = s.slot_id)) offerable"
                        + " order by start_at, slot_id limit ?",
                String.class,
                limit);
    }

    /**
     * The entries that could take a Slot of {@code scheduleId} starting at {@code start}, in the order they are offered
     * one: urgent first, then first come, first served.
     */
    List<Entry> candidates(String scheduleId, Instant start, String slotId, int limit) {
        return jdbc.query(
                "select entry_id, patient_id, booked_id, urgent from mediwox.waitlist_entry e"
                        + " where ? = any (e.schedule_ids) and e.booked_start > ? and e.offer_id is null"
                        + " and not exists (select 1 from mediwox.waitlist_offer o"
                        + " where o.entry_id = e.entry_id and o.slot_id = ?)"
                        + " order by e.urgent desc, e.joined_at, e.entry_id limit ?",
                (rs, n) -> new Entry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4)),
                scheduleId,
                Timestamp.from(start),
                slotId,
                limit);
    }

    /**
     * Takes the entry for an offer being made in this transaction: true when it had no open offer. A concurrent
     * offerer of the same entry waits here until this transaction ends, then finds it taken (or, after a rollback,
     * free): so one entry never holds two Slots.
     */
    boolean take(String entryId) {
        return jdbc.update(
                        "update mediwox.waitlist_entry set offer_id = ? where entry_id = ? and offer_id is null",
                        MAKING_OFFER + UUID.randomUUID(),
                        entryId)
                == 1;
    }

    /** The entry taken by {@link #take} now holds {@code offerId} on {@code slotId}. */
    void offered(String entryId, String slotId, String offerId) {
        jdbc.update("update mediwox.waitlist_entry set offer_id = ? where entry_id = ?", offerId, entryId);
        jdbc.update(
                "insert into mediwox.waitlist_offer (entry_id, slot_id, offer_id) values (?, ?, ?)",
                entryId,
                slotId,
                offerId);
    }

    /** The booking rule refused to hold {@code slotId} for the entry: it is not tried for it again. */
    void refused(String entryId, String slotId) {
        jdbc.update("update mediwox.waitlist_entry set offer_id = null where entry_id = ?", entryId);
        jdbc.update(
                "insert into mediwox.waitlist_offer (entry_id, slot_id) values (?, ?) on conflict do nothing",
                entryId,
                slotId);
    }
}

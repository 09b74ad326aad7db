package org.mediwox.scheduling.booking;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The {@code mediwox.booking_claim} table: one row per Slot taken by a hold or a booking. Its exclusion constraints
 * (provider and time range, patient and time range) are what make a double booking impossible; this class only asks
 * the database and reports what it answered. Every call runs in the caller's transaction.
 */
public class BookingClaims {

    /** Why a claim was refused. */
    public enum Refusal {
        SLOT_TAKEN,
        PROVIDER_BUSY,
        PATIENT_BUSY,
        RESERVED_FOR_URGENT
    }

    /**
     * A claim to insert. {@code holdExpiresAt} is null for a booking. The Appointment is attached once it has its id
     * ({@link #attach}).
     */
    public record Claim(
            String slotId, String provider, String patient, Instant start, Instant end, Instant holdExpiresAt) {}

    /** A hold that lapsed and was removed. */
    public record ExpiredHold(String slotId, String appointmentId) {}

    private final JdbcTemplate jdbc;

    public BookingClaims(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Inserts the claim unless a constraint refuses it. A concurrent transaction holding a conflicting claim makes this
     * wait until that transaction ends; then the claim is either taken or refused.
     *
     * @return null when the claim was taken, else why not
     */
    public Refusal claim(Claim claim) {
        int inserted = jdbc.update(
                "insert into mediwox.booking_claim"
                        + " (slot_id, provider, patient, during, status, hold_expires_at)"
                        + " values (?, ?, ?, tstzrange(?, ?, '[)'), ?, ?) on conflict do nothing",
                claim.slotId(),
                claim.provider(),
                claim.patient(),
                Timestamp.from(claim.start()),
                Timestamp.from(claim.end()),
                claim.holdExpiresAt() == null ? "booked" : "held",
                claim.holdExpiresAt() == null ? null : Timestamp.from(claim.holdExpiresAt()));
        return inserted == 1 ? null : explain(claim);
    }

    /**
     * Reserves a Slot for this transaction if no other transaction is booking it right now. A pool booking skips a
     * Slot another request is in the middle of booking instead of waiting for it; the claim still decides.
     */
    public boolean tryReserve(String slotId) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "select pg_try_advisory_xact_lock(hashtextextended('mediwox.slot:' || ?, 0))", Boolean.class, slotId));
    }

    /** Records which Appointment a claim belongs to, once the Appointment has its id. */
    public void attach(String slotId, String appointmentId) {
        jdbc.update("update mediwox.booking_claim set appointment_id = ? where slot_id = ?", appointmentId, slotId);
    }

    /** Turns the hold of an appointment into a booking; false when there is no live hold for it. */
    public boolean confirmHold(String appointmentId) {
        return jdbc.update(
                        "update mediwox.booking_claim set status = 'booked', hold_expires_at = null"
                                + " where appointment_id = ? and status = 'held' and hold_expires_at > now()",
                        appointmentId)
                > 0;
    }

    /** Removes the claims of an appointment and returns the Slots they held. */
    public List<String> release(String appointmentId) {
        return jdbc.queryForList(
                "delete from mediwox.booking_claim where appointment_id = ? returning slot_id",
                String.class,
                appointmentId);
    }

    /**
     * Removes up to {@code limit} lapsed holds. Rows another node is already removing are skipped, so each lapsed hold is
     * handled by exactly one node.
     */
    public List<ExpiredHold> takeExpiredHolds(int limit) {
        return jdbc.query(
                "delete from mediwox.booking_claim where slot_id in (select slot_id from mediwox.booking_claim"
                        + " where status = 'held' and hold_expires_at <= now() limit ? for update skip locked)"
                        + " returning slot_id, appointment_id",
                (rs, row) -> new ExpiredHold(rs.getString(1), rs.getString(2)),
                limit);
    }

    private Refusal explain(Claim claim) {
        Integer sameSlot = jdbc.queryForObject(
                "select count(*) from mediwox.booking_claim where slot_id = ?", Integer.class, claim.slotId());
        if (sameSlot != null && sameSlot > 0) {
            return Refusal.SLOT_TAKEN;
        }
        Integer providerBusy = jdbc.queryForObject(
                "select count(*) from mediwox.booking_claim where provider = ? and during && tstzrange(?, ?, '[)')",
                Integer.class,
                claim.provider(),
                Timestamp.from(claim.start()),
                Timestamp.from(claim.end()));
        return providerBusy != null && providerBusy > 0 ? Refusal.PROVIDER_BUSY : Refusal.PATIENT_BUSY;
    }
}

package org.mediwox.scheduling.booking;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The {@code mediwox.appointment_claim} table: what each active Appointment takes — its Slots, its providers and its
 * patient for its time. The table's exclusion constraints are what make a double booking impossible; this class only
 * asks the database and reports what it answered. Every call runs in the caller's transaction.
 */
public class BookingClaims {

    /** Why a claim was refused. */
    public enum Refusal {
        SLOT_TAKEN,
        PROVIDER_BUSY,
        PATIENT_BUSY,
        RESERVED_FOR_URGENT
    }

    /** A refusal, with what was asked for ({@code Slot/1}, {@code Practitioner/2}…) and the Appointment that has it. */
    public record Conflict(Refusal refusal, String subject, String holder) {

        /** Names the clash so that a client can act on it. */
        public String describe() {
            String other = holder == null || holder.startsWith(TOKEN_PREFIX)
                    ? "another booking being made right now"
                    : "Appointment/" + holder;
            return switch (refusal) {
                case SLOT_TAKEN -> subject + " is already held or booked by " + other;
                case PROVIDER_BUSY -> subject + " already has " + other + " at an overlapping time";
                case PATIENT_BUSY -> subject + " already has " + other + " at an overlapping time";
                case RESERVED_FOR_URGENT ->
                    "the last free slots of that day are reserved for urgent requests (" + subject + ")";
            };
        }
    }

    /** Owners of claims taken by {@code $book}/{@code $hold} before their Appointment has an id. */
    static final String TOKEN_PREFIX = "claim-";

    /** An Appointment whose hold lapsed. */
    public record ExpiredHold(String appointmentId) {}

    private final JdbcTemplate jdbc;

    public BookingClaims(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Makes {@code set} the claims of {@code owner}: its earlier claims, and those taken under {@code adopted} (a
     * {@code $book} token, or null), are replaced. A concurrent transaction holding a conflicting claim makes this wait
     * until that transaction ends; then the claims are either all taken or none is.
     *
     * @return null when every claim was taken, else the first refusal (and {@code owner} then holds nothing)
     */
    public Conflict replace(String owner, String adopted, ClaimSet set) {
        return replace(owner, adopted, set, false);
    }

    /**
     * {@link #replace(String, String, ClaimSet)}, or with {@code overbooked} the claims of a deliberate overbooking:
     * taken whatever else claims the same, and marked so.
     */
    public Conflict replace(String owner, String adopted, ClaimSet set, boolean overbooked) {
        if (adopted == null) {
            jdbc.update("delete from mediwox.appointment_claim where owner = ?", owner);
        } else {
            jdbc.update("delete from mediwox.appointment_claim where owner in (?, ?)", owner, adopted);
        }
        for (ClaimSet.Row row : set.rows()) {
            int inserted = jdbc.update(
                    "insert into mediwox.appointment_claim"
                            + " (owner, kind, subject, during, status, hold_expires_at, overbooked)"
                            + " values (?, ?, ?, tstzrange(?, ?, '[)'), ?, ?, ?) on conflict do nothing",
                    owner,
                    row.kind(),
                    row.subject(),
                    timestamp(set.start()),
                    timestamp(set.end()),
                    set.held() ? "held" : "booked",
                    timestamp(set.holdExpiresAt()),
                    overbooked);
            if (inserted == 0) {
                Conflict conflict = explain(owner, row, set);
                jdbc.update("delete from mediwox.appointment_claim where owner = ?", owner);
                return conflict;
            }
        }
        return null;
    }

    /** Removes the claims of {@code owner}; returns the Slots they held ({@code Slot/1}…). */
    public List<String> release(String owner) {
        return jdbc.queryForList(
                "with gone as (delete from mediwox.appointment_claim where owner = ? returning kind, subject)"
                        + " select subject from gone where kind = 'slot'",
                String.class,
                owner);
    }

    /** The Slots {@code owner} claims ({@code Slot/1}…). */
    public List<String> slotsOf(String owner) {
        return jdbc.queryForList(
                "select subject from mediwox.appointment_claim where owner = ? and kind = 'slot'", String.class, owner);
    }

    /** What holds the Slot ({@code Slot/1}): {@code booked} when a booking does, {@code held} for a hold, else null. */
    public String slotState(String slot) {
        List<String> states = jdbc.queryForList(
                "select status from mediwox.appointment_claim where kind = 'slot' and subject = ?"
                        + " order by status = 'booked' desc limit 1",
                String.class,
                slot);
        return states.isEmpty() ? null : states.get(0);
    }

    /**
     * Whether the appointment's hold is still running; locks it, so that the hold expiry (which skips locked rows)
     * cannot cancel it while it is being booked.
     */
    public boolean lockLiveHold(String appointmentId) {
        return !jdbc.queryForList(
                        "select 1 from mediwox.appointment_claim where owner = ? and status = 'held'"
                                + " and (hold_expires_at is null or hold_expires_at > now()) for update",
                        Integer.class,
                        appointmentId)
                .isEmpty();
    }

    /**
     * Reserves a Slot for this transaction if no other transaction is booking it right now. A pool booking skips a
     * Slot another request is in the middle of booking instead of waiting for it; the claim still decides.
     */
    public boolean tryReserve(String slotId) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "select pg_try_advisory_xact_lock(hashtextextended('mediwox.slot:' || ?, 0))", Boolean.class, slotId));
    }

    /**
     * Up to {@code limit} Appointments whose hold lapsed, locked for this transaction. Rows another node is handling
     * are skipped, so each lapsed hold is released by exactly one node.
     */
    public List<ExpiredHold> takeExpiredHolds(int limit) {
        return jdbc.query(
                "select owner from mediwox.appointment_claim where kind = 'slot' and status = 'held'"
                        + " and hold_expires_at <= now() order by hold_expires_at limit ? for update skip locked",
                (rs, row) -> new ExpiredHold(rs.getString(1)),
                limit);
    }

    private Conflict explain(String owner, ClaimSet.Row row, ClaimSet set) {
        List<String> holders = row.kind().equals("slot")
                ? jdbc.queryForList(
                        "select owner from mediwox.appointment_claim where kind = 'slot' and subject = ?"
                                + " and owner <> ? limit 1",
                        String.class,
                        row.subject(),
                        owner)
                : jdbc.queryForList(
                        "select owner from mediwox.appointment_claim where kind = ? and subject = ? and owner <> ?"
                                + " and during && tstzrange(?, ?, '[)') limit 1",
                        String.class,
                        row.kind(),
                        row.subject(),
                        owner,
                        timestamp(set.start()),
                        timestamp(set.end()));
        Refusal refusal = switch (row.kind()) {
            case "slot" -> Refusal.SLOT_TAKEN;
            case "provider" -> Refusal.PROVIDER_BUSY;
            default -> Refusal.PATIENT_BUSY;
        };
        return new Conflict(refusal, row.subject(), holders.isEmpty() ? null : holders.get(0));
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}

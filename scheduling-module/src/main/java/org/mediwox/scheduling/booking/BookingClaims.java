package org.mediwox.scheduling.booking;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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

    /** Claims {@code $book}/{@code $hold} took under {@code token} for an Appointment that has no id yet. */
    public record Taken(String token, ClaimSet set) {}

    /**
     * Takes {@code set} under {@code token}, an owner that holds nothing yet (a fresh {@code $book} token): one
     * statement. A concurrent transaction holding a conflicting claim makes this wait until that transaction ends.
     *
     * @return null when every claim was taken, else the first refusal (and the token then holds nothing)
     */
    public Conflict take(String token, ClaimSet set) {
        return insert(token, set, false);
    }

    /**
     * Hands the claims taken under {@code taken}'s token to {@code owner}, the Appointment now stored with exactly those
     * claims: one statement, re-checked by the constraints like any write.
     *
     * @return whether every claim moved (false: the caller replaces them instead)
     */
    public boolean adopt(String owner, Taken taken) {
        int moved = jdbc.update("update mediwox.appointment_claim set owner = ? where owner = ?", owner, taken.token());
        return moved == taken.set().rows().size();
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
        return insert(owner, set, overbooked);
    }

    /**
     * All rows of {@code set} in one multi-row insert, in the set's order (the one lock order every writer keeps); a
     * row the constraints refuse is skipped, and then the owner's rows are removed again and the first refused row is
     * explained.
     */
    private Conflict insert(String owner, ClaimSet set, boolean overbooked) {
        List<ClaimSet.Row> rows = set.rows();
        if (rows.isEmpty()) {
            return null;
        }
        StringBuilder sql = new StringBuilder("insert into mediwox.appointment_claim"
                + " (owner, kind, subject, during, status, hold_expires_at, overbooked) values ");
        List<Object> arguments = new ArrayList<>(rows.size() * 8);
        for (ClaimSet.Row row : rows) {
            sql.append(arguments.isEmpty() ? "" : ", ").append("(?, ?, ?, tstzrange(?, ?, '[)'), ?, ?, ?)");
            arguments.addAll(Arrays.asList(
                    owner,
                    row.kind(),
                    row.subject(),
                    timestamp(set.start()),
                    timestamp(set.end()),
                    set.held() ? "held" : "booked",
                    timestamp(set.holdExpiresAt()),
                    overbooked));
        }
        int inserted = jdbc.update(sql.append(" on conflict do nothing").toString(), arguments.toArray());
        if (inserted == rows.size()) {
            return null;
        }
        Set<ClaimSet.Row> taken = new HashSet<>(jdbc.query(
                "select kind, subject from mediwox.appointment_claim where owner = ?",
                (rs, n) -> new ClaimSet.Row(rs.getString(1), rs.getString(2)),
                owner));
        ClaimSet.Row refused =
                rows.stream().filter(row -> !taken.contains(row)).findFirst().orElse(null);
        if (refused == null) {
            return null; // every row is there (the owner already held one of them)
        }
        Conflict conflict = explain(owner, refused, set);
        jdbc.update("delete from mediwox.appointment_claim where owner = ?", owner);
        return conflict;
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

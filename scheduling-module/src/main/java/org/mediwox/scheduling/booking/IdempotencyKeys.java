package org.mediwox.scheduling.booking;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Idempotency keys of {@code $book}, in {@code mediwox.idempotency_key}. The key is claimed at the start of the booking
 * transaction and the resulting Appointment recorded at its end, so either both commit or neither does. A second request
 * with the same key waits for the first one's transaction and then sees its outcome.
 */
public class IdempotencyKeys {

    /** What a key claim found. */
    public sealed interface Outcome {}

    /** The key is new: go on and book. */
    public record Fresh() implements Outcome {}

    /** The same request was booked before: answer with this Appointment. */
    public record Replay(String appointmentId) implements Outcome {}

    /** The key was used for a different request. */
    public record Mismatch() implements Outcome {}

    private final JdbcTemplate jdbc;
    private final Duration retention;

    public IdempotencyKeys(JdbcTemplate jdbc, Duration retention) {
        this.jdbc = jdbc;
        this.retention = retention;
    }

    public Outcome claim(String key, String requestHash) {
        jdbc.update("delete from mediwox.idempotency_key where idempotency_key = ? and expires_at <= now()", key);
        int inserted = jdbc.update(
                "insert into mediwox.idempotency_key (idempotency_key, request_hash, expires_at) values (?, ?, ?)"
                        + " on conflict do nothing",
                key,
                requestHash,
                Timestamp.from(Instant.now().plus(retention)));
        if (inserted == 1) {
            return new Fresh();
        }
        List<String[]> existing = jdbc.query(
                "select request_hash, appointment_id from mediwox.idempotency_key where idempotency_key = ?",
                (rs, row) -> new String[] {rs.getString(1), rs.getString(2)},
                key);
        if (existing.isEmpty() || !existing.get(0)[0].equals(requestHash)) {
            return new Mismatch();
        }
        return new Replay(existing.get(0)[1]);
    }

    public void complete(String key, String appointmentId) {
        jdbc.update(
                "update mediwox.idempotency_key set appointment_id = ? where idempotency_key = ?", appointmentId, key);
    }

    /** Deletes keys past their retention; returns how many. */
    public int purgeExpired() {
        return jdbc.update("delete from mediwox.idempotency_key where expires_at <= now()");
    }
}

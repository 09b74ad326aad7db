package org.mediwox.scheduling.payer;

import java.time.Duration;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The payer checks not answered yet ({@code mediwox.payer_check}, Flyway {@code V19}). A check is recorded before the
 * payer is asked, so a node that dies while it waits leaves it to the retry; the retry claims due checks with {@code
 * SKIP LOCKED} and pushes them {@code lease} into the future, so two nodes never ask about one booking at once.
 */
class PayerChecks {

    /** A check to ask again. */
    record Pending(String appointmentId, String userId, String coverages, int attempts) {}

    private final JdbcTemplate jdbc;

    PayerChecks(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Records a check about to be asked; due for a retry only after {@code dueIn} (the ask in progress). */
    void record(String appointmentId, String userId, String coverages, Duration dueIn) {
        jdbc.update(
                "insert into mediwox.payer_check (appointment_id, user_id, coverages, due_at)"
                        + " values (?, ?, ?, now() + ? * interval '1 millisecond') on conflict do nothing",
                appointmentId,
                userId,
                coverages,
                dueIn.toMillis());
    }

    /** The payer answered: nothing left to do. */
    void answered(String appointmentId) {
        jdbc.update("delete from mediwox.payer_check where appointment_id = ?", appointmentId);
    }

    /** The payer did not answer: asked again after {@code retryIn}. */
    void failed(String appointmentId, String why, Duration retryIn) {
        jdbc.update(
                "update mediwox.payer_check set attempts = attempts + 1, last_error = ?,"
                        + " due_at = now() + ? * interval '1 millisecond' where appointment_id = ?",
                why.length() > 500 ? why.substring(0, 500) : why,
                retryIn.toMillis(),
                appointmentId);
    }

    /** Up to {@code limit} due checks, each pushed {@code lease} ahead so that no other node takes it meanwhile. */
    List<Pending> claimDue(int limit, Duration lease) {
        return jdbc.query(
                """
                update mediwox.payer_check set due_at = now() + ? * interval '1 millisecond'
                where appointment_id in (
                    select appointment_id from mediwox.payer_check where due_at <= now()
                    order by due_at limit ? for update skip locked)
                returning appointment_id, user_id, coverages, attempts
                """,
                (rs, row) -> new Pending(
                        rs.getString("appointment_id"),
                        rs.getString("user_id"),
                        rs.getString("coverages"),
                        rs.getInt("attempts")),
                lease.toMillis(),
                limit);
    }
}

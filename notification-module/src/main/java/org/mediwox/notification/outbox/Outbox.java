package org.mediwox.notification.outbox;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/**
 * The notification outbox ({@code mediwox.notification_outbox}). Messages are recorded in the caller's transaction
 * (the Appointment change's); delivery claims them with a lease so that each is handled by one node at a time, and a
 * lease that runs out (the node died mid-delivery) makes the message due again. Statuses, channels and events are
 * stored as the text values of {@link MessageStatus}, {@link MessageChannel} and {@link MessageEvent}; the statements
 * below name the statuses they move between literally, so each reads as the transition it is.
 */
public class Outbox {

    private static final RowMapper<OutboxMessage> ROW = Outbox::map;

    private final JdbcTemplate jdbc;

    public Outbox(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records a message unless one with its dedupe key exists.
     *
     * @return whether it was recorded
     */
    public boolean record(NewMessage m) {
        NewMessage.ForSubscription sub = m.subscription();
        return jdbc.update(
                        "insert into mediwox.notification_outbox (dedupe_key, appointment_id, patient_id, event, channel,"
                                + " recipient, language, subject, body, status, reason, due_at, next_attempt_at,"
                                + " subscription_id, headers, topic, payload_content, context_id)"
                                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                                + " on conflict (dedupe_key) do nothing",
                        m.dedupeKey(),
                        m.about().appointmentId(),
                        m.about().patientId(),
                        m.about().event().value(),
                        m.to().channel().value(),
                        m.to().address(),
                        m.to().language(),
                        m.content().subjectColumn(),
                        m.content().body(),
                        m.status().value(),
                        m.reason(),
                        Timestamp.from(m.dueAt()),
                        Timestamp.from(m.dueAt()),
                        sub == null ? null : sub.id(),
                        sub == null ? null : sub.headers(),
                        sub == null ? null : sub.topic(),
                        sub == null || sub.payloadContent() == null
                                ? null
                                : sub.payloadContent().code(),
                        sub == null ? null : sub.contextId())
                > 0;
    }

    /**
     * Withdraws what is still owed about the appointment — pending and dead-lettered messages (reminders, a
     * confirmation waiting for a retry) — because it was cancelled, moved or is no longer booked.
     */
    public int withdraw(String appointmentId, String reason) {
        return jdbc.update(
                "update mediwox.notification_outbox set status = 'withdrawn', reason = ?"
                        + " where appointment_id = ? and status in ('pending', 'dead') and subscription_id is null",
                reason,
                appointmentId);
    }

    /**
     * Claims up to {@code limit} messages — pending ones due by {@code dueBy} (a retry only once its backoff has run
     * out by {@code now}: a pass brought forward fires reminders early, never a retry within its own pass), and ones
     * whose delivery lease ran out by {@code now} (their node died) — marking them {@code sending} until {@code now +
     * lease} under the token {@code claim}. Concurrent callers skip rows being claimed; only the latest claim can
     * record an outcome.
     */
    public List<OutboxMessage> claimDue(Instant dueBy, Instant now, Duration lease, UUID claim, int limit) {
        return jdbc.query(
                "update mediwox.notification_outbox set status = 'sending', next_attempt_at = ?, claim_token = ?"
                        + " where id in (select id from mediwox.notification_outbox"
                        + " where (status = 'pending' and next_attempt_at <= ? and (attempts = 0 or next_attempt_at <= ?))"
                        + " or (status = 'sending' and next_attempt_at <= ?)"
                        + " order by next_attempt_at limit ? for update skip locked) returning *",
                ROW,
                Timestamp.from(now.plus(lease)),
                claim,
                Timestamp.from(dueBy),
                Timestamp.from(now),
                Timestamp.from(now),
                limit);
    }

    /** The provider accepted the message; only the claim that sent it may say so. */
    public boolean markSent(long id, UUID claim, String providerId, Instant now) {
        return jdbc.update(
                        "update mediwox.notification_outbox set status = 'sent', sent_at = ?, provider_id = ?,"
                                + " attempts = attempts + 1, reason = null, claim_token = null"
                                + " where id = ? and status = 'sending' and claim_token = ?",
                        Timestamp.from(now),
                        providerId,
                        id,
                        claim)
                > 0;
    }

    /**
     * Only logged (the {@code log} transport in production): done with, like a sent message, but not {@code sent} and
     * without a sent time, so that nobody reads the outbox as the patient having been told.
     */
    public boolean markLogged(long id, UUID claim, String providerId) {
        return jdbc.update(
                        "update mediwox.notification_outbox set status = 'logged', provider_id = ?,"
                                + " attempts = attempts + 1, claim_token = null,"
                                + " reason = 'transport log: recorded and logged, not sent to the patient'"
                                + " where id = ? and status = 'sending' and claim_token = ?",
                        providerId,
                        id,
                        claim)
                > 0;
    }

    /** A failed attempt: due again at {@code nextAttempt}. */
    public void markRetry(long id, UUID claim, String error, Instant nextAttempt) {
        jdbc.update(
                "update mediwox.notification_outbox set status = 'pending', attempts = attempts + 1, reason = ?,"
                        + " next_attempt_at = ?, claim_token = null where id = ? and status = 'sending'"
                        + " and claim_token = ?",
                error,
                Timestamp.from(nextAttempt),
                id,
                claim);
    }

    /** No more attempts: kept as {@code dead} for an operator to see and replay. */
    public void markDead(long id, UUID claim, String error) {
        jdbc.update(
                "update mediwox.notification_outbox set status = 'dead', attempts = attempts + 1, reason = ?,"
                        + " claim_token = null where id = ? and status = 'sending' and claim_token = ?",
                error,
                id,
                claim);
    }

    /**
     * The event number of a topic-based Subscription's notification: assigned on its first delivery from the
     * Subscription's counter, in one statement that also checks the claim (a stale claim consumes no number), and kept
     * for every retry.
     *
     * @return the number, or empty when the claim is no longer this one's
     */
    public Optional<Long> eventNumber(long id, UUID claim) {
        List<Long> assigned = jdbc.queryForList(
                "with target as (select id, subscription_id from mediwox.notification_outbox"
                        + " where id = ? and claim_token = ? and status = 'sending' and event_number is null"
                        + " for update),"
                        + " counter as (insert into mediwox.subscription_events (subscription_id, events_since_start)"
                        + " select subscription_id, 1 from target on conflict (subscription_id) do update"
                        + " set events_since_start = mediwox.subscription_events.events_since_start + 1"
                        + " returning events_since_start)"
                        + " update mediwox.notification_outbox o set event_number = counter.events_since_start"
                        + " from counter where o.id = ? returning o.event_number",
                Long.class,
                id,
                claim,
                id);
        if (!assigned.isEmpty()) {
            return Optional.of(assigned.get(0));
        }
        return jdbc
                .queryForList(
                        "select event_number from mediwox.notification_outbox where id = ? and claim_token = ?"
                                + " and event_number is not null",
                        Long.class,
                        id,
                        claim)
                .stream()
                .findFirst();
    }

    /**
     * How many events a topic-based Subscription has had: those numbered so far and those recorded but not yet sent.
     */
    public long eventsSinceStart(String subscriptionId) {
        // one statement, one snapshot: a row numbered meanwhile is counted once
        Long events = jdbc.queryForObject(
                "select coalesce((select events_since_start from mediwox.subscription_events"
                        + " where subscription_id = ?), 0)"
                        + " + (select count(*) from mediwox.notification_outbox where subscription_id = ?"
                        + " and topic is not null and event_number is null and event <> 'handshake'"
                        + " and status in ('pending', 'sending'))",
                Long.class,
                subscriptionId,
                subscriptionId);
        return events == null ? 0 : events;
    }

    /**
     * What is still owed to a Subscription that was turned off or deleted is withdrawn (a notification of a
     * Subscription no longer active is not sent).
     */
    public int withdrawSubscription(String subscriptionId, String reason) {
        return jdbc.update(
                "update mediwox.notification_outbox set status = 'withdrawn', reason = ?"
                        + " where subscription_id = ? and status = 'pending'",
                reason,
                subscriptionId);
    }

    /** Puts a dead-lettered message back in line. */
    public Optional<OutboxMessage> replay(long id, Instant now) {
        List<OutboxMessage> replayed = jdbc.query(
                "update mediwox.notification_outbox set status = 'pending', attempts = 0, reason = null,"
                        + " next_attempt_at = ? where id = ? and status = 'dead' returning *",
                ROW,
                Timestamp.from(now),
                id);
        return replayed.stream().findFirst();
    }

    /**
     * How the outbox stands for an operator, in one statement: messages owed — pending or being sent, due before
     * {@code owedBefore} — with the due time of the oldest of them, and dead-lettered messages. Served by the partial
     * index {@code notification_outbox_owed} (due time of pending and sending rows) and by
     * {@code notification_outbox_status} for the dead ones: the rows read are the owed and dead ones, never the
     * messages sent.
     */
    public Standing standing(Instant owedBefore) {
        return jdbc.queryForObject(
                "select owed.n as owed, owed.oldest as oldest_due, dead.n as dead from"
                        + " (select count(*) as n, min(due_at) as oldest from mediwox.notification_outbox"
                        + " where status in ('pending', 'sending') and due_at < ?) owed,"
                        + " (select count(*) as n from mediwox.notification_outbox where status = 'dead') dead",
                (rs, row) -> new Standing(rs.getLong("owed"), instant(rs, "oldest_due"), rs.getLong("dead")),
                Timestamp.from(owedBefore));
    }

    /**
     * @param owed messages pending or being sent whose due time has passed the cut-off
     * @param oldestDue the due time of the oldest of them; null when none is owed
     * @param dead dead-lettered messages, waiting for an operator to replay them
     */
    public record Standing(long owed, Instant oldestDue, long dead) {}

    public Optional<OutboxMessage> find(long id) {
        return jdbc.query("select * from mediwox.notification_outbox where id = ?", ROW, id).stream()
                .findFirst();
    }

    /** Newest first, optionally by status, patient and appointment. */
    public List<OutboxMessage> list(MessageStatus status, String patientId, String appointmentId, int limit) {
        StringBuilder sql = new StringBuilder("select * from mediwox.notification_outbox where true");
        List<Object> args = new ArrayList<>();
        if (status != null) {
            sql.append(" and status = ?");
            args.add(status.value());
        }
        if (patientId != null) {
            sql.append(" and patient_id = ?");
            args.add(patientId);
        }
        if (appointmentId != null) {
            sql.append(" and appointment_id = ?");
            args.add(appointmentId);
        }
        sql.append(" order by id desc limit ?");
        args.add(limit);
        return jdbc.query(sql.toString(), ROW, args.toArray());
    }

    private static OutboxMessage map(ResultSet rs, int row) throws SQLException {
        MessageChannel channel = MessageChannel.ofValue(rs.getString("channel"));
        return new OutboxMessage(
                rs.getLong("id"),
                rs.getString("dedupe_key"),
                rs.getString("appointment_id"),
                rs.getString("patient_id"),
                MessageEvent.ofValue(rs.getString("event")),
                channel,
                rs.getString("recipient"),
                rs.getString("language"),
                MessageContent.stored(channel, rs.getString("subject"), rs.getString("body")),
                MessageStatus.ofValue(rs.getString("status")),
                rs.getString("reason"),
                rs.getInt("attempts"),
                instant(rs, "due_at"),
                instant(rs, "next_attempt_at"),
                instant(rs, "created_at"),
                instant(rs, "sent_at"),
                rs.getString("provider_id"),
                rs.getString("subscription_id"),
                rs.getString("headers"),
                rs.getString("topic"),
                rs.getString("payload_content") == null ? null : PayloadContent.ofCode(rs.getString("payload_content")),
                rs.getObject("event_number", Long.class),
                rs.getString("context_id"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}

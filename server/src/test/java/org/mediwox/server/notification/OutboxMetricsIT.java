package org.mediwox.server.notification;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.jpa.util.CircularQueueCaptureQueriesListener;
import ca.uhn.fhir.jpa.util.SqlQuery;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.mediwox.notification.metrics.OutboxGauges;
import org.mediwox.server.support.ServerIT;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbox's gauges, read through the server's metrics registry as an exporting registry reads them: messages owed
 * and not sent (pending or being sent, due over a minute ago — a retry waiting for its backoff too), the age of the
 * oldest of them, and dead letters; one statement for the three, served by an index.
 *
 * <p>The messages are made in one REPEATABLE READ transaction that is rolled back: the running server's dispatcher
 * never sees them, and what other tests' messages do meanwhile cannot change the baseline the test compares with.
 */
class OutboxMetricsIT extends ServerIT {

    private static final Duration LONG_AGO = Duration.ofDays(400);

    @Autowired
    MeterRegistry registry;

    @Autowired
    DataSource dataSource;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Autowired
    CircularQueueCaptureQueriesListener recorder;

    @Test
    void gauges_countOwedAndDeadMessages_andHowLateTheOldestOwedOneIs() {
        TransactionTemplate transaction = new TransactionTemplate(transactionManager);
        transaction.executeWithoutResult(status -> {
            status.setRollbackOnly();
            JdbcTemplate jdbc = new JdbcTemplate(dataSource);
            // HAPI's JPA transaction manager takes no isolation level: set it as the transaction's first statement
            jdbc.execute("set transaction isolation level repeatable read");
            Readings before = freshReadings();
            Instant now = Instant.now();
            String run = UUID.randomUUID().toString();

            message(jdbc, run, "owed-long-ago", "pending", now.minus(LONG_AGO), now.minus(LONG_AGO), 0);
            // failed twice, waiting for its backoff: owed all the same
            message(jdbc, run, "owed-retry", "pending", now.minus(Duration.ofMinutes(10)), now.plusSeconds(600), 2);
            message(jdbc, run, "owed-sending", "sending", now.minus(Duration.ofMinutes(5)), now.plusSeconds(60), 0);
            message(jdbc, run, "within-grace", "pending", now.minusSeconds(30), now.minusSeconds(30), 0);
            message(jdbc, run, "tomorrow", "pending", now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(1)), 0);
            message(jdbc, run, "sent", "sent", now.minus(Duration.ofDays(2)), now.minus(Duration.ofDays(2)), 1);
            message(jdbc, run, "withdrawn", "withdrawn", now.minus(Duration.ofDays(3)), now, 0);
            message(jdbc, run, "dead-1", "dead", now.minus(Duration.ofHours(3)), now, 8);
            message(jdbc, run, "dead-2", "dead", now.minus(Duration.ofHours(4)), now, 1);
            Readings after = freshReadings();

            assertThat(after.backlog - before.backlog)
                    .as("owed: the long-overdue one, the one waiting for a retry, the one being sent")
                    .isEqualTo(3);
            assertThat(after.dead - before.dead).as("dead letters").isEqualTo(2);
            assertThat(after.oldestSeconds)
                    .as("seconds since the oldest owed message was due")
                    .isBetween((double) LONG_AGO.toSeconds(), (double)
                            LONG_AGO.plus(Duration.ofMinutes(2)).toSeconds());
        });
    }

    @Test
    void theThreeGauges_shareOneStatement_thatAnIndexServes() {
        TransactionTemplate transaction = new TransactionTemplate(transactionManager);
        transaction.executeWithoutResult(status -> {
            status.setRollbackOnly();
            pauseOutReuse();
            recorder.startCollecting();
            List<SqlQuery> statements;
            try {
                readings();
                readings();
                statements = recorder.getCapturedQueries().stream()
                        .filter(q ->
                                q.getThreadName().equals(Thread.currentThread().getName()))
                        .filter(q -> q.getSql(false, false).contains("notification_outbox"))
                        .toList();
            } finally {
                recorder.stopCollecting();
            }
            assertThat(statements).as("six gauge reads within a few seconds").hasSize(1);

            JdbcTemplate jdbc = new JdbcTemplate(dataSource);
            // the table of a test run is small, where a scan is cheapest: ask whether the index can serve the query
            jdbc.execute("set local enable_seqscan = off");
            String plan = String.join(
                    "\n",
                    jdbc.queryForList(
                            "explain " + statements.get(0).getSql(false, false),
                            String.class,
                            Timestamp.from(Instant.now().minus(OutboxGauges.GRACE))));
            assertThat(plan).as("the plan of the gauges' statement").contains("notification_outbox_owed");
        });
    }

    private Readings freshReadings() {
        pauseOutReuse();
        return readings();
    }

    private Readings readings() {
        return new Readings(
                registry.get(OutboxGauges.BACKLOG).gauge().value(),
                registry.get(OutboxGauges.OLDEST).gauge().value(),
                registry.get(OutboxGauges.DEAD).gauge().value());
    }

    /** A reading serves the gauges for a few seconds: wait until the next read counts again. */
    private static void pauseOutReuse() {
        try {
            Thread.sleep(OutboxGauges.REUSE.plusMillis(200).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void message(
            JdbcTemplate jdbc, String run, String name, String status, Instant due, Instant nextAttempt, int attempts) {
        jdbc.update(
                "insert into mediwox.notification_outbox (dedupe_key, appointment_id, patient_id, event, channel,"
                        + " recipient, language, body, status, attempts, due_at, next_attempt_at)"
                        + " values (?, ?, 'Patient/metrics', 'booked', 'email', 'metrics@example.org', 'en', 'body',"
                        + " ?, ?, ?, ?)",
                run + "/" + name,
                "metrics-" + run,
                status,
                attempts,
                Timestamp.from(due),
                Timestamp.from(nextAttempt));
    }

    private record Readings(double backlog, double oldestSeconds, double dead) {}
}

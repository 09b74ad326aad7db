package org.mediwox.server.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.mediwox.notification.outbox.MessageChannel;
import org.mediwox.notification.outbox.MessageContent;
import org.mediwox.notification.outbox.MessageEvent;
import org.mediwox.notification.outbox.MessageStatus;
import org.mediwox.notification.outbox.NewMessage;
import org.mediwox.notification.outbox.Outbox;
import org.mediwox.notification.outbox.OutboxMessage;
import org.mediwox.server.support.ServerIT;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two dispatchers (nodes) and one message, step by step on the real outbox table: a claim excludes the other node
 * while its lease runs; a node whose lease ran out (it stalled or died) cannot record an outcome over the claim that
 * took the message over; the message is sent once.
 *
 * <p>The steps run in one transaction that is rolled back: the running server's own dispatcher never sees the test's
 * uncommitted message (so only the nodes of this test compete for it), and the claims the nodes make on whatever else
 * is due (other tests' messages) are undone, so no other test loses a message to these nodes.
 */
class OutboxClaimsIT extends ServerIT {

    private static final Duration LEASE = Duration.ofMinutes(2);

    @Autowired
    Outbox outbox;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Test
    void aClaimExcludesOtherNodes_untilItsLeaseRunsOut_andAStaleClaimCannotRecordAnOutcome() {
        String appointment = "claims-" + UUID.randomUUID();

        inRolledBackTransaction(() -> claimsStepByStep(appointment));

        assertThat(outbox.list(null, null, appointment, 10))
                .as("the steps ran in the transaction that was rolled back")
                .isEmpty();
    }

    private void claimsStepByStep(String appointment) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        outbox.record(NewMessage.toPatient(
                appointment + "/booked/email",
                new NewMessage.About(appointment, "Patient/claims", MessageEvent.BOOKED),
                new NewMessage.Recipient(MessageChannel.EMAIL, "claims@example.org", "en"),
                new MessageContent.Text("subject", "body"),
                now,
                null));

        UUID nodeA = UUID.randomUUID();
        UUID nodeB = UUID.randomUUID();
        OutboxMessage claimedByA = only(outbox.claimDue(now, now, LEASE, nodeA, 1000), appointment);
        assertThat(claimedByA).isNotNull();
        assertThat(only(outbox.claimDue(now, now, LEASE, nodeB, 1000), appointment))
                .as("node B does not get a message node A holds")
                .isNull();

        Instant afterLease = now.plus(LEASE).plusSeconds(1);
        OutboxMessage takenOverByB = only(outbox.claimDue(afterLease, afterLease, LEASE, nodeB, 1000), appointment);
        assertThat(takenOverByB)
                .as("node A stalled past its lease: node B takes the message over")
                .isNotNull();

        assertThat(outbox.markSent(claimedByA.id(), nodeA, "ses-late-a", afterLease))
                .as("node A's stale claim cannot record an outcome")
                .isFalse();
        outbox.markRetry(claimedByA.id(), nodeA, "late failure", afterLease); // nor put it back in line
        assertThat(outbox.markSent(takenOverByB.id(), nodeB, "ses-b", afterLease))
                .isTrue();

        OutboxMessage stored = outbox.find(claimedByA.id()).orElseThrow();
        assertThat(stored.status()).isEqualTo(MessageStatus.SENT);
        assertThat(stored.providerId()).isEqualTo("ses-b");
        assertThat(stored.attempts()).isEqualTo(1);
        Instant muchLater = afterLease.plus(Duration.ofHours(1));
        assertThat(only(outbox.claimDue(muchLater, muchLater, LEASE, UUID.randomUUID(), 1000), appointment))
                .as("a sent message is never claimed again")
                .isNull();
    }

    /**
     * A pass brought forward ({@code dueBy} later than now, as a test fires tomorrow's reminders) takes a first
     * attempt early but a retry only after its backoff: seen in CI, where such a pass over a long backlog claimed a
     * message that had failed earlier in the same pass again at once, spending its retry budget in milliseconds.
     */
    @Test
    void aPassBroughtForward_takesAFirstAttemptEarly_butARetryOnlyAfterItsBackoff() {
        String appointment = "retry-" + UUID.randomUUID();
        inRolledBackTransaction(() -> {
            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            Instant tomorrow = now.plus(Duration.ofDays(1));
            outbox.record(NewMessage.toPatient(
                    appointment + "/sms/P1D",
                    new NewMessage.About(appointment, "Patient/retry", MessageEvent.REMINDER),
                    new NewMessage.Recipient(MessageChannel.SMS, "+14155550100", "en"),
                    new MessageContent.Text(null, "body"),
                    tomorrow.minus(Duration.ofHours(1)),
                    null));
            UUID pass = UUID.randomUUID();
            OutboxMessage first = only(outbox.claimDue(tomorrow, now, LEASE, pass, 1000), appointment);
            assertThat(first).as("a reminder due before tomorrow, fired early").isNotNull();

            Instant backoffEnds = now.plusSeconds(30);
            outbox.markRetry(first.id(), pass, "SNS answered 500", backoffEnds);

            assertThat(only(outbox.claimDue(tomorrow, now, LEASE, pass, 1000), appointment))
                    .as("the same pass does not retry before the backoff ends")
                    .isNull();
            assertThat(only(outbox.claimDue(tomorrow, backoffEnds, LEASE, UUID.randomUUID(), 1000), appointment))
                    .as("retried once the backoff has run out")
                    .isNotNull();
        });
    }

    @Test
    void recordingTheSameMessageTwice_keepsOne() {
        String appointment = "dedupe-" + UUID.randomUUID();
        NewMessage message = NewMessage.toPatient(
                appointment + "/booked/email",
                new NewMessage.About(appointment, "Patient/dedupe", MessageEvent.BOOKED),
                new NewMessage.Recipient(MessageChannel.EMAIL, "dedupe@example.org", "en"),
                new MessageContent.Text("subject", "body"),
                Instant.now().plus(Duration.ofDays(30)),
                null);

        assertThat(outbox.record(message)).isTrue();
        assertThat(outbox.record(message)).isFalse();
        assertThat(outbox.list(null, null, appointment, 10)).hasSize(1);
    }

    private void inRolledBackTransaction(Runnable steps) {
        new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
            status.setRollbackOnly();
            steps.run();
        });
    }

    private static OutboxMessage only(List<OutboxMessage> claimed, String appointment) {
        List<OutboxMessage> mine = claimed.stream()
                .filter(m -> m.appointmentId().equals(appointment))
                .toList();
        assertThat(mine).hasSizeLessThanOrEqualTo(1);
        return mine.isEmpty() ? null : mine.get(0);
    }
}

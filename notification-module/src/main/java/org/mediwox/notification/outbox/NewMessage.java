package org.mediwox.notification.outbox;

import java.time.Instant;

/**
 * A message to record: {@code status} is {@code pending}, or {@code skipped} with the {@code reason} (no address,
 * opted out, invalid number) so that what was not sent is visible too. {@code subscriptionId} and {@code headers} are set
 * for a Subscription's notification (null for the server's own messages to patients); {@code topic},
 * {@code payloadContent} and {@code contextId} (the Appointment a rescheduled one replaced) for a topic-based
 * Subscription's.
 */
public record NewMessage(
        String dedupeKey,
        String appointmentId,
        String patientId,
        String event,
        String channel,
        String recipient,
        String language,
        String subject,
        String body,
        String status,
        String reason,
        Instant dueAt,
        String subscriptionId,
        String headers,
        String topic,
        String payloadContent,
        String contextId) {

    public NewMessage(
            String dedupeKey,
            String appointmentId,
            String patientId,
            String event,
            String channel,
            String recipient,
            String language,
            String subject,
            String body,
            String status,
            String reason,
            Instant dueAt,
            String subscriptionId,
            String headers) {
        this(
                dedupeKey,
                appointmentId,
                patientId,
                event,
                channel,
                recipient,
                language,
                subject,
                body,
                status,
                reason,
                dueAt,
                subscriptionId,
                headers,
                null,
                null,
                null);
    }
}

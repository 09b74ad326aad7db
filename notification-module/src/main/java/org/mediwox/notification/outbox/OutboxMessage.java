package org.mediwox.notification.outbox;

import java.time.Instant;

/**
 * A row of the outbox, typed as {@link NewMessage} records it.
 *
 * @param content the text (email, SMS) or the payload with its content type (rest-hook), as the channel says
 * @param subscriptionId null for the server's own messages to patients
 * @param topic null unless a topic-based Subscription's
 * @param eventNumber assigned on the first delivery of a topic-based notification
 */
public record OutboxMessage(
        long id,
        String dedupeKey,
        String appointmentId,
        String patientId,
        MessageEvent event,
        MessageChannel channel,
        String recipient,
        String language,
        MessageContent content,
        MessageStatus status,
        String reason,
        int attempts,
        Instant dueAt,
        Instant nextAttemptAt,
        Instant createdAt,
        Instant sentAt,
        String providerId,
        String subscriptionId,
        String headers,
        String topic,
        PayloadContent payloadContent,
        Long eventNumber,
        String contextId) {

    /** The body: email or SMS text, or the rest-hook payload. */
    public String body() {
        return content.body();
    }
}

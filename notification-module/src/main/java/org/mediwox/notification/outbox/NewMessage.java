package org.mediwox.notification.outbox;

import java.time.Instant;

/**
 * A message to record: {@code status} is {@code pending}, or {@code skipped} with the {@code reason} (no address,
 * opted out, invalid number) so that what was not sent is visible too. {@code subscription} is set for a
 * Subscription's notification, null for the server's own messages to patients.
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
        ForSubscription subscription) {

    /**
     * Whose notification it is: the Subscription's id and channel headers (one per line); for a topic-based one its
     * {@code topic}, {@code payloadContent} and {@code contextId} (the Appointment a rescheduled one replaced).
     */
    public record ForSubscription(String id, String headers, String topic, String payloadContent, String contextId) {}
}

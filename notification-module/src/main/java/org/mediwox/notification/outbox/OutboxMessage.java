package org.mediwox.notification.outbox;

import java.time.Instant;

/** A row of the outbox. */
public record OutboxMessage(
        long id,
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
        int attempts,
        Instant dueAt,
        Instant nextAttemptAt,
        Instant createdAt,
        Instant sentAt,
        String providerId,
        String subscriptionId,
        String headers,
        String topic,
        String payloadContent,
        Long eventNumber,
        String contextId) {}

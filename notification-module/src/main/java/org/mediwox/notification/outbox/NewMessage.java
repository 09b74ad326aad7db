package org.mediwox.notification.outbox;

import java.time.Instant;
import java.util.Objects;

/**
 * A message to record, built by {@link #toPatient} (the server's own messages to patients) or {@link #toSubscriber} (a
 * Subscription's notification). It is recorded {@link MessageStatus#PENDING}, or {@link MessageStatus#SKIPPED} with
 * the {@code reason} (no address, opted out, invalid number) so that what was not sent is visible too.
 *
 * @param about the appointment, patient and event the message is about
 * @param to the channel, the address on it and the language of the text
 * @param content the text (email, SMS) or the payload (rest-hook)
 * @param dueAt when it is to go out
 * @param subscription whose notification it is; {@code null} for the server's own messages to patients
 */
public record NewMessage(
        String dedupeKey,
        About about,
        Recipient to,
        MessageContent content,
        MessageStatus status,
        String reason,
        Instant dueAt,
        ForSubscription subscription) {

    /** @param patientId {@code Patient/123}, or {@code -} when there is none (a handshake) */
    public record About(String appointmentId, String patientId, MessageEvent event) {}

    /** @param address an email address, an E.164 number or a rest-hook URL; {@code null} when there is none (skipped) */
    public record Recipient(MessageChannel channel, String address, String language) {}

    /**
     * Whose notification it is: the Subscription's id and channel headers (one per line); for a topic-based one its
     * {@code topic}, {@code payloadContent} and {@code contextId} (the Appointment a rescheduled one replaced).
     */
    public record ForSubscription(
            String id, String headers, String topic, PayloadContent payloadContent, String contextId) {}

    public NewMessage {
        Objects.requireNonNull(dedupeKey, "dedupeKey");
        Objects.requireNonNull(about, "about");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(dueAt, "dueAt");
        if (status != MessageStatus.PENDING && status != MessageStatus.SKIPPED) {
            throw new IllegalArgumentException("A new message is pending or skipped, not " + status);
        }
        if ((status == MessageStatus.SKIPPED) != (reason != null)) {
            throw new IllegalArgumentException("A skipped message, and only a skipped one, has a reason");
        }
        if ((to.channel() == MessageChannel.REST_HOOK) != (content instanceof MessageContent.Payload)) {
            throw new IllegalArgumentException("A rest-hook carries a payload; email and SMS a text");
        }
        if (to.channel() == MessageChannel.REST_HOOK && subscription == null) {
            throw new IllegalArgumentException("A rest-hook message belongs to a Subscription");
        }
    }

    /**
     * One of the server's own messages to a patient: pending, or skipped when {@code skipReason} says why it cannot be
     * sent.
     */
    public static NewMessage toPatient(
            String dedupeKey, About about, Recipient to, MessageContent.Text text, Instant dueAt, String skipReason) {
        return new NewMessage(
                dedupeKey,
                about,
                to,
                text,
                skipReason == null ? MessageStatus.PENDING : MessageStatus.SKIPPED,
                skipReason,
                dueAt,
                null);
    }

    /** A Subscription's notification, pending. */
    public static NewMessage toSubscriber(
            String dedupeKey,
            About about,
            Recipient to,
            MessageContent content,
            Instant dueAt,
            ForSubscription subscription) {
        return new NewMessage(
                dedupeKey,
                about,
                to,
                content,
                MessageStatus.PENDING,
                null,
                dueAt,
                Objects.requireNonNull(subscription, "subscription"));
    }
}

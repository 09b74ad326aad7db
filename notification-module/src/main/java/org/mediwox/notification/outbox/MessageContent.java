package org.mediwox.notification.outbox;

/**
 * What a message carries: a {@link Text} for email and SMS, a {@link Payload} for a rest-hook. The outbox keeps the
 * text's subject and the payload's content type in the same {@code subject} column (a rest-hook has no subject, and the
 * column has always held its content type there): the channel of the row says which it is.
 */
public sealed interface MessageContent permits MessageContent.Text, MessageContent.Payload {

    /** The body: the email or SMS text, or the rest-hook's payload ({@code ""} for none). */
    String body();

    /**
     * An email's or SMS's text.
     *
     * @param subject the email subject; {@code null} for a patient's SMS (a Subscription's SMS keeps its line here too)
     */
    record Text(String subject, String body) implements MessageContent {}

    /**
     * A rest-hook's POST body.
     *
     * @param contentType the body's media type; {@code null} when the Subscription names none (classic, no payload)
     * @param body the payload; for a topic-based Subscription the Appointment (full-resource) or {@code ""}, the
     *     notification Bundle being built when it is sent
     */
    record Payload(String contentType, String body) implements MessageContent {}

    /** What the {@code subject} column holds for this content. */
    default String subjectColumn() {
        return this instanceof Text text ? text.subject() : ((Payload) this).contentType();
    }

    /** The content of a stored row, told apart by its channel. */
    static MessageContent stored(MessageChannel channel, String subjectColumn, String body) {
        return channel == MessageChannel.REST_HOOK ? new Payload(subjectColumn, body) : new Text(subjectColumn, body);
    }
}

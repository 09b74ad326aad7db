package org.mediwox.notification.delivery;

import org.mediwox.notification.outbox.Outbox;

/** Sends one email; returns the provider's message id. Throws on failure ({@link PermanentFailure}: do not retry). */
public interface EmailSender {
    String send(String to, String subject, String body, String dedupeKey);

    /**
     * The outbox status of a message this sender accepted: {@code sent} when it went to a provider; a sender that only
     * records messages says so with another status.
     */
    default String acceptedStatus() {
        return Outbox.SENT;
    }
}

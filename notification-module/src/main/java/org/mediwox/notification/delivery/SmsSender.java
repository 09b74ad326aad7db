package org.mediwox.notification.delivery;

import org.mediwox.notification.outbox.MessageStatus;

/**
 * Sends one SMS to an E.164 number; returns the provider's message id. Throws on failure ({@link PermanentFailure}:
 * do not retry).
 */
public interface SmsSender {
    String send(String phoneNumber, String body, String dedupeKey);

    /**
     * The outbox status of a message this sender accepted: {@link MessageStatus#SENT} when it went to a provider; a sender that only
     * records messages says so with another status.
     */
    default MessageStatus acceptedStatus() {
        return MessageStatus.SENT;
    }
}

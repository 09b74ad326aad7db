package org.mediwox.notification.delivery;

/**
 * Sends one SMS to an E.164 number; returns the provider's message id. Throws on failure ({@link PermanentFailure}:
 * do not retry).
 */
public interface SmsSender {
    String send(String phoneNumber, String body, String dedupeKey);
}

package org.mediwox.notification.delivery;

/** Sends one email; returns the provider's message id. Throws on failure ({@link PermanentFailure}: do not retry). */
public interface EmailSender {
    String send(String to, String subject, String body, String dedupeKey);
}

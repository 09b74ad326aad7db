package org.mediwox.plugin.account;

/**
 * Sends an {@link AccountMail}. The notification module provides one (its outbox and e-mail channel); without it the
 * server only logs that a message could not be sent.
 */
@FunctionalInterface
public interface AccountMailer {

    /** Records the message for delivery; returns once it is recorded (not necessarily sent). */
    void send(AccountMail mail);
}

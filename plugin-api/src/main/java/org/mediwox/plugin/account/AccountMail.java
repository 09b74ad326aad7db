package org.mediwox.plugin.account;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/**
 * An e-mail the server's built-in authorization server owes a patient about their account: a link to confirm the
 * address or to choose a new password. The link is a credential (single use, short-lived): whoever sends the message
 * must not show it anywhere else.
 *
 * @param kind what the link does
 * @param address the e-mail address to write to
 * @param locale the language of the text (the sign-in pages': English or Spanish)
 * @param link the absolute link to open
 * @param patient the account's {@code Patient/[id]}
 */
public record AccountMail(Kind kind, String address, Locale locale, URI link, String patient) {

    /** What the link in the message does. */
    public enum Kind {
        /** Confirms the address of a new account ({@code /register/verify?token=…}). */
        VERIFY_EMAIL,
        /** Opens the page to choose a new password ({@code /reset-password?token=…}). */
        RESET_PASSWORD
    }

    public AccountMail {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(locale, "locale");
        Objects.requireNonNull(link, "link");
        Objects.requireNonNull(patient, "patient");
    }

    @Override
    public String toString() {
        return "AccountMail[" + kind + ", " + patient + "]"; // never the link
    }
}

package org.mediwox.server.security.accounts;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The password rule of patient accounts, after NIST SP 800-63B: at least 12 characters (code points), at most 128,
 * every character allowed (spaces, any script), no composition rules, and not one of the most common passwords nor the
 * account's own e-mail address. No breached-password service is asked (none is reachable from every deployment).
 */
final class Passwords {

    static final int MIN = 12;
    static final int MAX = 128;

    /** Very common passwords of 12 characters or more (lists of leaked passwords), compared without case. */
    private static final Set<String> COMMON = Set.of(
            "123456789012",
            "1234567890123",
            "12345678901234",
            "123456789123",
            "111111111111",
            "000000000000",
            "qwertyuiopasdfgh",
            "qwertyuiop123",
            "qwerty123456",
            "password1234",
            "password12345",
            "password123456",
            "passwordpassword",
            "iloveyou1234",
            "1q2w3e4r5t6y",
            "1qaz2wsx3edc",
            "abcdefghijkl",
            "abc123456789",
            "letmein12345",
            "welcome12345",
            "contraseña123",
            "contrasena123",
            "mediwox12345",
            "mediwoxmediwox");

    private Passwords() {}

    /** The text key of what is wrong with the password, or empty when it is good. */
    static Optional<String> problem(String password, String email) {
        if (password == null) {
            return Optional.of("register.error.password");
        }
        int length = password.codePointCount(0, password.length());
        if (length < MIN) {
            return Optional.of("register.error.password");
        }
        if (length > MAX) {
            return Optional.of("register.error.passwordLong");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (COMMON.contains(lower)
                || (email != null && lower.equals(email.trim().toLowerCase(Locale.ROOT)))
                || lower.codePoints().distinct().count() < 3) {
            return Optional.of("register.error.passwordCommon");
        }
        return Optional.empty();
    }
}

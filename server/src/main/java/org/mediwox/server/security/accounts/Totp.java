package org.mediwox.server.security.accounts;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.OptionalLong;
import javax.crypto.spec.SecretKeySpec;
import org.apache.commons.codec.binary.Base32;

/**
 * Time-based one-time passwords (RFC 6238) as authenticator apps make them: HMAC-SHA1, 6 digits, 30-second steps, a
 * 160-bit secret shown in Base32 (codes from {@code com.eatthepath:java-otp}). A code is accepted one step either side
 * of now (clocks of phones drift); which step matched is returned so that the caller accepts each step once.
 */
final class Totp {

    static final Duration STEP = Duration.ofSeconds(30);
    static final int DIGITS = 6;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Totp() {}

    /** A new secret, Base32 without padding. */
    static String newSecret() {
        byte[] secret = new byte[20];
        RANDOM.nextBytes(secret);
        return new Base32().encodeToString(secret).replace("=", "");
    }

    /** The secret grouped by four for reading and typing: {@code ABCD EFGH …}. */
    static String readable(String secret) {
        return secret.replaceAll("(.{4})(?!$)", "$1 ");
    }

    /** The secret as a screen reader should read it: one character at a time, groups of four apart. */
    static String spoken(String secret) {
        return String.join(", ", readable(secret).split(" ")).replaceAll("(?<=[A-Z2-7])(?=[A-Z2-7])", " ");
    }

    /** The {@code otpauth://} URI authenticator apps add an account from (Key Uri Format). */
    static String uri(String secret, String account) {
        String label =
                URLEncoder.encode("Mediwox:" + account, StandardCharsets.UTF_8).replace("+", "%20");
        return "otpauth://totp/" + label + "?secret=" + secret + "&issuer=Mediwox&algorithm=SHA1&digits=" + DIGITS
                + "&period=" + STEP.toSeconds();
    }

    /** The code of a secret at a time, as the app shows it (zero-padded). */
    static String code(byte[] key, String algorithm, int digits, Instant at) {
        try {
            return new TimeBasedOneTimePasswordGenerator(STEP, digits, algorithm)
                    .generateOneTimePasswordString(new SecretKeySpec(key, algorithm), at, Locale.ROOT);
        } catch (InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The time step a typed code matches (now, or one step either side), if it matches one. */
    static OptionalLong matchingStep(String secret, String typed, Instant now) {
        if (typed == null) {
            return OptionalLong.empty();
        }
        String code = typed.replaceAll("[\\s-]", "");
        if (!code.matches("\\d{" + DIGITS + "}")) {
            return OptionalLong.empty();
        }
        byte[] key = new Base32().decode(secret);
        long current = now.getEpochSecond() / STEP.toSeconds();
        for (long step = current - 1; step <= current + 1; step++) {
            Instant at = Instant.ofEpochSecond(step * STEP.toSeconds());
            String expected = code(key, TimeBasedOneTimePasswordGenerator.TOTP_ALGORITHM_HMAC_SHA1, DIGITS, at);
            if (java.security.MessageDigest.isEqual(
                    expected.getBytes(StandardCharsets.US_ASCII), code.getBytes(StandardCharsets.US_ASCII))) {
                return OptionalLong.of(step);
            }
        }
        return OptionalLong.empty();
    }
}

package org.mediwox.server.security.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.commons.codec.binary.Base32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** TOTP against the test vectors of RFC 6238, Appendix B, and the acceptance window. */
class TotpTest {

    private static final byte[] SHA1_KEY = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SHA256_KEY = "12345678901234567890123456789012".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SHA512_KEY =
            "1234567890123456789012345678901234567890123456789012345678901234".getBytes(StandardCharsets.US_ASCII);

    @ParameterizedTest
    @CsvSource({
        "59, 94287082, 46119246, 90693936",
        "1111111109, 07081804, 68084774, 25091201",
        "1111111111, 14050471, 67062674, 99943326",
        "1234567890, 89005924, 91819424, 93441116",
        "2000000000, 69279037, 90698825, 38618901",
        "20000000000, 65353130, 77737706, 47863826"
    })
    void code_matchesRfc6238AppendixB(long time, String sha1, String sha256, String sha512) {
        Instant at = Instant.ofEpochSecond(time);

        assertThat(Totp.code(SHA1_KEY, "HmacSHA1", 8, at)).isEqualTo(sha1);
        assertThat(Totp.code(SHA256_KEY, "HmacSHA256", 8, at)).isEqualTo(sha256);
        assertThat(Totp.code(SHA512_KEY, "HmacSHA512", 8, at)).isEqualTo(sha512);
    }

    @Test
    void matchingStep_acceptsOneStepEitherSide_andNothingElse() {
        String secret = new Base32().encodeToString(SHA1_KEY).replace("=", "");
        Instant now = Instant.ofEpochSecond(1111111111);
        long step = 1111111111 / 30;
        // the RFC's 8-digit code ends in the 6-digit one
        String current = Totp.code(SHA1_KEY, "HmacSHA1", 6, now);

        assertThat(current).isEqualTo("050471");
        assertThat(Totp.matchingStep(secret, "050 471", now)).hasValue(step);
        assertThat(Totp.matchingStep(secret, current, now.plusSeconds(30))).hasValue(step);
        assertThat(Totp.matchingStep(secret, current, now.minusSeconds(30))).hasValue(step);
        assertThat(Totp.matchingStep(secret, current, now.plusSeconds(90))).isEmpty();
        assertThat(Totp.matchingStep(secret, "12345", now)).isEmpty();
        assertThat(Totp.matchingStep(secret, "abcdef", now)).isEmpty();
    }

    @Test
    void uri_isTheKeyUriFormat() {
        assertThat(Totp.uri("JBSWY3DPEHPK3PXP", "ana.garcia@example.org"))
                .isEqualTo("otpauth://totp/Mediwox%3Aana.garcia%40example.org?secret=JBSWY3DPEHPK3PXP&issuer=Mediwox"
                        + "&algorithm=SHA1&digits=6&period=30");
        assertThat(Totp.newSecret()).matches("[A-Z2-7]{32}");
    }
}

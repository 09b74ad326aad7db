package org.mediwox.server.security.authserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which keys sign and which stay published as keys rotate. */
class KeyRingTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final Duration RETENTION = Duration.ofMinutes(62);

    private static final RSAKey NEWEST = key("newest");
    private static final RSAKey PREVIOUS = key("previous");
    private static final RSAKey OLDEST = key("oldest");

    @Test
    void theNewestKeySigns_andIsPublished() {
        KeyRing ring = KeyRing.of(List.of(new KeyRing.Stored(NEWEST, NOW.minus(Duration.ofDays(1)))), NOW, RETENTION);

        assertThat(ring.signing().getKeyID()).isEqualTo("newest");
        assertThat(kids(ring)).containsExactly("newest");
    }

    @Test
    void aReplacedKey_staysPublishedForTheRetentionAfterItsSuccessorWasMade() {
        List<KeyRing.Stored> keys = List.of(
                new KeyRing.Stored(NEWEST, NOW.minus(Duration.ofMinutes(61))),
                new KeyRing.Stored(PREVIOUS, NOW.minus(Duration.ofDays(90))),
                new KeyRing.Stored(OLDEST, NOW.minus(Duration.ofDays(180))));

        KeyRing ring = KeyRing.of(keys, NOW, RETENTION);

        assertThat(ring.signing().getKeyID()).isEqualTo("newest");
        assertThat(kids(ring)).containsExactly("newest", "previous");
    }

    @Test
    void onceTheRetentionHasPassed_theReplacedKeyIsNoLongerPublished() {
        List<KeyRing.Stored> keys = List.of(
                new KeyRing.Stored(NEWEST, NOW.minus(RETENTION)),
                new KeyRing.Stored(PREVIOUS, NOW.minus(Duration.ofDays(90))));

        assertThat(kids(KeyRing.of(keys, NOW, RETENTION))).containsExactly("newest");
    }

    private static List<String> kids(KeyRing ring) {
        return ring.published().getKeys().stream().map(JWK::getKeyID).toList();
    }

    private static RSAKey key(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}

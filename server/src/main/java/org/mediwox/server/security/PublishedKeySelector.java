package org.mediwox.server.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import java.security.Key;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The built-in server's published keys for the FHIR API's token check, converted once per key id: converting a JWK on
 * every request decoded its Base64 numbers each time (a sixth of the CPU of a read). A token naming a key id not in
 * the map asks the key source for it (which reads the database again, rate-limited: a key another node just made), and
 * the whole map follows the source every {@link #REFRESH} so that keys no longer published stop being accepted. Tokens
 * without a key id or signed otherwise than RS256 are refused.
 */
final class PublishedKeySelector implements JWSKeySelector<SecurityContext> {

    static final Duration REFRESH = Duration.ofSeconds(30);
    private static final JWKSelector ALL = new JWKSelector(new JWKMatcher.Builder().build());

    private final JWKSource<SecurityContext> source;
    private volatile Map<String, RSAPublicKey> byKeyId = Map.of();
    private volatile long refreshedAtNanos;

    PublishedKeySelector(JWKSource<SecurityContext> source) {
        this.source = source;
        refresh(true);
    }

    @Override
    public List<? extends Key> selectJWSKeys(JWSHeader header, SecurityContext context) {
        String kid = header.getKeyID();
        if (!JWSAlgorithm.RS256.equals(header.getAlgorithm()) || kid == null) {
            return List.of();
        }
        if (System.nanoTime() - refreshedAtNanos > REFRESH.toNanos()) {
            refresh(false);
        }
        RSAPublicKey key = byKeyId.get(kid);
        if (key == null
                && !get(new JWKSelector(new JWKMatcher.Builder().keyID(kid).build()))
                        .isEmpty()) {
            refresh(true);
            key = byKeyId.get(kid);
        }
        return key == null ? List.of() : List.of(key);
    }

    /** Follows the source's published keys, converting only keys not converted before. */
    private synchronized void refresh(boolean force) {
        if (!force && System.nanoTime() - refreshedAtNanos <= REFRESH.toNanos()) {
            return; // another thread just did
        }
        Map<String, RSAPublicKey> previous = byKeyId;
        Map<String, RSAPublicKey> next = new HashMap<>();
        for (JWK jwk : get(ALL)) {
            if (jwk instanceof RSAKey rsa && rsa.getKeyID() != null) {
                next.computeIfAbsent(
                        rsa.getKeyID(), kid -> previous.containsKey(kid) ? previous.get(kid) : convert(rsa));
            }
        }
        byKeyId = Map.copyOf(next);
        refreshedAtNanos = System.nanoTime();
    }

    private List<JWK> get(JWKSelector selector) {
        try {
            return source.get(selector, null);
        } catch (com.nimbusds.jose.KeySourceException e) {
            throw new IllegalStateException("The token signing keys cannot be read", e);
        }
    }

    private static RSAPublicKey convert(RSAKey key) {
        try {
            return key.toRSAPublicKey();
        } catch (JOSEException e) {
            throw new IllegalStateException("The token signing key " + key.getKeyID() + " cannot be read", e);
        }
    }
}

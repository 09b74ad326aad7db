package org.mediwox.server.security.authserver;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The signing keys as one node sees them at one moment: the newest key signs; a key replaced by a newer one stays
 * published (in the JWKS, and accepted by the FHIR API) until every token it may have signed has expired — the
 * retention after its successor was made — and is then left out.
 *
 * @param signing the key that signs new tokens
 * @param published the keys tokens may be signed with, newest first
 */
record KeyRing(RSAKey signing, JWKSet published) {

    /**
     * One stored key.
     *
     * @param created when it was made (the database's time)
     */
    record Stored(RSAKey key, Instant created) {}

    /**
     * @param newestFirst every stored key, newest first (at least one)
     * @param now the database's time
     * @param retention how long a key stays published after a newer one was made
     */
    static KeyRing of(List<Stored> newestFirst, Instant now, Duration retention) {
        List<JWK> published = new ArrayList<>();
        published.add(newestFirst.get(0).key());
        for (int i = 1; i < newestFirst.size(); i++) {
            Instant replaced = newestFirst.get(i - 1).created();
            if (replaced.plus(retention).isAfter(now)) {
                published.add(newestFirst.get(i).key());
            }
        }
        return new KeyRing(newestFirst.get(0).key(), new JWKSet(published));
    }
}

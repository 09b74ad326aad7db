package org.mediwox.server.security.authserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.mediwox.server.support.ServerIT;
import org.mediwox.server.support.Tokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Signing keys rotate without a restart and without breaking tokens in flight: a key another node made (a row in
 * {@code mediwox.oauth_signing_key}) is accepted as soon as a token names it and signs this node's next tokens, the key
 * it replaced stays published and its tokens valid, a key replaced longer ago than the tokens live, or one never
 * stored, is refused; and when the newest key is older than the rotation period, nodes that notice it together make
 * exactly one new key.
 */
class SigningKeyRotationIT extends ServerIT {

    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void aKeyAnotherNodeMade_isAcceptedAndSigns_andTheKeyItReplaced_staysPublishedWithItsTokens() {
        String before = Tokens.demoClient(serverRoot(), "system/Slot.rs");
        String previousKid = kid(before);
        RSAKey made = store(newKey(), "now()");

        awaitStatus(sign(made), 200);

        assertThat(publishedKids()).contains(made.getKeyID(), previousKid);
        assertThat(status(before)).as("a token of the replaced key").isEqualTo(200);
        String after = Tokens.demoClient(serverRoot(), "system/Slot.rs");
        assertThat(kid(after)).isEqualTo(made.getKeyID());
        assertThat(status(after)).isEqualTo(200);
    }

    @Test
    void aKeyReplacedLongerAgoThanTokensLive_orNeverStored_isRefused() {
        RSAKey retired = store(newKey(), "now() - interval '400 days'");
        store(newKey(), "now() - interval '300 days'"); // replaced the retired key 300 days ago
        RSAKey neverStored = newKey();

        sleep(SigningKeys.UNKNOWN_KID_REREAD.toMillis() + 100); // the refusal is not just the re-read's rate limit
        assertThat(status(sign(retired))).isEqualTo(401);
        assertThat(status(sign(neverStored))).isEqualTo(401);
        assertThat(publishedKids()).doesNotContain(retired.getKeyID(), neverStored.getKeyID());
        awaitStatus(sign(newestStoredKey()), 200); // control: a published key is accepted
    }

    @Test
    void nodesNoticingTogetherThatTheNewestKeyIsTooOld_makeExactlyOneNewKey() throws InterruptedException {
        Duration rotation = Duration.ofSeconds(3);
        awaitNewestOlderThan(rotation);
        int before = count();
        int nodes = 4;
        CountDownLatch start = new CountDownLatch(1);
        Set<String> signingKids = ConcurrentHashMap.newKeySet();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            Thread node = new Thread(() -> {
                try {
                    start.await();
                    SigningKeys keys = new SigningKeys(jdbc, rotation, Duration.ofMinutes(60));
                    signingKids.add(keys.signing()
                            .get(new JWKSelector(new JWKMatcher.Builder().build()), (SecurityContext) null)
                            .get(0)
                            .getKeyID());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            node.start();
            threads.add(node);
        }
        start.countDown();
        for (Thread node : threads) {
            node.join(30_000);
        }

        assertThat(count()).isEqualTo(before + 1);
        assertThat(signingKids).hasSize(1).containsExactly(newestStoredKey().getKeyID());
        // the running server learns the new key from the first token naming it (later tests sign with it)
        awaitStatus(sign(newestStoredKey()), 200);
        assertThat(publishedKids()).contains(newestStoredKey().getKeyID());
    }

    private RSAKey store(RSAKey key, String created) {
        jdbc.update(
                "insert into mediwox.oauth_signing_key (kid, jwk, created) values (?, ?, " + created + ")",
                key.getKeyID(),
                key.toJSONString());
        return key;
    }

    private RSAKey newestStoredKey() {
        try {
            return RSAKey.parse(jdbc.queryForObject(
                    "select jwk from mediwox.oauth_signing_key order by created desc, kid desc limit 1", String.class));
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    private int count() {
        return jdbc.queryForObject("select count(*) from mediwox.oauth_signing_key", Integer.class);
    }

    private void awaitNewestOlderThan(Duration age) {
        Double seconds = jdbc.queryForObject(
                "select extract(epoch from now() - max(created)) from mediwox.oauth_signing_key", Double.class);
        long wait = age.toMillis() - (long) (seconds * 1000) + 200;
        if (wait > 0) {
            sleep(wait);
        }
    }

    private List<String> publishedKids() {
        JsonNode jwks = Tokens.json(send(anonymousRequest("/oauth2/jwks")).body());
        List<String> kids = new ArrayList<>();
        jwks.get("keys").forEach(k -> {
            assertThat(k.has("d")).as("no private part published").isFalse();
            kids.add(k.get("kid").asText());
        });
        return kids;
    }

    /** Retries for a few seconds: a node re-reads the keys for an unknown key id at most once per second. */
    private void awaitStatus(String token, int expected) {
        Instant deadline = Instant.now().plusSeconds(5);
        int status = status(token);
        while (status != expected && Instant.now().isBefore(deadline)) {
            sleep(200);
            status = status(token);
        }
        assertThat(status).isEqualTo(expected);
    }

    private int status(String token) {
        return send(anonymousRequest("/fhir/Slot?_count=1").header("Authorization", "Bearer " + token))
                .statusCode();
    }

    private static String kid(String token) {
        try {
            return SignedJWT.parse(token).getHeader().getKeyID();
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A token as the built-in server mints them, signed with the key given. */
    private String sign(RSAKey key) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(serverRoot())
                .audience(fhirBase())
                .subject(Tokens.DEMO_CLIENT)
                .claim("client_id", Tokens.DEMO_CLIENT)
                .claim("scope", List.of("system/*.rs"))
                .issueTime(new Date())
                .expirationTime(new Date(System.currentTimeMillis() + 300_000))
                .build();
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .keyID(key.getKeyID())
                            .build(),
                    claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAKey newKey() {
        try {
            return new RSAKeyGenerator(2048)
                    .keyUse(KeyUse.SIGNATURE)
                    .keyID(UUID.randomUUID().toString())
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}

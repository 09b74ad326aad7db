package org.mediwox.server.security.authserver;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.text.ParseException;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The built-in authorization server's RSA signing key, kept in PostgreSQL ({@code mediwox.oauth_signing_key}) so that
 * tokens stay valid across restarts and every node signs and verifies with the same key. The first node to start
 * creates it; the others (and later starts) read it.
 */
final class SigningKeys {

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

    private SigningKeys() {}

    static JWKSource<SecurityContext> load(JdbcTemplate jdbc) {
        List<String> stored = select(jdbc);
        if (stored.isEmpty()) {
            RSAKey generated = generate();
            jdbc.update(
                    "insert into mediwox.oauth_signing_key (kid, jwk) values (?, ?) on conflict do nothing",
                    generated.getKeyID(),
                    generated.toJSONString());
            stored = select(jdbc);
            log.info("Authorization server: new token signing key {}", generated.getKeyID());
        }
        try {
            RSAKey key = RSAKey.parse(stored.get(0));
            return new ImmutableJWKSet<>(new JWKSet(key));
        } catch (ParseException e) {
            throw new IllegalStateException("The stored token signing key cannot be read", e);
        }
    }

    private static List<String> select(JdbcTemplate jdbc) {
        return jdbc.queryForList(
                "select jwk from mediwox.oauth_signing_key order by created, kid limit 1", String.class);
    }

    private static RSAKey generate() {
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

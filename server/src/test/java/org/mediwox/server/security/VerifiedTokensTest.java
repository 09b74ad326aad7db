package org.mediwox.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Each token is verified once (signature and every claim, by Spring's Nimbus decoder over a real RSA key), and what can
 * change while it is kept — its lifetime, a revocation — is checked on every use.
 */
class VerifiedTokensTest {

    private RSAKey key;
    private final AtomicInteger verifications = new AtomicInteger();
    private final Set<String> revoked = new HashSet<>();
    private Instant now = Instant.parse("2026-12-03T10:00:00Z");
    private VerifiedTokens tokens;

    @BeforeEach
    void decoder() throws Exception {
        key = new RSAKeyGenerator(2048).keyID("k1").generate();
        NimbusJwtDecoder nimbus =
                NimbusJwtDecoder.withPublicKey(key.toRSAPublicKey()).build();
        JwtTimestampValidator lifetime = new JwtTimestampValidator(Duration.ZERO);
        lifetime.setClock(new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now;
            }
        });
        OAuth2TokenValidator<Jwt> notRevoked = jwt -> revoked.contains(jwt.getId())
                ? OAuth2TokenValidatorResult.failure(
                        new OAuth2Error("invalid_token", "The access token has been revoked", null))
                : OAuth2TokenValidatorResult.success();
        OAuth2TokenValidator<Jwt> stillValid = new DelegatingOAuth2TokenValidator<>(lifetime, notRevoked);
        nimbus.setJwtValidator(stillValid);
        JwtDecoder counting = token -> {
            verifications.incrementAndGet();
            return nimbus.decode(token);
        };
        tokens = new VerifiedTokens(counting, stillValid, 100, Duration.ofMinutes(5), Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void aTokenUsedAgain_isNotVerifiedAgain() throws Exception {
        String token = token("a", now.plus(Duration.ofMinutes(10)));

        Jwt first = tokens.decode(token);
        Jwt second = tokens.decode(token);

        assertThat(second.getSubject()).isEqualTo(first.getSubject()).isEqualTo("a");
        assertThat(verifications).hasValue(1);
    }

    @Test
    void aTokenRevokedAfterItsFirstUse_isRefusedOnTheNext() throws Exception {
        String token = token("a", now.plus(Duration.ofMinutes(10)));
        Jwt jwt = tokens.decode(token);

        revoked.add(jwt.getId());

        assertThatThrownBy(() -> tokens.decode(token))
                .isInstanceOf(JwtValidationException.class)
                .hasMessageContaining("revoked");
    }

    @Test
    void aKeptTokenThatHasExpired_isRefused() throws Exception {
        String token = token("a", now.plus(Duration.ofMinutes(2)));
        tokens.decode(token);

        now = now.plus(Duration.ofMinutes(3));

        assertThatThrownBy(() -> tokens.decode(token))
                .isInstanceOf(JwtValidationException.class)
                .hasMessageContaining("expired");
    }

    @Test
    void aBadSignature_isRefusedEveryTime_andNeverKept() throws Exception {
        String forged = token(
                "a",
                now.plus(Duration.ofMinutes(10)),
                new RSAKeyGenerator(2048).keyID("k1").generate());

        for (int attempt = 0; attempt < 2; attempt++) {
            assertThatThrownBy(() -> tokens.decode(forged)).isInstanceOf(BadJwtException.class);
        }
        assertThat(verifications).hasValue(2);
    }

    private String token(String subject, Instant expires) throws Exception {
        return token(subject, expires, key);
    }

    private String token(String subject, Instant expires, RSAKey signer) throws Exception {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build(),
                new JWTClaimsSet.Builder()
                        .subject(subject)
                        .jwtID(UUID.randomUUID().toString())
                        .issueTime(Date.from(now))
                        .expirationTime(Date.from(expires))
                        .build());
        jwt.sign(new RSASSASigner(signer));
        return jwt.serialize();
    }
}

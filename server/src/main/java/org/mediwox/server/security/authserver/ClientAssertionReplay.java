package org.mediwox.server.security.authserver;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.authorization.authentication.JwtClientAssertionAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.JwtClientAssertionDecoderFactory;

/**
 * A {@code private_key_jwt} client assertion is accepted once (RFC 7523 §3, SMART Backend Services): after Spring
 * Authorization Server's own checks (signature, issuer, subject, audience, expiry) pass, its {@code (client, jti)} is
 * inserted into {@code mediwox.oauth_client_assertion}; when the row was already there — on this node or another — the
 * assertion is a replay and the client gets {@code invalid_client}. Rows live until the assertion could no longer pass
 * the expiry check anyway.
 */
final class ClientAssertionReplay {

    /** Beyond {@code exp}: Spring's expiry check allows a minute of clock skew. */
    private static final Duration KEEP_AFTER_EXPIRY = Duration.ofMinutes(2);

    private final JdbcTemplate jdbc;

    ClientAssertionReplay(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Makes Spring's {@code private_key_jwt} provider among {@code providers} refuse a replayed assertion. */
    void applyTo(List<AuthenticationProvider> providers) {
        JwtClientAssertionDecoderFactory decoders = new JwtClientAssertionDecoderFactory();
        decoders.setJwtValidatorFactory(client -> jwt -> {
            OAuth2TokenValidatorResult checks = JwtClientAssertionDecoderFactory.DEFAULT_JWT_VALIDATOR_FACTORY
                    .apply(client)
                    .validate(jwt);
            // a forged or expired assertion must not use up the jti of a genuine one
            return checks.hasErrors() ? checks : firstUse(client.getClientId(), jwt);
        });
        providers.forEach(provider -> {
            if (provider instanceof JwtClientAssertionAuthenticationProvider assertions) {
                assertions.setJwtDecoderFactory(decoders);
            }
        });
    }

    OAuth2TokenValidatorResult firstUse(String clientId, Jwt assertion) {
        if (assertion.getId() == null || assertion.getId().isBlank() || assertion.getExpiresAt() == null) {
            return refused("The client assertion must carry jti and exp");
        }
        int inserted = jdbc.update(
                "insert into mediwox.oauth_client_assertion (client_id, jti, expires_at) values (?, ?, ?)"
                        + " on conflict do nothing",
                clientId,
                assertion.getId(),
                Timestamp.from(assertion.getExpiresAt().plus(KEEP_AFTER_EXPIRY)));
        return inserted == 1
                ? OAuth2TokenValidatorResult.success()
                : refused("The client assertion was already used (jti replay): sign a new one for each request");
    }

    int deleteExpired() {
        return jdbc.update("delete from mediwox.oauth_client_assertion where expires_at < now()");
    }

    private static OAuth2TokenValidatorResult refused(String description) {
        return OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT, description, null));
    }
}

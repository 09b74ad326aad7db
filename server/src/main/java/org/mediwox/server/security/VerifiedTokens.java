package org.mediwox.server.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * Verifies each access token once: a client sends the same token with every request until it expires, and checking
 * its signature and claims again each time was a twentieth of a read's CPU ({@code bench/profile}). A token the
 * {@code verifier} accepted is kept — at most {@code maximumSize} of them, each until its {@code exp} and never
 * longer than {@code maximumAge} — and on each later use only what can change while it is kept is checked again
 * ({@code stillValid}: its lifetime, and with the built-in server whether it was revoked). A refused token is never
 * kept, so a bad one costs a full check every time, as before.
 *
 * <p>What this changes: a token signed with a key the issuer has since withdrawn stays accepted for up to {@code
 * maximumAge} after its first use (a revocation is still seen at once).
 */
final class VerifiedTokens implements JwtDecoder {

    private final JwtDecoder verifier;
    private final OAuth2TokenValidator<Jwt> stillValid;
    private final Cache<String, Jwt> verified;

    VerifiedTokens(
            JwtDecoder verifier,
            OAuth2TokenValidator<Jwt> stillValid,
            long maximumSize,
            Duration maximumAge,
            Clock clock) {
        this.verifier = verifier;
        this.stillValid = stillValid;
        this.verified = Caffeine.newBuilder()
                .maximumSize(maximumSize)
                .expireAfter(Expiry.<String, Jwt>creating((token, jwt) -> keptFor(jwt, maximumAge, clock)))
                .build();
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt known = verified.getIfPresent(token);
        if (known == null) {
            Jwt jwt = verifier.decode(token); // throws for a token it refuses: nothing is kept
            verified.put(token, jwt);
            return jwt;
        }
        OAuth2TokenValidatorResult result = stillValid.validate(known);
        if (result.hasErrors()) {
            verified.invalidate(token);
            OAuth2Error first = result.getErrors().iterator().next();
            throw new JwtValidationException(
                    "An error occurred while attempting to decode the Jwt: " + first.getDescription(),
                    result.getErrors());
        }
        return known;
    }

    /** Until the token's expiry (the validator still allows its clock skew then: it is verified afresh), at most max. */
    private static Duration keptFor(Jwt jwt, Duration maximumAge, Clock clock) {
        Instant expires = jwt.getExpiresAt();
        if (expires == null) {
            return maximumAge;
        }
        Duration left = Duration.between(clock.instant(), expires);
        return left.isNegative() ? Duration.ZERO : left.compareTo(maximumAge) > 0 ? maximumAge : left;
    }
}

package org.mediwox.server.security.authserver;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;

/**
 * Revoked access tokens, for the FHIR API that checks JWTs locally. A revocation at any node is a row in
 * {@code mediwox.oauth_revocation} — the token's {@code jti} until it expires, or, when the refresh token or the whole
 * grant is revoked, the grant (the {@code grant_id} claim of every access token issued under it) until the last of
 * those expires. Each node reads the rows written since its last read into memory every {@link #POLL_MILLIS} ms (an indexed
 * {@code revoked_at >} query), so a revoked token is refused everywhere within a few seconds at no cost per request.
 */
public final class RevokedTokens implements OAuth2TokenValidator<Jwt> {

    /** Access-token claim naming the grant (Spring Authorization Server's authorization id) it was issued under. */
    static final String GRANT_CLAIM = "grant_id";

    /** How often each node reads new revocations: a revoked token is refused everywhere within about this time. */
    static final long POLL_MILLIS = 2_000;

    /**
     * Rows are re-read this far behind the newest one seen: {@code revoked_at} is taken at insert, so a row may commit
     * (and become visible) after a later one did.
     */
    private static final Duration OVERLAP = Duration.ofSeconds(10);

    /** Kept after a token's expiry: the resource server accepts tokens up to a minute past {@code exp} (clock skew). */
    private static final Duration SKEW = Duration.ofMinutes(2);

    private static final OAuth2Error REVOKED =
            new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, "The access token has been revoked", null);

    private final JdbcTemplate jdbc;
    private final Map<String, Instant> revoked = new ConcurrentHashMap<>();
    private Instant seenUntil = Instant.EPOCH;

    RevokedTokens(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt jwt) {
        String grant = jwt.getClaimAsString(GRANT_CLAIM);
        boolean isRevoked = (jwt.getId() != null && revoked.containsKey(jti(jwt.getId())))
                || (grant != null && revoked.containsKey(grant(grant)));
        return isRevoked ? OAuth2TokenValidatorResult.failure(REVOKED) : OAuth2TokenValidatorResult.success();
    }

    /**
     * Records what Spring Authorization Server invalidated in this authorization: its access token, and with its
     * refresh token every access token of the grant.
     */
    void record(OAuth2Authorization authorization) {
        OAuth2Authorization.Token<OAuth2AccessToken> access = authorization.getAccessToken();
        if (access == null || !access.isInvalidated()) {
            return; // Spring invalidates the access token with the refresh token and the grant
        }
        Instant expires = access.getToken().getExpiresAt();
        Object jti = access.getClaims() == null ? null : access.getClaims().get("jti");
        if (jti != null) {
            insert(jti(jti.toString()), expires);
        }
        OAuth2Authorization.Token<OAuth2RefreshToken> refresh = authorization.getRefreshToken();
        if (refresh != null && refresh.isInvalidated()) {
            // earlier access tokens of the grant were issued with the same lifetime, so none outlives the current one
            insert(grant(authorization.getId()), expires);
        }
    }

    /** Reads the revocations written since the last read (by any node) and forgets expired ones. */
    synchronized void refresh() {
        Instant now = Instant.now();
        jdbc.query(
                "select id, expires_at, revoked_at from mediwox.oauth_revocation where revoked_at > ?"
                        + " and expires_at > ?",
                row -> {
                    revoked.put(row.getString(1), row.getTimestamp(2).toInstant());
                    Instant at = row.getTimestamp(3).toInstant();
                    if (at.isAfter(seenUntil)) {
                        seenUntil = at;
                    }
                },
                Timestamp.from(seenUntil.minus(OVERLAP)),
                Timestamp.from(now.minus(SKEW)));
        revoked.values().removeIf(expires -> expires.plus(SKEW).isBefore(now));
    }

    /** Deletes revocations of tokens that can no longer be used anyway. */
    int deleteExpired() {
        return jdbc.update(
                "delete from mediwox.oauth_revocation where expires_at < now() - make_interval(secs => ?)",
                SKEW.toSeconds());
    }

    private void insert(String id, Instant expires) {
        jdbc.update(
                "insert into mediwox.oauth_revocation (id, expires_at) values (?, ?) on conflict do nothing",
                id,
                Timestamp.from(expires == null ? Instant.now().plus(Duration.ofDays(1)) : expires));
    }

    private static String jti(String jti) {
        return "jti:" + jti;
    }

    private static String grant(String authorizationId) {
        return "grant:" + authorizationId;
    }
}

package org.mediwox.server.security.authserver;

import java.util.List;
import org.mediwox.server.security.accounts.SignOutEverywhere;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;

/**
 * Revokes every grant of a login that still has a usable refresh token, as {@code /oauth2/revoke} of that refresh token
 * would: the tokens are invalidated in the stored authorization and, through {@link RevokingAuthorizationService},
 * the FHIR API refuses the grant's access tokens on every node within seconds. Grants are found by the login's name
 * (Spring's {@code principal_name}), compared without case.
 */
final class GrantRevocation implements SignOutEverywhere {

    private final JdbcTemplate jdbc;
    private final OAuth2AuthorizationService authorizations;

    GrantRevocation(JdbcTemplate jdbc, OAuth2AuthorizationService authorizations) {
        this.jdbc = jdbc;
        this.authorizations = authorizations;
    }

    @Override
    public int revokeAll(String email) {
        List<String> ids = jdbc.queryForList(
                "select id from mediwox.oauth2_authorization where lower(trim(principal_name)) = lower(trim(?))"
                        + " and (refresh_token_expires_at > now() or access_token_expires_at > now())",
                String.class,
                email);
        int revoked = 0;
        for (String id : ids) {
            OAuth2Authorization authorization = authorizations.findById(id);
            if (authorization == null) {
                continue;
            }
            OAuth2Authorization.Builder invalidated = OAuth2Authorization.from(authorization);
            OAuth2Authorization.Token<OAuth2RefreshToken> refresh = authorization.getRefreshToken();
            OAuth2Authorization.Token<OAuth2AccessToken> access = authorization.getAccessToken();
            if (refresh != null && refresh.isActive()) {
                invalidated.invalidate(refresh.getToken());
            }
            if (access != null && !access.isInvalidated()) {
                invalidated.invalidate(access.getToken());
            }
            authorizations.save(invalidated.build());
            revoked++;
        }
        return revoked;
    }
}

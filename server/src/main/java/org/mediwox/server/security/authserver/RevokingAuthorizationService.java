package org.mediwox.server.security.authserver;

import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/**
 * The authorization service Spring Authorization Server uses, which also tells the FHIR API what it revoked: whenever
 * Spring saves an authorization whose access token it invalidated — {@code /oauth2/revoke} of the access or refresh
 * token, a reused authorization code — {@link RevokedTokens} records it (first, so that a token is never reported
 * revoked by the authorization server while the FHIR API still takes it).
 */
final class RevokingAuthorizationService implements OAuth2AuthorizationService {

    private final OAuth2AuthorizationService store;
    private final RevokedTokens revoked;

    RevokingAuthorizationService(OAuth2AuthorizationService store, RevokedTokens revoked) {
        this.store = store;
        this.revoked = revoked;
    }

    @Override
    public void save(OAuth2Authorization authorization) {
        revoked.record(authorization);
        store.save(authorization);
    }

    @Override
    public void remove(OAuth2Authorization authorization) {
        store.remove(authorization);
    }

    @Override
    public OAuth2Authorization findById(String id) {
        return store.findById(id);
    }

    @Override
    public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
        return store.findByToken(token, tokenType);
    }
}

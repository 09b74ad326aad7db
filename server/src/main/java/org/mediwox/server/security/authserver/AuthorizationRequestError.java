package org.mediwox.server.security.authserver;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;

/**
 * An OAuth error of the authorization endpoint that goes back to the app (RFC 6749 §4.1.2.1): on the redirect URI of the
 * request, or on the client's registered one when the request named none — as Spring Authorization Server's own checks
 * answer. Only for checks that run after the redirect URI has been validated.
 */
final class AuthorizationRequestError {

    private AuthorizationRequestError() {}

    static OAuth2AuthorizationCodeRequestAuthenticationException of(
            OAuth2AuthorizationCodeRequestAuthenticationContext context, String code, String description) {
        OAuth2AuthorizationCodeRequestAuthenticationToken request = context.getAuthentication();
        String redirectUri = request.getRedirectUri() != null
                        && !request.getRedirectUri().isBlank()
                ? request.getRedirectUri()
                : context.getRegisteredClient().getRedirectUris().iterator().next();
        OAuth2AuthorizationCodeRequestAuthenticationToken answer =
                new OAuth2AuthorizationCodeRequestAuthenticationToken(
                        request.getAuthorizationUri(),
                        request.getClientId(),
                        (org.springframework.security.core.Authentication) request.getPrincipal(),
                        redirectUri,
                        request.getState(),
                        request.getScopes(),
                        request.getAdditionalParameters());
        answer.setAuthenticated(true); // as Spring's checks do: the filter then redirects instead of logging in
        return new OAuth2AuthorizationCodeRequestAuthenticationException(
                new OAuth2Error(code, description, null), answer);
    }
}

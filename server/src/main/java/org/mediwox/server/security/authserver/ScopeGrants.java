package org.mediwox.server.security.authserver;

import java.util.Set;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientCredentialsAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientCredentialsAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * Puts {@link GrantedScopes} in front of Spring Authorization Server's authorization code and client credentials
 * providers: the request they see carries the scopes granted instead of those asked, so the authorization, the token's
 * {@code scope} claim and the token response's {@code scope} all say what was granted. Spring's own check (every scope
 * asked must be registered, literally) is replaced by "something was granted", else {@code invalid_scope}.
 */
final class ScopeGrants {

    private static final String NOTHING_GRANTED =
            "None of the scopes asked for can be granted to this client (see the server's scopes_supported)";

    private ScopeGrants() {}

    /** The authorization endpoint's provider, granting the intersection; {@code validator} replaces its checks. */
    static AuthenticationProvider authorizationRequests(
            OAuth2AuthorizationCodeRequestAuthenticationProvider provider,
            RegisteredClientRepository clients,
            java.util.function.Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> validator) {
        provider.setAuthenticationValidator(validator);
        return new Delegating(provider) {
            @Override
            Authentication downscoped(Authentication authentication) {
                OAuth2AuthorizationCodeRequestAuthenticationToken request =
                        (OAuth2AuthorizationCodeRequestAuthenticationToken) authentication;
                RegisteredClient client = clients.findByClientId(request.getClientId());
                if (client == null) {
                    return request; // Spring answers for an unknown client
                }
                Set<String> granted = GrantedScopes.of(request.getScopes(), client.getScopes(), holder(request));
                return new OAuth2AuthorizationCodeRequestAuthenticationToken(
                        request.getAuthorizationUri(),
                        request.getClientId(),
                        (Authentication) request.getPrincipal(),
                        request.getRedirectUri(),
                        request.getState(),
                        granted,
                        request.getAdditionalParameters());
            }
        };
    }

    /**
     * Part of the authorization request's checks, after the redirect URI's (an error goes back to the app only on a
     * registered URI): {@code invalid_scope} when nothing could be granted.
     */
    static void requireAGrant(OAuth2AuthorizationCodeRequestAuthenticationContext context) {
        OAuth2AuthorizationCodeRequestAuthenticationToken request = context.getAuthentication();
        if (request.getScopes().isEmpty()) {
            throw AuthorizationRequestError.of(context, OAuth2ErrorCodes.INVALID_SCOPE, NOTHING_GRANTED);
        }
    }

    /** The token endpoint's client credentials provider, granting back-end services the intersection. */
    static AuthenticationProvider clientCredentials(OAuth2ClientCredentialsAuthenticationProvider provider) {
        provider.setAuthenticationValidator(context -> {}); // the scopes it sees are granted ones
        return new Delegating(provider) {
            @Override
            Authentication downscoped(Authentication authentication) {
                OAuth2ClientCredentialsAuthenticationToken request =
                        (OAuth2ClientCredentialsAuthenticationToken) authentication;
                if (!(request.getPrincipal() instanceof OAuth2ClientAuthenticationToken client)
                        || !client.isAuthenticated()
                        || client.getRegisteredClient() == null) {
                    return request; // Spring answers invalid_client
                }
                Set<String> granted = GrantedScopes.of(
                        request.getScopes(), client.getRegisteredClient().getScopes(), GrantedScopes.Holder.SERVICE);
                if (granted.isEmpty()) {
                    throw new OAuth2AuthenticationException(
                            new OAuth2Error(OAuth2ErrorCodes.INVALID_SCOPE, NOTHING_GRANTED, null));
                }
                return new OAuth2ClientCredentialsAuthenticationToken(
                        client, granted, request.getAdditionalParameters());
            }
        };
    }

    /** Before the login the user is not known: their limits apply once they have logged in. */
    private static GrantedScopes.Holder holder(OAuth2AuthorizationCodeRequestAuthenticationToken request) {
        return request.getPrincipal() instanceof Authentication login
                        && login.isAuthenticated()
                        && login.getPrincipal() instanceof SmartUser user
                        && user.actsForPatients()
                ? GrantedScopes.Holder.PATIENT
                : GrantedScopes.Holder.USER;
    }

    /** A provider that hands the request, with its scopes replaced, to Spring's own. */
    private abstract static class Delegating implements AuthenticationProvider {

        private final AuthenticationProvider delegate;

        Delegating(AuthenticationProvider delegate) {
            this.delegate = delegate;
        }

        abstract Authentication downscoped(Authentication authentication);

        @Override
        public Authentication authenticate(Authentication authentication) {
            return delegate.authenticate(downscoped(authentication));
        }

        @Override
        public boolean supports(Class<?> authentication) {
            return delegate.supports(authentication);
        }
    }
}

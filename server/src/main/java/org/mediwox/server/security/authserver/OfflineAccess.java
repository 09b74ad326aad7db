package org.mediwox.server.security.authserver;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.keygen.Base64StringKeyGenerator;
import org.springframework.security.crypto.keygen.StringKeyGenerator;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * SMART {@code offline_access} for public apps too (SMART App Launch allows refresh tokens for public clients; Spring
 * Authorization Server issues them to confidential clients only): a refresh token is issued exactly when the app was
 * granted {@code offline_access}, and a public app redeems it with its {@code client_id} alone.
 */
final class OfflineAccess {

    static final String SCOPE = "offline_access";

    private OfflineAccess() {}

    /** Issues a refresh token when {@code offline_access} was granted, to public and confidential apps alike. */
    static final class RefreshTokens implements OAuth2TokenGenerator<OAuth2RefreshToken> {

        private final StringKeyGenerator keys =
                new Base64StringKeyGenerator(Base64.getUrlEncoder().withoutPadding(), 96);

        @Override
        public OAuth2RefreshToken generate(OAuth2TokenContext context) {
            if (!OAuth2TokenType.REFRESH_TOKEN.equals(context.getTokenType())
                    || !context.getAuthorizedScopes().contains(SCOPE)) {
                return null;
            }
            Instant issuedAt = Instant.now();
            Instant expiresAt = issuedAt.plus(
                    context.getRegisteredClient().getTokenSettings().getRefreshTokenTimeToLive());
            return new OAuth2RefreshToken(keys.generateKey(), issuedAt, expiresAt);
        }
    }

    /** Reads a public app's refresh request: {@code grant_type=refresh_token} with a {@code client_id} and no secret. */
    static final class PublicRefreshConverter implements AuthenticationConverter {

        @Override
        public Authentication convert(HttpServletRequest request) {
            if (!"POST".equals(request.getMethod())
                    || !AuthorizationGrantType.REFRESH_TOKEN
                            .getValue()
                            .equals(request.getParameter(OAuth2ParameterNames.GRANT_TYPE))
                    || request.getParameter(OAuth2ParameterNames.CLIENT_ID) == null
                    || request.getParameter(OAuth2ParameterNames.CLIENT_SECRET) != null
                    || request.getParameter(OAuth2ParameterNames.CLIENT_ASSERTION) != null
                    || request.getHeader("Authorization") != null) {
                return null;
            }
            return new OAuth2ClientAuthenticationToken(
                    request.getParameter(OAuth2ParameterNames.CLIENT_ID),
                    ClientAuthenticationMethod.NONE,
                    null,
                    Map.of(OAuth2ParameterNames.GRANT_TYPE, AuthorizationGrantType.REFRESH_TOKEN.getValue()));
        }
    }

    /** Authenticates that request: the client must be a public one allowed to refresh. */
    static final class PublicRefreshAuthentication implements AuthenticationProvider {

        private final RegisteredClientRepository clients;

        PublicRefreshAuthentication(RegisteredClientRepository clients) {
            this.clients = clients;
        }

        @Override
        public Authentication authenticate(Authentication authentication) {
            OAuth2ClientAuthenticationToken client = (OAuth2ClientAuthenticationToken) authentication;
            if (!ClientAuthenticationMethod.NONE.equals(client.getClientAuthenticationMethod())
                    || !AuthorizationGrantType.REFRESH_TOKEN
                            .getValue()
                            .equals(client.getAdditionalParameters().get(OAuth2ParameterNames.GRANT_TYPE))) {
                return null;
            }
            RegisteredClient registered = clients.findByClientId(String.valueOf(client.getPrincipal()));
            if (registered == null
                    || !registered.getClientAuthenticationMethods().contains(ClientAuthenticationMethod.NONE)
                    || !registered.getAuthorizationGrantTypes().contains(AuthorizationGrantType.REFRESH_TOKEN)) {
                throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_CLIENT);
            }
            return new OAuth2ClientAuthenticationToken(registered, ClientAuthenticationMethod.NONE, null);
        }

        @Override
        public boolean supports(Class<?> authentication) {
            return OAuth2ClientAuthenticationToken.class.isAssignableFrom(authentication);
        }
    }
}

package org.mediwox.server.security.authserver;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContextHolder;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * RFC 7009 for public apps (the patient app signing out): a revocation request with a {@code client_id} and no
 * credentials identifies a public client, which Spring Authorization Server would otherwise refuse for lack of client
 * authentication. Only registered public clients pass, and Spring's revocation still only revokes tokens issued to the
 * client that asks.
 */
final class PublicRevocation {

    private PublicRevocation() {}

    /** Reads {@code POST /oauth2/revoke} with a {@code client_id} and no secret, assertion or Authorization header. */
    static final class Converter implements AuthenticationConverter {

        @Override
        public Authentication convert(HttpServletRequest request) {
            String endpoint = AuthorizationServerContextHolder.getContext()
                    .getAuthorizationServerSettings()
                    .getTokenRevocationEndpoint();
            String clientId = request.getParameter(OAuth2ParameterNames.CLIENT_ID);
            if (!"POST".equals(request.getMethod())
                    || !request.getRequestURI().equals(request.getContextPath() + endpoint)
                    || clientId == null
                    || request.getParameter(OAuth2ParameterNames.CLIENT_SECRET) != null
                    || request.getParameter(OAuth2ParameterNames.CLIENT_ASSERTION) != null
                    || request.getHeader("Authorization") != null) {
                return null;
            }
            return new Request(clientId);
        }
    }

    /** Authenticates that request: the client must be a registered public one. */
    static final class Provider implements AuthenticationProvider {

        private final RegisteredClientRepository clients;

        Provider(RegisteredClientRepository clients) {
            this.clients = clients;
        }

        @Override
        public Authentication authenticate(Authentication authentication) {
            RegisteredClient registered = clients.findByClientId(String.valueOf(authentication.getPrincipal()));
            if (registered == null
                    || !registered.getClientAuthenticationMethods().contains(ClientAuthenticationMethod.NONE)) {
                throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_CLIENT);
            }
            return new OAuth2ClientAuthenticationToken(registered, ClientAuthenticationMethod.NONE, null);
        }

        @Override
        public boolean supports(Class<?> authentication) {
            return Request.class.isAssignableFrom(authentication);
        }
    }

    /** A public client's revocation request, not yet authenticated. */
    static final class Request extends OAuth2ClientAuthenticationToken {

        Request(String clientId) {
            super(clientId, ClientAuthenticationMethod.NONE, null, Map.of());
        }
    }
}

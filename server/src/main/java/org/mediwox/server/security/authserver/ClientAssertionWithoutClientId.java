package org.mediwox.server.security.authserver;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.servlet.http.HttpServletRequest;
import java.text.ParseException;
import java.util.HashMap;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * SMART Backend Services clients authenticate with a signed assertion alone ({@code client_id} is optional in RFC 7523
 * and SMART does not send it); Spring Authorization Server wants {@code client_id}. When it is missing, the client is
 * the assertion's {@code sub} (which SMART requires to equal {@code iss}); the assertion's signature, issuer, subject,
 * audience and expiry are then checked by Spring Authorization Server as for any {@code private_key_jwt} client.
 */
final class ClientAssertionWithoutClientId implements AuthenticationConverter {

    private static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    @Override
    public Authentication convert(HttpServletRequest request) {
        if (!"POST".equals(request.getMethod())
                || request.getParameter(OAuth2ParameterNames.CLIENT_ID) != null
                || !JWT_BEARER.equals(request.getParameter(OAuth2ParameterNames.CLIENT_ASSERTION_TYPE))) {
            return null;
        }
        String assertion = request.getParameter(OAuth2ParameterNames.CLIENT_ASSERTION);
        if (assertion == null) {
            return null;
        }
        String clientId;
        try {
            JWTClaimsSet claims = SignedJWT.parse(assertion).getJWTClaimsSet();
            clientId = claims.getSubject();
        } catch (ParseException | ClassCastException e) {
            return null;
        }
        if (clientId == null || clientId.isBlank()) {
            return null;
        }
        Map<String, Object> additional = new HashMap<>();
        request.getParameterMap().forEach((name, values) -> {
            if (!name.equals(OAuth2ParameterNames.CLIENT_ASSERTION)
                    && !name.equals(OAuth2ParameterNames.CLIENT_ASSERTION_TYPE)
                    && values.length > 0) {
                additional.put(name, values.length == 1 ? values[0] : values);
            }
        });
        return new OAuth2ClientAuthenticationToken(
                clientId, new ClientAuthenticationMethod(JWT_BEARER), assertion, additional);
    }
}

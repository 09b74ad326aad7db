package org.mediwox.server.security.authserver;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mediwox.server.security.LaunchContexts;
import org.mediwox.server.security.ServerUrls;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * The SMART claims of the built-in server's tokens. Access tokens: {@code aud} = the FHIR base URL, {@code client_id},
 * and for a logged-in user {@code fhirUser} and the launch context: the EHR's context when the app was launched with
 * {@code launch} (and asked for the {@code launch} scope), else the patient who logged in when the app asked for
 * {@code launch/patient} or patient scopes. A refresh keeps the context of the first token. Access tokens of a grant
 * (authorization code, refresh) also carry its {@code grant_id}, by which {@link RevokedTokens} ends them all. ID
 * tokens: {@code fhirUser}.
 * No access token with {@code patient/} scopes is issued without a {@code patient}.
 */
final class SmartTokenClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

    private final ServerUrls urls;
    private final LaunchContexts launches;
    private final Proxies proxies;

    SmartTokenClaims(ServerUrls urls, LaunchContexts launches, Proxies proxies) {
        this.urls = urls;
        this.launches = launches;
        this.proxies = proxies;
    }

    @Override
    public void customize(JwtEncodingContext context) {
        SmartUser user =
                context.getPrincipal() != null && context.getPrincipal().getPrincipal() instanceof SmartUser smartUser
                        ? smartUser
                        : null;
        if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
            // a list type the stored authorization's JSON allowlist knows (List.of's is not)
            context.getClaims()
                    .audience(Collections.singletonList(urls.audience()))
                    .claim("client_id", context.getRegisteredClient().getClientId());
            if (context.getAuthorization() != null) {
                // revoking the refresh token revokes every access token of its grant
                context.getClaims()
                        .claim(
                                RevokedTokens.GRANT_CLAIM,
                                context.getAuthorization().getId());
            }
            Map<String, Object> launch = user == null ? Map.of() : launchContext(context, user);
            requireProxyStill(context, user, launch);
            if (user != null) {
                context.getClaims().claim("fhirUser", user.fhirUser());
                launch.forEach((name, value) -> context.getClaims().claim(name, value));
            }
            // the resource server refuses such a token anyway; better no token than one that fails on every call
            if (!launch.containsKey("patient")
                    && context.getAuthorizedScopes().stream().anyMatch(s -> s.startsWith("patient/"))) {
                throw new OAuth2AuthenticationException(new OAuth2Error(
                        OAuth2ErrorCodes.ACCESS_DENIED,
                        "patient/ scopes need a patient context: sign in as the patient, or launch the app from the"
                                + " EHR with a patient",
                        null));
            }
        } else if (OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue()) && user != null) {
            context.getClaims().claim("fhirUser", user.fhirUser());
        }
    }

    /**
     * A caregiver's refresh: the RelatedPerson must still be the patient's proxy (a custody change, an ended power of
     * attorney, a deactivated RelatedPerson end the access at the next refresh, not when the refresh token expires).
     */
    private void requireProxyStill(JwtEncodingContext context, SmartUser user, Map<String, Object> launch) {
        if (user == null
                || !AuthorizationGrantType.REFRESH_TOKEN.equals(context.getAuthorizationGrantType())
                || !user.fhirUser().startsWith("RelatedPerson/")
                || launch.get("patient") == null) {
            return;
        }
        String relatedPerson = user.fhirUser().substring("RelatedPerson/".length());
        if (!proxies.actsFor(relatedPerson, launch.get("patient").toString())) {
            throw new OAuth2AuthenticationException(new OAuth2Error(
                    OAuth2ErrorCodes.INVALID_GRANT, "You may no longer act for this patient: sign in again", null));
        }
    }

    private Map<String, Object> launchContext(JwtEncodingContext context, SmartUser user) {
        Map<String, Object> launch = new LinkedHashMap<>();
        OAuth2Authorization authorization = context.getAuthorization();
        if (AuthorizationGrantType.REFRESH_TOKEN.equals(context.getAuthorizationGrantType())
                && authorization != null
                && authorization.getAccessToken() != null) {
            Map<String, Object> previous = authorization.getAccessToken().getClaims();
            if (previous != null) {
                for (String name : List.of("patient", "encounter")) {
                    if (previous.get(name) != null) {
                        launch.put(name, previous.get(name));
                    }
                }
            }
            return launch;
        }
        OAuth2AuthorizationRequest request =
                authorization == null ? null : authorization.getAttribute(OAuth2AuthorizationRequest.class.getName());
        Object launchId =
                request == null ? null : request.getAdditionalParameters().get("launch");
        if (launchId != null && context.getAuthorizedScopes().contains("launch")) {
            LaunchContexts.Context ehr = launches.resolve(launchId.toString())
                    .orElseThrow(() -> new OAuth2AuthenticationException(new OAuth2Error(
                            OAuth2ErrorCodes.INVALID_REQUEST,
                            "The launch context is unknown or has expired; launch the app from the EHR again",
                            null)));
            if (user.patientId() != null && !user.patientId().equals(ehr.patient())) {
                throw new OAuth2AuthenticationException(new OAuth2Error(
                        OAuth2ErrorCodes.ACCESS_DENIED,
                        "A patient cannot take another patient's launch context",
                        null));
            }
            launch.put("patient", ehr.patient());
            if (ehr.encounter() != null) {
                launch.put("encounter", ehr.encounter());
            }
            return launch;
        }
        boolean wantsPatient = context.getAuthorizedScopes().stream()
                .anyMatch(s -> s.equals("launch/patient") || s.startsWith("patient/"));
        if (wantsPatient && user.patientId() != null) {
            launch.put("patient", user.patientId());
        }
        return launch;
    }

    /** The launch context of a minted access token, for the token response. */
    static Map<String, Object> launchContext(OAuth2AccessToken token) {
        Map<String, Object> params = new LinkedHashMap<>();
        try {
            JWTClaimsSet claims = SignedJWT.parse(token.getTokenValue()).getJWTClaimsSet();
            if (claims.getClaim("patient") != null) {
                params.put("patient", claims.getClaim("patient"));
                params.put("need_patient_banner", true);
            }
            if (claims.getClaim("encounter") != null) {
                params.put("encounter", claims.getClaim("encounter"));
            }
        } catch (ParseException e) {
            // not a JWT: no launch context to report
        }
        return params;
    }
}

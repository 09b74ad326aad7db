package org.mediwox.server.security.authserver;

import java.util.List;
import java.util.Map;
import org.mediwox.server.security.SmartConfiguration;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationServerMetadata;
import org.springframework.security.oauth2.server.authorization.oidc.OidcProviderConfiguration;

/**
 * The built-in server's discovery documents ({@code /.well-known/openid-configuration}, RFC 8414's {@code
 * /.well-known/oauth-authorization-server}) say what works here, as the SMART document does ({@link
 * SmartConfiguration}): Spring Authorization Server's defaults advertise grants no client here may use (device code,
 * token exchange), the device authorization endpoint, client authentication by mutual TLS and DPoP-bound tokens, which
 * the FHIR API does not check.
 */
final class ServerMetadata {

    /** Advertised, but not used by any client here or not honoured by the FHIR API. */
    private static final List<String> NOT_OFFERED = List.of(
            "device_authorization_endpoint",
            "pushed_authorization_request_endpoint",
            "registration_endpoint",
            "tls_client_certificate_bound_access_tokens",
            "dpop_signing_alg_values_supported");

    private ServerMetadata() {}

    static void customize(OidcProviderConfiguration.Builder openIdConfiguration) {
        openIdConfiguration.claims(ServerMetadata::offered);
    }

    static void customize(OAuth2AuthorizationServerMetadata.Builder metadata) {
        metadata.claims(ServerMetadata::offered);
    }

    static void offered(Map<String, Object> claims) {
        NOT_OFFERED.forEach(claims::remove);
        claims.put("grant_types_supported", SmartConfiguration.GRANT_TYPES);
        claims.put("token_endpoint_auth_methods_supported", SmartConfiguration.TOKEN_ENDPOINT_AUTH_METHODS);
        claims.put(
                "token_endpoint_auth_signing_alg_values_supported",
                SmartConfiguration.TOKEN_ENDPOINT_AUTH_SIGNING_ALGORITHMS);
        // introspecting needs an authenticated client; a public app revokes its own tokens with its client_id alone
        // (PublicRevocation)
        List<String> authenticated = SmartConfiguration.TOKEN_ENDPOINT_AUTH_METHODS.stream()
                .filter(method -> !method.equals("none"))
                .toList();
        claims.put("revocation_endpoint_auth_methods_supported", SmartConfiguration.TOKEN_ENDPOINT_AUTH_METHODS);
        claims.put("introspection_endpoint_auth_methods_supported", authenticated);
        claims.put("code_challenge_methods_supported", List.of("S256"));
        claims.put("response_types_supported", List.of("code"));
        claims.put("scopes_supported", SmartConfiguration.SCOPES_SUPPORTED);
    }
}

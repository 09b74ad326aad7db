package org.mediwox.server.security.authserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mediwox.server.security.AuthProperties;
import org.mediwox.server.security.SmartConfiguration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * What the discovery documents advertise is what the built-in server's clients can use: every scope is granted to some
 * client, every grant type and authentication method is some client's, and Spring's defaults for what is not offered
 * here are gone.
 */
class ServerMetadataTest {

    private static final List<String> CLIENT_IDS =
            List.of("demo", "mediwox-patient-app", "public-app", "confidential-app", "back-end");

    private static final RegisteredClientRepository CLIENTS = SmartClients.of(
            new AuthProperties(
                    "",
                    "",
                    Duration.ofMinutes(60),
                    true,
                    "demo",
                    "secret",
                    "mediwox",
                    true,
                    true,
                    List.of("*"),
                    List.of(
                            new AuthProperties.Client(
                                    "public-app", "", "", List.of("http://127.0.0.1/callback"), List.of()),
                            new AuthProperties.Client(
                                    "confidential-app", "s3cret", "", List.of("https://app.example/cb"), List.of()),
                            new AuthProperties.Client(
                                    "back-end", "", "https://back-end.example/jwks.json", List.of(), List.of())),
                    Duration.ofDays(90)),
            true,
            "");

    @Test
    void everyAdvertisedScope_isGrantedToSomeClient() {
        for (String scope : SmartConfiguration.SCOPES_SUPPORTED) {
            assertThat(clients().stream()
                            .anyMatch(client -> GrantedScopes.of(List.of(scope), client.getScopes(), holder(client))
                                    .contains(scope)))
                    .as(scope)
                    .isTrue();
        }
    }

    @Test
    void everyAdvertisedGrantType_isSomeClientsGrant() {
        for (String grant : SmartConfiguration.GRANT_TYPES) {
            assertThat(clients())
                    .as(grant)
                    .anyMatch(
                            client -> client.getAuthorizationGrantTypes().contains(new AuthorizationGrantType(grant)));
        }
    }

    @Test
    void everyAdvertisedAuthenticationMethod_isSomeClients() {
        for (String method : SmartConfiguration.TOKEN_ENDPOINT_AUTH_METHODS) {
            assertThat(clients())
                    .as(method)
                    .anyMatch(client -> client.getClientAuthenticationMethods().stream()
                            .anyMatch(m -> m.getValue().equals(method)));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void springsDefaultsForWhatIsNotOfferedHere_areReplaced() {
        Map<String, Object> claims = new HashMap<>(Map.of(
                "grant_types_supported",
                List.of(
                        "authorization_code",
                        "urn:ietf:params:oauth:grant-type:device_code",
                        "urn:ietf:params:oauth:grant-type:token-exchange"),
                "device_authorization_endpoint",
                "http://localhost/oauth2/device_authorization",
                "token_endpoint_auth_methods_supported",
                List.of("client_secret_jwt", "tls_client_auth"),
                "tls_client_certificate_bound_access_tokens",
                true,
                "dpop_signing_alg_values_supported",
                List.of("RS256")));

        ServerMetadata.offered(claims);

        assertThat(claims)
                .doesNotContainKeys(
                        "device_authorization_endpoint",
                        "tls_client_certificate_bound_access_tokens",
                        "dpop_signing_alg_values_supported")
                .containsEntry("grant_types_supported", SmartConfiguration.GRANT_TYPES)
                .containsEntry("token_endpoint_auth_methods_supported", SmartConfiguration.TOKEN_ENDPOINT_AUTH_METHODS)
                .containsEntry("code_challenge_methods_supported", List.of("S256"))
                .containsEntry("scopes_supported", SmartConfiguration.SCOPES_SUPPORTED);
        assertThat((List<Object>) claims.get("introspection_endpoint_auth_methods_supported"))
                .doesNotContain("none");
        assertThat((List<Object>) claims.get("revocation_endpoint_auth_methods_supported"))
                .as("public apps revoke their own refresh tokens")
                .contains("none");
    }

    private static List<RegisteredClient> clients() {
        return CLIENT_IDS.stream().map(CLIENTS::findByClientId).toList();
    }

    private static GrantedScopes.Holder holder(RegisteredClient client) {
        return client.getAuthorizationGrantTypes().contains(AuthorizationGrantType.CLIENT_CREDENTIALS)
                ? GrantedScopes.Holder.SERVICE
                : GrantedScopes.Holder.USER;
    }
}

package org.mediwox.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.mediwox.server.support.ProductionNode;
import org.mediwox.server.support.ServerIT;
import org.mediwox.server.support.Tokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Production mode: a Mediwox whose tokens come from an external OAuth2/OpenID Connect issuer
 * ({@code MEDIWOX_AUTH_ISSUER}). The external issuer here is the shared test server's built-in one, reached only over
 * its public endpoints (OpenID discovery, JWKS), as Keycloak or Entra ID would be. The server under test has no
 * authorization server of its own, accepts the issuer's tokens for its audience, refuses others, and points its
 * SMART discovery document at the issuer's endpoints.
 */
class ExternalIssuerIT extends ServerIT {

    @Autowired
    private DataSource dataSource;

    @Test
    void tokensOfTheExternalIssuer_areAccepted_andTheBuiltInServerIsOff() throws Exception {
        try (ConfigurableApplicationContext production = ProductionNode.named("external")
                .safe()
                .onDatabaseOf(dataSource)
                .with("--mediwox.auth.issuer=" + serverRoot(), "--mediwox.auth.audience=" + fhirBase())
                .start()) {
            String root = ProductionNode.root(production);
            HttpClient http = HttpClient.newHttpClient();

            HttpResponse<String> withToken = http.send(
                    HttpRequest.newBuilder(URI.create(root + "/fhir/Patient?_count=1"))
                            .header("Authorization", "Bearer " + token())
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(withToken.statusCode()).as(withToken.body()).isEqualTo(200);

            HttpResponse<String> without = http.send(
                    HttpRequest.newBuilder(URI.create(root + "/fhir/Patient?_count=1"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(without.statusCode()).isEqualTo(401);

            HttpResponse<String> ownTokenEndpoint =
                    Tokens.postForm(root + "/oauth2/token", java.util.Map.of("grant_type", "client_credentials"), null);
            assertThat(ownTokenEndpoint.statusCode())
                    .as("no built-in authorization server")
                    .isNotEqualTo(200);

            var discovery = Tokens.json(http.send(
                            HttpRequest.newBuilder(URI.create(root + "/.well-known/smart-configuration"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body());
            assertThat(discovery.get("issuer").asText()).isEqualTo(serverRoot());
            assertThat(discovery.get("token_endpoint").asText()).isEqualTo(serverRoot() + "/oauth2/token");
            assertThat(TokenValidationIT.texts(discovery.get("code_challenge_methods_supported")))
                    .containsExactly("S256");
        }
    }
}

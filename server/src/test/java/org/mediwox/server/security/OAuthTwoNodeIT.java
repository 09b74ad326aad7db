package org.mediwox.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.mediwox.server.support.SecondNode;
import org.mediwox.server.support.ServerIT;
import org.mediwox.server.support.SmartLogin;
import org.mediwox.server.support.Tokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The built-in authorization server on two nodes sharing one PostgreSQL (the shared test server and a second one
 * started here on its database, behind the first one's public address): an authorization code issued by one node is
 * redeemed at the other, a refresh token issued by a node outlives that node, and an access token revoked at one node
 * is refused by the other's FHIR API within 5 s.
 */
class OAuthTwoNodeIT extends ServerIT {

    @Autowired
    private DataSource dataSource;

    @Test
    void codeRedeemedOnTheOtherNode_refreshTokenOutlivesItsNode_revocationReachesEveryNode() {
        String ana = demoPatient("patient-1");
        SmartLogin login = new SmartLogin(serverRoot());
        String code = login.authorize(SmartScopesIT.ANA_LOGIN, "launch/patient offline_access patient/Patient.rs");
        JsonNode refreshed;
        try (ConfigurableApplicationContext second = startSecondNode()) {
            String secondRoot = "http://localhost:"
                    + ((WebServerApplicationContext) second).getWebServer().getPort();

            // the code of node 1's login, redeemed at node 2
            HttpResponse<String> exchanged = new SmartLogin(secondRoot).exchange(code, login.verifier());
            assertThat(exchanged.statusCode()).as(exchanged.body()).isEqualTo(200);
            JsonNode tokens = Tokens.json(exchanged.body());
            assertThat(tokens.get("patient").asText()).isEqualTo(ana);
            String accessToken = tokens.get("access_token").asText();
            assertThat(status(secondRoot, ana, accessToken)).isEqualTo(200);
            assertThat(status(serverRoot(), ana, accessToken)).isEqualTo(200);

            // revoked at node 1, refused by node 2
            HttpResponse<String> revoked = Tokens.postForm(
                    serverRoot() + "/oauth2/revoke",
                    Map.of("token", accessToken, "client_id", SmartLogin.APP_CLIENT_ID),
                    null);
            assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
            assertRefusedWithin(secondRoot, ana, accessToken, TokenRevocationIT.REVOCATION_DELAY);

            // a refresh token issued by node 2, which then stops
            refreshed = refresh(secondRoot, tokens.get("refresh_token").asText());
        }

        JsonNode afterRestart =
                refresh(serverRoot(), refreshed.get("refresh_token").asText());
        assertThat(afterRestart.get("patient").asText()).isEqualTo(ana);
        assertThat(status(serverRoot(), ana, afterRestart.get("access_token").asText()))
                .isEqualTo(200);
    }

    private ConfigurableApplicationContext startSecondNode() {
        return SecondNode.start(
                dataSource,
                fhirBase(),
                "oauth-node2",
                "--mediwox.auth.clients[0].id=" + SmartLogin.APP_CLIENT_ID,
                "--mediwox.auth.clients[0].redirect-uris[0]=" + SmartLogin.REDIRECT_URI);
    }

    private static JsonNode refresh(String root, String refreshToken) {
        return Tokens.tokenRequest(
                root,
                Map.of(
                        "grant_type",
                        "refresh_token",
                        "refresh_token",
                        refreshToken,
                        "client_id",
                        SmartLogin.APP_CLIENT_ID),
                null);
    }

    private void assertRefusedWithin(String root, String patient, String token, Duration patience) {
        Instant deadline = Instant.now().plus(patience);
        int status = status(root, patient, token);
        while (status != 401 && Instant.now().isBefore(deadline)) {
            sleep(100);
            status = status(root, patient, token);
        }
        assertThat(status).as("refused within " + patience.toMillis() + " ms").isEqualTo(401);
    }

    private int status(String root, String patient, String token) {
        return send(HttpRequest.newBuilder(URI.create(root + "/fhir/Patient/" + patient))
                        .header("Authorization", "Bearer " + token))
                .statusCode();
    }
}

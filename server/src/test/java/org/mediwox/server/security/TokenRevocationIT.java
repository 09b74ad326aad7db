package org.mediwox.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mediwox.server.support.BackendService;
import org.mediwox.server.support.ServerIT;
import org.mediwox.server.support.SmartLogin;
import org.mediwox.server.support.Tokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * The built-in server's tokens end when they are revoked, with real tokens: a revoked access token is refused by the
 * FHIR API within 5 s; a revoked refresh token is refused at the token endpoint and takes every access token of its grant
 * with it; a public app (the patient app) revokes its own refresh token with its {@code client_id} alone, and no other
 * client's; a {@code private_key_jwt} assertion is accepted once; client secrets are kept as bcrypt hashes.
 */
class TokenRevocationIT extends ServerIT {

    private static final String PATIENT_APP = "mediwox-patient-app";
    private static final String PATIENT_APP_REDIRECT = "http://127.0.0.1/app/";
    /** What the FHIR API may take to refuse a revoked token on every node. */
    static final Duration REVOCATION_DELAY = Duration.ofSeconds(5);

    @Autowired
    private RegisteredClientRepository clients;

    private String ana;

    @BeforeEach
    void ana() {
        ana = demoPatient("patient-1");
    }

    @Test
    void revokedAccessToken_isRefusedByTheFhirApiWithinFiveSeconds() {
        String token = Tokens.demoClient(serverRoot(), "system/Patient.rs");
        assertThat(fhirStatus(token)).isEqualTo(200);

        HttpResponse<String> revoked = revoke(Map.of("token", token, "token_type_hint", "access_token"), demoBasic());

        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
        assertRefusedWithin(token, REVOCATION_DELAY);
        HttpResponse<String> refused = fhirGet(token);
        assertThat(refused.body()).contains("\"resourceType\":\"OperationOutcome\"");
        assertThat(fhirStatus(Tokens.demoClient(serverRoot(), "system/Patient.rs")))
                .as("a new token of the same client")
                .isEqualTo(200);
    }

    @Test
    void revokedRefreshToken_isRefusedAtTheTokenEndpoint_andEveryAccessTokenOfItsGrantToo() {
        JsonNode first = SmartLogin.launch(
                serverRoot(), SmartScopesIT.ANA_LOGIN, "launch/patient offline_access patient/Patient.r");
        JsonNode second = refresh(first.get("refresh_token").asText(), SmartLogin.APP_CLIENT_ID);
        assertThat(second.get("access_token")).isNotNull();
        String refreshToken = second.get("refresh_token").asText();
        assertThat(fhirStatus(first.get("access_token").asText())).isEqualTo(200);
        assertThat(fhirStatus(second.get("access_token").asText())).isEqualTo(200);

        HttpResponse<String> revoked = revoke(
                Map.of(
                        "token",
                        refreshToken,
                        "token_type_hint",
                        "refresh_token",
                        "client_id",
                        SmartLogin.APP_CLIENT_ID),
                null);

        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
        HttpResponse<String> again = Tokens.postForm(
                serverRoot() + "/oauth2/token",
                Map.of(
                        "grant_type",
                        "refresh_token",
                        "refresh_token",
                        refreshToken,
                        "client_id",
                        SmartLogin.APP_CLIENT_ID),
                null);
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(again.body()).contains("invalid_grant");
        assertRefusedWithin(second.get("access_token").asText(), REVOCATION_DELAY);
        assertRefusedWithin(first.get("access_token").asText(), Duration.ZERO);
    }

    @Test
    void thePatientApp_revokesItsRefreshTokenWithItsClientIdAlone_butNotAnotherClientsToken() {
        SmartLogin app = new SmartLogin(serverRoot(), PATIENT_APP, PATIENT_APP_REDIRECT);
        JsonNode appTokens = Tokens.json(app.exchange(
                        app.authorize(SmartScopesIT.ANA_LOGIN, "launch/patient offline_access patient/Patient.r"),
                        app.verifier())
                .body());
        JsonNode otherTokens = SmartLogin.launch(
                serverRoot(), SmartScopesIT.ANA_LOGIN, "launch/patient offline_access patient/Patient.r");
        String othersRefresh = otherTokens.get("refresh_token").asText();
        assertThat(fhirStatus(appTokens.get("access_token").asText())).isEqualTo(200);

        HttpResponse<String> notItsOwn = revoke(Map.of("token", othersRefresh, "client_id", PATIENT_APP), null);
        HttpResponse<String> own =
                revoke(Map.of("token", appTokens.get("refresh_token").asText(), "client_id", PATIENT_APP), null);

        assertThat(notItsOwn.statusCode()).isNotEqualTo(200);
        assertThat(notItsOwn.body()).contains("invalid_client");
        assertThat(refresh(othersRefresh, SmartLogin.APP_CLIENT_ID).get("access_token"))
                .as("the other client's refresh token still works")
                .isNotNull();
        assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
        HttpResponse<String> refreshed = Tokens.postForm(
                serverRoot() + "/oauth2/token",
                Map.of(
                        "grant_type",
                        "refresh_token",
                        "refresh_token",
                        appTokens.get("refresh_token").asText(),
                        "client_id",
                        PATIENT_APP),
                null);
        assertThat(refreshed.statusCode()).isEqualTo(400);
        assertRefusedWithin(appTokens.get("access_token").asText(), REVOCATION_DELAY);
    }

    @Test
    void aConfidentialClient_cannotRevokeWithItsClientIdAlone() {
        String token = Tokens.demoClient(serverRoot(), "system/Patient.rs");

        HttpResponse<String> refused = revoke(Map.of("token", token, "client_id", Tokens.DEMO_CLIENT), null);

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).contains("invalid_client");
        staysTrue(
                REVOCATION_DELAY,
                () -> assertThat(fhirStatus(token)).as("not revoked").isEqualTo(200));
    }

    @Test
    void aReplayedClientAssertion_isRefusedWithInvalidClient() {
        String tokenEndpoint = serverRoot() + "/oauth2/token";
        Map<String, String> request = Map.of(
                "grant_type", "client_credentials",
                "scope", "system/*.rs",
                "client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                "client_assertion", BackendService.assertion(tokenEndpoint));

        HttpResponse<String> first = Tokens.postForm(tokenEndpoint, request, null);
        HttpResponse<String> replayed = Tokens.postForm(tokenEndpoint, request, null);

        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(replayed.statusCode()).isEqualTo(401);
        assertThat(replayed.body()).contains("invalid_client");
        assertThat(BackendService.token(serverRoot(), "system/*.rs"))
                .as("a new assertion is accepted")
                .isNotBlank();
    }

    @Test
    void clientSecrets_areKeptAsBcryptHashes_andTheDemoClientStillAuthenticatesWithItsConfiguredSecret() {
        String stored = clients.findByClientId(Tokens.DEMO_CLIENT).getClientSecret();

        assertThat(stored).startsWith("{bcrypt}$2").doesNotContain(Tokens.DEMO_SECRET);
        assertThat(fhirStatus(Tokens.demoClient(serverRoot(), "system/Patient.rs")))
                .isEqualTo(200);
        HttpResponse<String> wrongSecret = Tokens.postForm(
                serverRoot() + "/oauth2/token",
                Map.of("grant_type", "client_credentials", "scope", "system/Patient.rs"),
                basic(Tokens.DEMO_CLIENT, stored));
        assertThat(wrongSecret.statusCode()).as("the hash is not the secret").isEqualTo(401);
    }

    private JsonNode refresh(String refreshToken, String clientId) {
        return Tokens.tokenRequest(
                serverRoot(),
                Map.of("grant_type", "refresh_token", "refresh_token", refreshToken, "client_id", clientId),
                null);
    }

    private HttpResponse<String> revoke(Map<String, String> form, String authorization) {
        return Tokens.postForm(serverRoot() + "/oauth2/revoke", form, authorization);
    }

    private void assertRefusedWithin(String token, Duration patience) {
        Instant deadline = Instant.now().plus(patience);
        int status = fhirStatus(token);
        while (status != 401 && Instant.now().isBefore(deadline)) {
            sleep(100);
            status = fhirStatus(token);
        }
        assertThat(status).as("refused within " + patience.toMillis() + " ms").isEqualTo(401);
    }

    private int fhirStatus(String token) {
        return fhirGet(token).statusCode();
    }

    /** Reads Ana, whom every token of these tests may read: a system token, and the tokens of her logins. */
    private HttpResponse<String> fhirGet(String token) {
        return send(anonymousRequest("/fhir/Patient/" + ana).header("Authorization", "Bearer " + token));
    }

    private static String demoBasic() {
        return basic(Tokens.DEMO_CLIENT, Tokens.DEMO_SECRET);
    }

    private static String basic(String user, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }
}

package org.mediwox.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mediwox.server.support.BackendService;
import org.mediwox.server.support.ServerIT;
import org.mediwox.server.support.SmartLogin;
import org.mediwox.server.support.Tokens;

/**
 * What the built-in authorization server grants, with real tokens: the authorization request must name this FHIR
 * server in {@code aud}; an app or back-end service asking for more than it is registered for gets the intersection
 * (SMART v1 and v2 alike) instead of a refusal, and the token response's {@code scope} and the token's own {@code
 * scope} claim say exactly what was granted.
 */
class ScopeGrantsIT extends ServerIT {

    private static final String PATIENT_APP = "mediwox-patient-app";
    private static final String PATIENT_APP_REDIRECT = "http://127.0.0.1/app/";

    @Test
    void authorizationRequestWithoutAud_isRefusedOnTheAppsRedirectUri_beforeAnyLogin() {
        HttpResponse<String> answer =
                new SmartLogin(serverRoot()).authorizationRequest("launch/patient patient/*.rs", Map.of("aud", ""));

        assertOAuthError(answer, SmartLogin.REDIRECT_URI, "invalid_request");
    }

    @Test
    void authorizationRequestForAnotherServer_isRefusedOnTheAppsRedirectUri() {
        HttpResponse<String> answer = new SmartLogin(serverRoot())
                .authorizationRequest("launch/patient patient/*.rs", Map.of("aud", "https://evil.example/fhir"));

        assertOAuthError(answer, SmartLogin.REDIRECT_URI, "invalid_request");
    }

    @Test
    void audWithATrailingSlash_namesThisServerToo() {
        SmartLogin login = new SmartLogin(serverRoot());
        String code = login.authorize(
                SmartScopesIT.ANA_LOGIN, "launch/patient patient/*.rs", Map.of("aud", fhirBase() + "/"));

        assertThat(login.exchange(code, login.verifier()).statusCode()).isEqualTo(200);
    }

    @Test
    void patientAppAskingForPatientWildcardRead_getsTheReadAndSearchPartOfItsRegisteredScopes() {
        JsonNode answer = patientApp("openid fhirUser launch/patient patient/*.rs");

        Set<String> expected = Set.of(
                "openid",
                "fhirUser",
                "launch/patient",
                "patient/Patient.r",
                "patient/Appointment.rs",
                "patient/Slot.rs",
                "patient/Schedule.rs",
                "patient/PractitionerRole.rs",
                "patient/Practitioner.rs",
                "patient/Location.rs",
                "patient/DocumentReference.rs",
                "patient/Binary.r");
        assertThat(scopes(answer)).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(claimedScopes(answer)).containsExactlyInAnyOrderElementsOf(expected);
        String token = answer.get("access_token").asText();
        assertThat(get("/fhir/Slot?_count=1", token).statusCode()).isEqualTo(200);
        assertThat(get("/fhir/Appointment?_count=1", token).statusCode()).isEqualTo(200);
    }

    @Test
    void patientAppAskingForOneTypeInV2OrV1_getsItAsAsked() {
        JsonNode v2 = patientApp("launch/patient patient/Appointment.rs");
        JsonNode v1 = patientApp("launch/patient patient/Appointment.read");

        assertThat(scopes(v2)).containsExactlyInAnyOrder("launch/patient", "patient/Appointment.rs");
        assertThat(scopes(v1)).containsExactlyInAnyOrder("launch/patient", "patient/Appointment.read");
        assertThat(claimedScopes(v1)).containsExactlyInAnyOrder("launch/patient", "patient/Appointment.read");
        assertThat(get("/fhir/Appointment?_count=1", v1.get("access_token").asText())
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void patientAppAskingForMoreThanItMayHave_getsWhatItMayHave() {
        JsonNode answer = patientApp("launch/patient patient/Appointment.cruds patient/Observation.rs system/*.rs");

        assertThat(scopes(answer)).containsExactlyInAnyOrder("launch/patient", "patient/Appointment.crus");
    }

    @Test
    void appAskingForNothingItMayHave_getsInvalidScope_beforeAnyLogin() {
        HttpResponse<String> answer = new SmartLogin(serverRoot(), PATIENT_APP, PATIENT_APP_REDIRECT)
                .authorizationRequest("patient/Observation.rs system/*.rs", Map.of());

        assertOAuthError(answer, PATIENT_APP_REDIRECT, "invalid_scope");
    }

    @Test
    void backendService_getsTheSystemScopesItIsRegisteredFor_ofThoseItAsks() {
        JsonNode all = backendService("system/*.cruds patient/*.rs openid");
        JsonNode exact = backendService("system/*.rs");
        JsonNode v1 = backendService("system/Patient.read");

        // registered for system/*.rs and (BulkExportIT) system/Group.cud: both lie within system/*.cruds
        assertThat(scopes(all)).containsExactlyInAnyOrder("system/*.rs", BackendService.GROUP_WRITES);
        assertThat(claimedScopes(all)).containsExactlyInAnyOrder("system/*.rs", BackendService.GROUP_WRITES);
        assertThat(scopes(exact)).containsExactly("system/*.rs");
        assertThat(scopes(v1)).containsExactly("system/Patient.read");
        assertThat(get("/fhir/Patient?_count=1", all.get("access_token").asText())
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void backendServiceAskingForNothingItMayHave_getsInvalidScope() {
        HttpResponse<String> answer = backendServiceRequest("patient/*.rs user/*.rs");

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("invalid_scope");
    }

    @Test
    void demoClientAskingForAWriteOnTheAuditTrail_getsItsReadPart() {
        JsonNode answer = Tokens.tokenRequest(
                serverRoot(),
                Map.of("grant_type", "client_credentials", "scope", "system/AuditEvent.cruds system/Slot.rs"),
                "Basic "
                        + Base64.getEncoder()
                                .encodeToString((Tokens.DEMO_CLIENT + ":" + Tokens.DEMO_SECRET)
                                        .getBytes(StandardCharsets.UTF_8)));

        assertThat(scopes(answer)).containsExactlyInAnyOrder("system/AuditEvent.rs", "system/Slot.rs");
    }

    private JsonNode patientApp(String scope) {
        SmartLogin login = new SmartLogin(serverRoot(), PATIENT_APP, PATIENT_APP_REDIRECT);
        HttpResponse<String> answer = login.exchange(login.authorize(SmartScopesIT.ANA_LOGIN, scope), login.verifier());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return Tokens.json(answer.body());
    }

    private JsonNode backendService(String scope) {
        HttpResponse<String> answer = backendServiceRequest(scope);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return Tokens.json(answer.body());
    }

    private HttpResponse<String> backendServiceRequest(String scope) {
        String tokenEndpoint = serverRoot() + "/oauth2/token";
        return Tokens.postForm(
                tokenEndpoint,
                Map.of(
                        "grant_type",
                        "client_credentials",
                        "scope",
                        scope,
                        "client_assertion_type",
                        "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                        "client_assertion",
                        BackendService.assertion(tokenEndpoint)),
                null);
    }

    private static void assertOAuthError(HttpResponse<String> answer, String redirectUri, String error) {
        String location = answer.headers().firstValue("Location").orElse("");
        assertThat(answer.statusCode()).as(location + " " + answer.body()).isEqualTo(302);
        assertThat(location)
                .startsWith(redirectUri)
                .contains("error=" + error)
                .contains("state=")
                .doesNotContain("code=");
    }

    /** The token response's {@code scope}. */
    private static List<String> scopes(JsonNode tokenResponse) {
        return List.of(tokenResponse.get("scope").asText().split(" "));
    }

    /** The access token's own {@code scope} claim. */
    private static List<String> claimedScopes(JsonNode tokenResponse) {
        String payload = tokenResponse.get("access_token").asText().split("\\.")[1];
        JsonNode claims = Tokens.json(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8));
        return TokenValidationIT.texts(claims.get("scope"));
    }

    private HttpResponse<String> get(String path, String token) {
        return send(anonymousRequest(path).header("Authorization", "Bearer " + token));
    }
}

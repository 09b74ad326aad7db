package org.mediwox.server.security.authserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mediwox.server.security.AuthProperties;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/** The patient app served at /app as a client of the built-in authorization server. */
class SmartClientsTest {

    private static AuthProperties auth(boolean patientApp) {
        return new AuthProperties(
                "",
                "",
                Duration.ofMinutes(60),
                false,
                "demo",
                "secret",
                "mediwox",
                patientApp,
                true,
                List.of("*"),
                List.of(),
                Duration.ofDays(90));
    }

    @Test
    void thePatientAppIsAPublicPkceClientWithPatientScopes_deletingOnlyDocuments() {
        RegisteredClient app = SmartClients.of(auth(true), false, "").findByClientId("mediwox-patient-app");

        assertThat(app).isNotNull();
        assertThat(app.getClientAuthenticationMethods()).containsExactly(ClientAuthenticationMethod.NONE);
        assertThat(app.getClientSettings().isRequireProofKey()).isTrue();
        assertThat(app.getAuthorizationGrantTypes())
                .containsExactlyInAnyOrder(
                        AuthorizationGrantType.AUTHORIZATION_CODE, AuthorizationGrantType.REFRESH_TOKEN);
        assertThat(app.getRedirectUris()).containsExactlyInAnyOrder("http://127.0.0.1/app/", "http://[::1]/app/");
        assertThat(app.getScopes()).contains("launch/patient", "offline_access", "patient/Appointment.crus");
        assertThat(app.getScopes())
                .filteredOn(scope -> scope.contains("/") && !scope.startsWith("launch/"))
                .allSatisfy(scope -> {
                    assertThat(scope).startsWith("patient/");
                    // delete only for DocumentReference: a patient removes their own uploads (PatientUploads checks
                    // that the patient uploaded it); no appointment, patient or directory resource is deleted
                    if (!scope.startsWith("patient/DocumentReference.")) {
                        assertThat(scope.substring(scope.indexOf('.') + 1))
                                .as(scope)
                                .doesNotContain("d");
                    }
                });
        assertThat(app.getScopes()).contains("patient/DocumentReference.crds");
    }

    @Test
    void onTheConfiguredPublicUrlTheAppIsLetBackInThereToo() {
        RegisteredClient app =
                SmartClients.of(auth(true), false, "https://clinic.example").findByClientId("mediwox-patient-app");

        assertThat(app.getRedirectUris()).contains("https://clinic.example/app/");
    }

    @Test
    void switchedOffThereIsNoPatientAppClient() {
        assertThat(SmartClients.of(auth(false), false, "").findByClientId("mediwox-patient-app"))
                .isNull();
    }

    @Test
    void theClinicianWorkspaceIsAPublicPkceClient_forEhrLaunchAndStandalone_withUserScopes() {
        RegisteredClient app =
                SmartClients.of(auth(true), false, "https://clinic.example").findByClientId("mediwox-clinician-app");

        assertThat(app).isNotNull();
        assertThat(app.getClientAuthenticationMethods()).containsExactly(ClientAuthenticationMethod.NONE);
        assertThat(app.getClientSettings().isRequireProofKey()).isTrue();
        assertThat(app.getRedirectUris())
                .containsExactlyInAnyOrder(
                        "http://127.0.0.1/clinician/", "http://[::1]/clinician/", "https://clinic.example/clinician/");
        assertThat(app.getScopes())
                .contains(
                        "launch",
                        "openid",
                        "fhirUser",
                        "user/Appointment.cruds",
                        "user/PractitionerRole.rus",
                        "user/Task.rus",
                        "mediwox/overbook")
                .noneMatch(scope -> scope.startsWith("system/") || scope.startsWith("patient/"));
    }
}

package org.mediwox.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.server.RestfulServer;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.awaitility.Awaitility;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mediwox.plugin.access.OperationAccess;
import org.mediwox.server.support.ServerIT;
import org.mediwox.server.support.SmartLogin;
import org.mediwox.server.support.Tokens;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Operations declare their own access ({@link OperationAccess}) and the security layer reads the declaration: an
 * operation a module adds is reachable by declaring it, with no change to the server's security code, and an operation
 * without a declaration is refused to every token. The operations here are registered by the test itself, the way a
 * module registers its providers.
 */
class OperationAccessIT extends ServerIT {

    @Autowired
    private RestfulServer fhirServer;

    private final TestOperations operations = new TestOperations();
    private String ana;
    private String john;

    @BeforeEach
    void registerOperations() {
        fhirServer.registerProvider(operations);
        ana = demoPatient("patient-1");
        john = demoPatient("patient-2");
        awaitDeclared("/fhir/$declared-echo?subject=Patient/" + ana);
    }

    /**
     * Leaves the shared server as it was: HAPI's {@code unregisterProvider} drops a provider's resource-level bindings
     * but keeps its server-level operations bound, and the CapabilityStatement is cached (a stale one is served while
     * a new one is built). So the server-level bindings are removed here and the cached statement is rebuilt until it
     * no longer lists this test's operations: a test that reads the CapabilityStatement later sees the server's own.
     */
    @AfterEach
    void unregisterOperations() {
        fhirServer.unregisterProvider(operations);
        fhirServer.getServerBindings().removeIf(binding -> binding.getProvider() == operations);
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            send(anonymousRequest("/fhir/metadata").header("Cache-Control", "no-cache"));
            assertThat(send(anonymousRequest("/fhir/metadata")).body())
                    .doesNotContain("declared-echo")
                    .doesNotContain("undeclared-echo");
        });
    }

    @Test
    void undeclaredOperation_isRefusedEvenToASystemWildcardToken() {
        HttpResponse<String> answer = get("/fhir/$undeclared-echo", token());

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(403);
        assertThat(operations.undeclaredCalls).isZero();
    }

    @Test
    void declaredOperation_isAllowedToATokenWithTheDeclaredGrantAndRefusedWithout() {
        String patientReader = Tokens.demoClient(serverRoot(), "system/Patient.rs");
        String slotReader = Tokens.demoClient(serverRoot(), "system/Slot.rs");

        assertThat(get("/fhir/$declared-echo?subject=Patient/" + john, patientReader)
                        .statusCode())
                .isEqualTo(200);
        HttpResponse<String> refused = get("/fhir/$declared-echo?subject=Patient/" + john, slotReader);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
    }

    @Test
    void declaredPatientInput_keepsAPatientTokenToItsPatient() {
        String anaToken = SmartLogin.launch(serverRoot(), SmartScopesIT.ANA_LOGIN, "launch/patient patient/*.rs")
                .get("access_token")
                .asText();

        assertThat(get("/fhir/$declared-echo?subject=Patient/" + ana, anaToken).statusCode())
                .isEqualTo(200);
        HttpResponse<String> other = get("/fhir/$declared-echo?subject=Patient/" + john, anaToken);
        assertThat(other.statusCode()).as(other.body()).isEqualTo(403);
        assertThat(other.body()).contains("This token acts for Patient/" + ana + " only");
        HttpResponse<String> byIdentifier = get(
                "/fhir/$declared-echo?subject:identifier="
                        + URLEncoder.encode("https://mediwox.org/fhir/demo|patient-2", StandardCharsets.UTF_8),
                anaToken);
        assertThat(byIdentifier.statusCode()).as(byIdentifier.body()).isEqualTo(403);
        HttpResponse<String> nobody = get("/fhir/$declared-echo", anaToken);
        assertThat(nobody.statusCode())
                .as("the declaration says a patient's call must name its patient")
                .isEqualTo(403);
        assertThat(operations.echoed).doesNotContain("Patient/" + john);
    }

    @Test
    void patientTokenFindingByAnotherPatientsIdentifier_isRefused() {
        String anaToken = SmartLogin.launch(
                        serverRoot(), SmartScopesIT.ANA_LOGIN, "launch/patient patient/Slot.rs patient/Appointment.crs")
                .get("access_token")
                .asText();
        String window = "start=" + Instant.now().plus(Duration.ofDays(1)) + "&end="
                + Instant.now().plus(Duration.ofDays(8));

        HttpResponse<String> byIdentifier = get(
                "/fhir/Appointment/$find?" + window + "&patient-reference:identifier="
                        + URLEncoder.encode("https://mediwox.org/fhir/demo|patient-2", StandardCharsets.UTF_8),
                anaToken);
        HttpResponse<String> own =
                get("/fhir/Appointment/$find?" + window + "&patient-reference=Patient/" + ana, anaToken);

        assertThat(byIdentifier.statusCode()).as(byIdentifier.body()).isEqualTo(403);
        assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
    }

    @Test
    void patientTokenBookingForAPatientNotOnFile_isRefused() {
        String anaToken = SmartLogin.launch(
                        serverRoot(), SmartScopesIT.ANA_LOGIN, "launch/patient patient/Slot.rs patient/Appointment.crs")
                .get("access_token")
                .asText();
        Parameters booking = new Parameters();
        booking.addParameter()
                .setName("patient-resource")
                .setResource(new Patient()
                        .addIdentifier(new Identifier()
                                .setSystem("https://example.org/elsewhere")
                                .setValue("p-9")));
        booking.addParameter().setName("specialty").setValue(new StringType(SmartScopesIT.GP_SPECIALTY));

        HttpResponse<String> answer =
                post("/fhir/Appointment/$book", fhirContext.newJsonParser().encodeResourceToString(booking), anaToken);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(403);
        assertThat(answer.body()).contains("a Patient not on file");
    }

    /** Waits until the security layer has read the operations registered by this test. */
    private void awaitDeclared(String path) {
        Instant deadline = Instant.now().plusSeconds(10);
        while (get(path, token()).statusCode() != 200 && Instant.now().isBefore(deadline)) {
            sleep(200);
        }
    }

    private HttpResponse<String> get(String path, String token) {
        return send(anonymousRequest(path).header("Authorization", "Bearer " + token));
    }

    private HttpResponse<String> post(String path, String body, String token) {
        return send(anonymousRequest(path)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** What a module's provider looks like: one operation with a declaration, one without. */
    public static class TestOperations {

        volatile int undeclaredCalls;
        final java.util.List<String> echoed = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Operation(name = "$undeclared-echo", idempotent = true)
        public Parameters undeclared() {
            undeclaredCalls++;
            return new Parameters();
        }

        @Operation(name = "$declared-echo", idempotent = true)
        @OperationAccess(
                anyOf = @OperationAccess.Grant(type = "Patient", permission = 'r'),
                patientInputs = "subject",
                namesPatient = true)
        public Parameters declared(@OperationParam(name = "subject") StringType subject) {
            echoed.add(subject == null ? "" : subject.getValue());
            Parameters out = new Parameters();
            out.addParameter().setName("subject").setValue(subject);
            return out;
        }
    }
}

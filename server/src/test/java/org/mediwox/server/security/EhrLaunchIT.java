package org.mediwox.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.mediwox.server.support.ServerIT;
import org.mediwox.server.support.SmartLogin;
import org.mediwox.server.support.Tokens;

/**
 * EHR launch: the EHR registers the patient it launches an app for ({@code $smart-launch}), the app passes the opaque
 * {@code launch} value in its authorization request, a clinician logs in, and the token carries the EHR's patient.
 */
class EhrLaunchIT extends ServerIT {

    private static final String CLINICIAN = "amara.okafor@clinic.example.org";

    @Test
    void appLaunchedByTheEhr_getsTheEhrsPatient_forTheLoggedInClinician() {
        String john = demo(Patient.class, "patient-2");
        String launch = registerLaunch(token(), john);

        SmartLogin login = new SmartLogin(serverRoot());
        String code = login.authorize(CLINICIAN, "launch openid fhirUser user/*.rs", Map.of("launch", launch));
        HttpResponse<String> answer = login.exchange(code, login.verifier());

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode tokens = Tokens.json(answer.body());
        assertThat(tokens.get("patient").asText()).isEqualTo(john);
        assertThat(tokens.get("need_patient_banner").asBoolean()).isTrue();
        String idToken = new String(
                Base64.getUrlDecoder().decode(tokens.get("id_token").asText().split("\\.")[1]));
        assertThat(idToken)
                .contains("\"fhirUser\":\"Practitioner/" + demo(Practitioner.class, "practitioner-gp-1") + "\"");
        HttpResponse<String> read = send(anonymousRequest("/fhir/Patient/" + john)
                .header("Authorization", "Bearer " + tokens.get("access_token").asText()));
        assertThat(read.statusCode()).isEqualTo(200);
    }

    @Test
    void unknownLaunchValue_getsNoToken() {
        SmartLogin login = new SmartLogin(serverRoot());
        String code = login.authorize(CLINICIAN, "launch user/*.rs", Map.of("launch", "no-such-launch"));

        HttpResponse<String> answer = login.exchange(code, login.verifier());

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("invalid_request");
    }

    @Test
    void aPatientToken_cannotRegisterALaunch() {
        String anaToken = SmartLogin.launch(serverRoot(), SmartScopesIT.ANA_LOGIN, "launch/patient patient/*.rs")
                .get("access_token")
                .asText();

        HttpResponse<String> answer = post(anaToken, demo(Patient.class, "patient-1"));

        assertThat(answer.statusCode()).isEqualTo(403);
    }

    private String registerLaunch(String token, String patient) {
        HttpResponse<String> answer = post(token, patient);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        Parameters out = fhirContext.newJsonParser().parseResource(Parameters.class, answer.body());
        return out.getParameter("launch").getValue().primitiveValue();
    }

    private HttpResponse<String> post(String token, String patient) {
        Parameters in = new Parameters();
        in.addParameter().setName("patient").setValue(new Reference("Patient/" + patient));
        return send(anonymousRequest("/fhir/$smart-launch")
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        fhirContext.newJsonParser().encodeResourceToString(in))));
    }

    private <T extends org.hl7.fhir.instance.model.api.IBaseResource> String demo(Class<T> type, String identifier) {
        Bundle found = client().search()
                .forResource(type)
                .where(Patient.IDENTIFIER.exactly().systemAndCode("https://mediwox.org/fhir/demo", identifier))
                .returnBundle(Bundle.class)
                .execute();
        return found.getEntryFirstRep().getResource().getIdElement().getIdPart();
    }
}

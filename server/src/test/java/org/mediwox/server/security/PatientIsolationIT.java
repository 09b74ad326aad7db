package org.mediwox.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mediwox.server.support.Incidents;
import org.mediwox.server.support.ServerIT;
import org.mediwox.server.support.SmartLogin;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A patient's token reaches that patient's data on every path, each with a real token of the built-in server (Ana
 * García logs in, John Smith is the other patient): a practitioner gets no patient-scoped token, a patient-scoped token
 * without a patient is refused, a conditional create's match, {@code _has} in a chain or an include, and writes naming
 * another patient — alone or in a transaction — reveal or change nothing of John's.
 */
class PatientIsolationIT extends ServerIT {

    private static final String CLINICIAN = "amara.okafor@clinic.example.org";
    private static final String PATIENT_APP = "mediwox-patient-app";
    private static final String PATIENT_APP_REDIRECT = "http://127.0.0.1/app/";
    private static final String SECRETS = "https://example.org/isolation-test";

    @Autowired
    private JdbcTemplate jdbc;

    private String ana;
    private String john;
    private String anaToken;

    @BeforeEach
    void patients() {
        ana = demoPatient("patient-1");
        john = demoPatient("patient-2");
        anaToken = SmartLogin.launch(serverRoot(), SmartScopesIT.ANA_LOGIN, "launch/patient patient/*.cruds")
                .get("access_token")
                .asText();
    }

    @Test
    void practitionerSigningInToThePatientApp_getsAnOAuthErrorAndNoCode() {
        SmartLogin login = new SmartLogin(serverRoot(), PATIENT_APP, PATIENT_APP_REDIRECT);

        String callback = login.authorizationResponse(
                CLINICIAN, "openid fhirUser launch/patient patient/Appointment.crus", Map.of());

        assertThat(callback).contains("error=access_denied").doesNotContain("code=");
    }

    @Test
    void practitionerAskingAnyAppForPatientScopesWithoutALaunch_getsAnOAuthError() {
        String callback =
                new SmartLogin(serverRoot()).authorizationResponse(CLINICIAN, "launch/patient patient/*.rs", Map.of());

        assertThat(callback).contains("error=access_denied").doesNotContain("code=");
    }

    @Test
    void patientInThePatientApp_stillGetsItsToken() {
        SmartLogin login = new SmartLogin(serverRoot(), PATIENT_APP, PATIENT_APP_REDIRECT);
        String code =
                login.authorize(SmartScopesIT.ANA_LOGIN, "openid fhirUser launch/patient patient/Appointment.crus");

        HttpResponse<String> answer = login.exchange(code, login.verifier());

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).contains("\"patient\":\"" + ana + "\"");
    }

    @Test
    void patientScopedTokenWithoutPatientClaim_isRefusedEverywhere() {
        String withoutPatient = mint(null);
        String control = mint(ana);

        assertThat(status(get("/fhir/Slot?_count=1", control))).isEqualTo(200);
        HttpResponse<String> slots = get("/fhir/Slot?_count=1", withoutPatient);
        assertThat(slots.statusCode()).isEqualTo(401);
        assertThat(slots.body()).contains("OperationOutcome");
        assertThat(status(get("/fhir/Practitioner?_count=1", withoutPatient))).isEqualTo(401);
        assertThat(status(post("/fhir/Appointment/$book", "{\"resourceType\":\"Parameters\"}", withoutPatient)))
                .isEqualTo(401);
    }

    @Test
    void conditionalCreate_neverAnswersWithAnotherPatientsDocument() {
        String marker = UUID.randomUUID().toString();
        String johns = created(document(john, marker, "johns-secret-" + marker), token());
        created(document(john, marker, "johns-second-" + marker), token());

        HttpResponse<String> byId = postIfNoneExist(document(ana, "", "anas"), "_id=" + johns);
        HttpResponse<String> byIdentifier =
                postIfNoneExist(document(ana, "", "anas"), "identifier=" + SECRETS + "|" + marker);

        for (HttpResponse<String> answer : List.of(byId, byIdentifier)) {
            assertThat(answer.statusCode()).as(answer.body()).isNotIn(200, 412);
            assertThat(answer.body())
                    // HAPI may echo the conditional URL the client sent, never John's resource
                    .doesNotContain("\"id\":\"" + johns + "\"")
                    .doesNotContain("Patient/" + john)
                    .doesNotContain("johns-")
                    .doesNotContain("matched");
        }
    }

    @Test
    void conditionalCreate_neverAnswersWithAnotherPatientsAppointment() {
        String johns = bookFor(john);

        HttpResponse<String> answer = postIfNoneExist(appointment(ana), "_id=" + johns, "/fhir/Appointment");

        assertThat(answer.statusCode()).as(answer.body()).isNotIn(200, 412);
        assertThat(answer.body()).doesNotContain("\"id\":\"" + johns + "\"").doesNotContain("Patient/" + john);
    }

    @Test
    void hasInAChainOrAnInclude_isRefused() {
        HttpResponse<String> inChain = get(
                "/fhir/PractitionerRole?practitioner._has:Appointment:practitioner:patient=Patient/" + john, anaToken);
        HttpResponse<String> inInclude =
                get("/fhir/Practitioner?_revinclude=_has:Appointment:practitioner:patient", anaToken);
        HttpResponse<String> directoryChain = get("/fhir/Slot?schedule.actor:Patient.name=Smith", anaToken);

        assertThat(inChain.statusCode()).as(inChain.body()).isEqualTo(403);
        assertThat(inChain.body()).contains("_has");
        assertThat(inInclude.statusCode()).as(inInclude.body()).isIn(400, 403);
        assertThat(directoryChain.statusCode()).as(directoryChain.body()).isEqualTo(403);
    }

    @Test
    void writesNamingAnotherPatient_areRefused_andThePatientsOwnStillWork() {
        HttpResponse<String> appointment = post("/fhir/Appointment", appointment(ana, john), anaToken);
        assertThat(appointment.statusCode()).as(appointment.body()).isEqualTo(403);
        assertThat(appointment.body()).contains("Patient/" + john);

        String document = document(ana, "", "anas")
                .replace(
                        "\"status\":\"current\"",
                        "\"status\":\"current\",\"context\":{\"sourcePatientInfo\":{\"reference\":\"Patient/" + john
                                + "\"}}");
        HttpResponse<String> refused = post("/fhir/DocumentReference", document, anaToken);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
        assertThat(refused.body()).contains("Patient/" + john);

        String transaction = """
                {"resourceType":"Bundle","type":"transaction","entry":[
                  {"resource":%s,"request":{"method":"POST","url":"DocumentReference"}},
                  {"resource":%s,"request":{"method":"POST","url":"Appointment"}}]}""".formatted(document(ana, "", "anas"), appointment(ana, john));
        HttpResponse<String> inTransaction = post("/fhir", transaction, anaToken);
        assertThat(inTransaction.statusCode()).as(inTransaction.body()).isEqualTo(403);
        assertThat(inTransaction.body()).contains("Patient/" + john);

        HttpResponse<String> own = post("/fhir/DocumentReference", document(ana, "", "anas"), anaToken);
        assertThat(own.statusCode()).as(Incidents.describe(own.body())).isEqualTo(201);
    }

    @Test
    void transactionCreatingAnotherPatientAndWritingForIt_byUrnUuid_isRefusedWhole() {
        String marker = "urn-" + java.util.UUID.randomUUID();
        String transaction = """
                {"resourceType":"Bundle","type":"transaction","entry":[
                  {"fullUrl":"urn:uuid:7f1a2b3c-0000-4000-8000-000000000001",
                   "resource":{"resourceType":"Patient","name":[{"family":"%s"}]},
                   "request":{"method":"POST","url":"Patient"}},
                  {"resource":{"resourceType":"Appointment","status":"proposed","participant":[
                     {"actor":{"reference":"urn:uuid:7f1a2b3c-0000-4000-8000-000000000001"},"status":"needs-action"}]},
                   "request":{"method":"POST","url":"Appointment"}}]}""".formatted(marker);

        HttpResponse<String> answer = post("/fhir", transaction, anaToken);

        assertThat(answer.statusCode()).as(answer.body()).isIn(403);
        Bundle stored = client().search()
                .byUrl("Patient?family=" + marker)
                .returnBundle(Bundle.class)
                .execute();
        assertThat(stored.getEntry()).as("nothing of the transaction is stored").isEmpty();
    }

    @Test
    void conditionalEntriesOfABundle_areRefused() {
        String johns = created(document(john, "", "johns-bundled"), token());
        String transaction = """
                {"resourceType":"Bundle","type":"transaction","entry":[
                  {"resource":%s,"request":{"method":"POST","url":"DocumentReference","ifNoneExist":"_id=%s"}}]}""".formatted(document(ana, "", "anas"), johns);

        HttpResponse<String> answer = post("/fhir", transaction, anaToken);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(403);
        assertThat(answer.body()).doesNotContain("johns-bundled");
    }

    @Test
    void everything_answersThePatientsOwnRecord_withoutAnotherPatientItNames() {
        HttpResponse<String> family = post("/fhir/Appointment", appointment(ana, john), token());
        assertThat(family.statusCode()).as(family.body()).isEqualTo(201);
        String familyVisit = fhirContext
                .newJsonParser()
                .parseResource(family.body())
                .getIdElement()
                .getIdPart();
        try {
            everythingOfAnaAndJohn(familyVisit);
        } finally {
            // the test server is shared: other classes search Ana's appointments for any mention of John
            assertThat(send(anonymousRequest("/fhir/Appointment/" + familyVisit)
                                    .header("Authorization", "Bearer " + token())
                                    .DELETE())
                            .statusCode())
                    .isIn(200, 204);
        }
    }

    private void everythingOfAnaAndJohn(String familyVisit) {
        HttpResponse<String> own = get("/fhir/Patient/" + ana + "/$everything?_count=500", anaToken);
        HttpResponse<String> johns = get("/fhir/Patient/" + john + "/$everything", anaToken);
        HttpResponse<String> asSystem = get("/fhir/Patient/" + john + "/$everything?_count=500", token());

        assertThat(own.statusCode()).as(Incidents.describe(own.body())).isEqualTo(200);
        List<String> ownIds = ids(own);
        assertThat(ownIds).contains("Patient/" + ana, "Appointment/" + familyVisit);
        assertThat(ownIds).doesNotContain("Patient/" + john);
        assertThat(johns.statusCode()).as(Incidents.describe(johns.body())).isEqualTo(403);
        assertThat(johns.body()).doesNotContain("Smith");
        assertThat(asSystem.statusCode())
                .as(Incidents.describe(asSystem.body()))
                .isEqualTo(200);
        assertThat(ids(asSystem)).contains("Patient/" + john, "Appointment/" + familyVisit);
    }

    private List<String> ids(HttpResponse<String> searchset) {
        return fhirContext.newJsonParser().parseResource(Bundle.class, searchset.body()).getEntry().stream()
                .map(e -> e.getResource()
                        .getIdElement()
                        .toUnqualifiedVersionless()
                        .getValue())
                .toList();
    }

    private String document(String patient, String identifier, String title) {
        return """
                {"resourceType":"DocumentReference","status":"current",%s
                 "category":[{"coding":[{"system":"https://mediwox.org/fhir/CodeSystem/document-category","code":"attachment"}]}],
                 "subject":{"reference":"Patient/%s"},
                 "content":[{"attachment":{"contentType":"application/pdf","title":"%s","data":"JVBERi0xLjcKc2VjcmV0"}}]}""".formatted(
                        identifier.isEmpty()
                                ? ""
                                : "\"identifier\":[{\"system\":\"" + SECRETS + "\",\"value\":\"" + identifier + "\"}],",
                        patient,
                        title);
    }

    private static String appointment(String... patients) {
        StringBuilder participants = new StringBuilder();
        for (String patient : patients) {
            participants
                    .append(participants.isEmpty() ? "" : ",")
                    .append("{\"actor\":{\"reference\":\"Patient/")
                    .append(patient)
                    .append("\"},\"status\":\"needs-action\"}");
        }
        return "{\"resourceType\":\"Appointment\",\"status\":\"proposed\",\"participant\":[" + participants + "]}";
    }

    private String bookFor(String patient) {
        Parameters booking = new Parameters();
        booking.addParameter().setName("patient-reference").setValue(new Reference("Patient/" + patient));
        booking.addParameter().setName("specialty").setValue(new StringType(SmartScopesIT.GP_SPECIALTY));
        HttpResponse<String> answer =
                post("/fhir/Appointment/$book", fhirContext.newJsonParser().encodeResourceToString(booking), token());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        Bundle out = fhirContext.newJsonParser().parseResource(Bundle.class, answer.body());
        return out.getEntryFirstRep().getResource().getIdElement().getIdPart();
    }

    private String created(String body, String token) {
        HttpResponse<String> answer = post("/fhir/DocumentReference", body, token);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        return fhirContext
                .newJsonParser()
                .parseResource(answer.body())
                .getIdElement()
                .getIdPart();
    }

    private HttpResponse<String> postIfNoneExist(String body, String match) {
        return postIfNoneExist(body, match, "/fhir/DocumentReference");
    }

    private HttpResponse<String> postIfNoneExist(String body, String match, String path) {
        return send(anonymousRequest(path)
                .header("Authorization", "Bearer " + anaToken)
                .header("Content-Type", "application/fhir+json")
                .header("If-None-Exist", match)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** A token as the built-in server signs them, with patient scopes and the given patient claim (or none). */
    private String mint(String patient) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(serverRoot())
                .audience(fhirBase())
                .subject(CLINICIAN)
                .claim("client_id", SmartLogin.APP_CLIENT_ID)
                .claim("scope", List.of("patient/*.rs", "patient/Appointment.cruds"))
                .issueTime(new Date())
                .expirationTime(new Date(System.currentTimeMillis() + 300_000));
        if (patient != null) {
            claims.claim("patient", patient);
        }
        try {
            RSAKey key = RSAKey.parse(jdbc.queryForObject(
                    "select jwk from mediwox.oauth_signing_key order by created desc, kid desc limit 1", String.class));
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .keyID(key.getKeyID())
                            .build(),
                    claims.build());
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException(e);
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

    private static int status(HttpResponse<String> response) {
        return response.statusCode();
    }
}

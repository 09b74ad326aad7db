package org.mediwox.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mediwox.server.support.BackendService;
import org.mediwox.server.support.ServerIT;
import org.mediwox.server.support.SmartLogin;
import org.mediwox.server.support.Tokens;

/**
 * What each kind of token may do, each with a real token from the built-in server: a patient logged in through a
 * SMART app (authorization code with PKCE) sees and books only for themselves; a read-only token cannot write; a
 * back-end service ({@code private_key_jwt}) reads across patients within its scopes; Bundles are authorized entry by
 * entry. The demo patients Ana García and John Smith log in with their e-mail and the demo password.
 */
class SmartScopesIT extends ServerIT {

    static final String ANA_LOGIN = "ana.garcia@example.org";
    static final String GP_SPECIALTY = "http://snomed.info/sct|394814009";

    private String ana;
    private String john;

    @BeforeEach
    void demoPatients() {
        ana = demoPatient("patient-1");
        john = demoPatient("patient-2");
    }

    @Test
    void standaloneLaunch_givesAPatientTokenWithTheLaunchContext() {
        JsonNode answer = SmartLogin.launch(serverRoot(), ANA_LOGIN, "launch/patient openid fhirUser patient/*.rs");

        assertThat(answer.get("patient").asText()).isEqualTo(ana);
        assertThat(answer.get("need_patient_banner").asBoolean()).isTrue();
        assertThat(answer.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(answer.get("scope").asText()).contains("patient/*.rs");
        assertThat(answer.get("id_token"))
                .as("OpenID Connect id_token kept next to the launch context")
                .isNotNull();
        String idTokenClaims = new String(java.util.Base64.getUrlDecoder()
                .decode(answer.get("id_token").asText().split("\\.")[1]));
        assertThat(idTokenClaims).contains("\"fhirUser\":\"Patient/" + ana + "\"");
    }

    @Test
    void patientToken_readsAndSearchesOnlyItsOwnPatient() {
        IGenericClient asAna = client(anaToken("patient/*.cruds"));

        assertThat(asAna.read()
                        .resource(Patient.class)
                        .withId(ana)
                        .execute()
                        .getIdElement()
                        .getIdPart())
                .isEqualTo(ana);
        assertThat(status(get("/fhir/Patient/" + john, anaToken("patient/*.rs"))))
                .isEqualTo(403);

        Bundle all = asAna.search()
                .forResource(Patient.class)
                .returnBundle(Bundle.class)
                .execute();
        assertThat(all.getEntry())
                .extracting(e -> e.getResource().getIdElement().getIdPart())
                .containsExactly(ana);
        HttpResponse<String> byId = get("/fhir/Patient?_id=" + john, anaToken("patient/*.rs"));
        assertThat(byId.statusCode() == 403 || !byId.body().contains("\"id\":\"" + john + "\""))
                .as(byId.body())
                .isTrue();
    }

    @Test
    void patientToken_neverSeesAnotherPatientsAppointments_notEvenThroughIncludes() {
        String johns = bookFor(john, token()).getIdElement().getIdPart();
        String anas = bookFor(ana, token()).getIdElement().getIdPart();
        String anaToken = anaToken("patient/*.rs");

        HttpResponse<String> johnsByPatient = get("/fhir/Appointment?patient=Patient/" + john, anaToken);
        assertThat(johnsByPatient.statusCode() == 403 || !johnsByPatient.body().contains(johns))
                .as(johnsByPatient.body())
                .isTrue();
        assertThat(status(get("/fhir/Appointment/" + johns, anaToken))).isEqualTo(403);

        HttpResponse<String> withIncludes =
                get("/fhir/Appointment?_include=Appointment:patient&_include=Appointment:actor&_count=200", anaToken);
        assertThat(withIncludes.statusCode()).isEqualTo(200);
        assertThat(withIncludes.body())
                .contains("\"id\":\"" + anas + "\"")
                .doesNotContain("\"id\":\"" + johns + "\"")
                .doesNotContain("Patient/" + john);

        HttpResponse<String> revinclude = get("/fhir/Patient?_revinclude=Appointment:patient&_count=200", anaToken);
        assertThat(revinclude.body()).doesNotContain("\"id\":\"" + johns + "\"");

        HttpResponse<String> has = get("/fhir/Practitioner?_has:Appointment:practitioner:patient=" + john, anaToken);
        assertThat(has.statusCode()).isEqualTo(403);
    }

    @Test
    void patientToken_booksForItself_butNotForAnotherPatient() {
        String token = anaToken("patient/*.cruds");

        HttpResponse<String> forJohn = post("/fhir/Appointment/$book", poolBooking(john), token);
        assertThat(forJohn.statusCode()).as(forJohn.body()).isEqualTo(403);
        assertThat(forJohn.body()).contains("Patient/" + ana);

        HttpResponse<String> forAna = post("/fhir/Appointment/$book", poolBooking(ana), token);
        assertThat(forAna.statusCode()).as(forAna.body()).isEqualTo(200);
        assertThat(forAna.body()).contains("Patient/" + ana);

        HttpResponse<String> readOnly = post("/fhir/Appointment/$book", poolBooking(ana), anaToken("patient/*.rs"));
        assertThat(readOnly.statusCode()).isEqualTo(403);

        String johns = bookFor(john, token()).getIdElement().getIdPart();
        HttpResponse<String> cancelJohns =
                post("/fhir/Appointment/" + johns + "/$cancel", "{\"resourceType\":\"Parameters\"}", token);
        assertThat(cancelJohns.statusCode()).isEqualTo(403);
        // IHE's "book to cancel" naming John's appointment, dressed up as Ana's
        String bookToCancel = "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"appointment-resource\","
                + "\"resource\":{\"resourceType\":\"Appointment\",\"id\":\"" + johns + "\",\"status\":\"cancelled\","
                + "\"participant\":[{\"actor\":{\"reference\":\"Patient/" + ana + "\"},\"status\":\"declined\"}]}}]}";
        HttpResponse<String> cancelJohnsByBook = post("/fhir/Appointment/$book", bookToCancel, token);
        assertThat(cancelJohnsByBook.statusCode()).as(cancelJohnsByBook.body()).isEqualTo(403);
        assertThat(client().read()
                        .resource(Appointment.class)
                        .withId(johns)
                        .execute()
                        .getStatus())
                .isEqualTo(Appointment.AppointmentStatus.BOOKED);
    }

    @Test
    void aPatientUser_withUserScopes_stillReachesOnlyTheirOwnRecord() {
        String userScoped = SmartLogin.launch(serverRoot(), ANA_LOGIN, "openid fhirUser user/*.cruds")
                .get("access_token")
                .asText();

        assertThat(status(get("/fhir/Patient/" + ana, userScoped))).isEqualTo(200);
        assertThat(status(get("/fhir/Patient/" + john, userScoped))).isEqualTo(403);
        assertThat(get("/fhir/Patient?_count=200", userScoped).body()).doesNotContain("\"id\":\"" + john + "\"");
        assertThat(post("/fhir/Appointment/$book", poolBooking(john), userScoped)
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void readOnlyToken_cannotWrite() {
        String readOnly = Tokens.demoClient(serverRoot(), "system/*.rs");
        HttpResponse<String> created =
                post("/fhir/Patient", "{\"resourceType\":\"Patient\",\"active\":true}", readOnly);

        assertThat(created.statusCode()).isEqualTo(403);
        assertThat(created.body()).contains("OperationOutcome").contains("Creating Patient needs a scope");
    }

    @Test
    void systemReadToken_readsAcrossPatients() {
        String systemRead = Tokens.demoClient(serverRoot(), "system/*.rs");

        assertThat(status(get("/fhir/Patient/" + ana, systemRead))).isEqualTo(200);
        assertThat(status(get("/fhir/Patient/" + john, systemRead))).isEqualTo(200);
        // a search across patients (by id: other tests' patients would push these off a page of all of them)
        assertThat(get("/fhir/Patient?_id=" + ana + "," + john, systemRead).body())
                .contains("\"id\":\"" + ana + "\"")
                .contains("\"id\":\"" + john + "\"");
    }

    @Test
    void typeScopedToken_reachesOnlyItsType() {
        String slotsOnly = Tokens.demoClient(serverRoot(), "system/Slot.rs");

        assertThat(status(get("/fhir/Slot?_count=1", slotsOnly))).isEqualTo(200);
        assertThat(status(get("/fhir/Patient/" + ana, slotsOnly))).isEqualTo(403);
    }

    @Test
    void batchWithOneForbiddenEntry_refusesThatEntryOnly_andATransactionRefusesAll() {
        String token = anaToken("patient/*.cruds");
        String batch = """
                {"resourceType":"Bundle","type":"batch","entry":[
                  {"request":{"method":"GET","url":"Patient/%s"}},
                  {"request":{"method":"GET","url":"Patient/%s"}}]}""".formatted(ana, john);

        HttpResponse<String> answer = post("/fhir", batch, token);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        Bundle response = fhirContext.newJsonParser().parseResource(Bundle.class, answer.body());
        assertThat(response.getEntry().get(0).getResponse().getStatus()).startsWith("200");
        assertThat(response.getEntry().get(1).getResponse().getStatus()).startsWith("403");
        assertThat(answer.body()).doesNotContain("\"id\":\"" + john + "\"");

        String transaction = """
                {"resourceType":"Bundle","type":"transaction","entry":[
                  {"resource":{"resourceType":"Appointment","status":"proposed",
                    "participant":[{"actor":{"reference":"Patient/%s"},"status":"needs-action"}]},
                   "request":{"method":"POST","url":"Appointment"}},
                  {"resource":{"resourceType":"Appointment","status":"proposed",
                    "participant":[{"actor":{"reference":"Patient/%s"},"status":"needs-action"}]},
                   "request":{"method":"POST","url":"Appointment"}}]}""".formatted(ana, john);
        long before = appointmentsOf(ana);
        assertThat(post("/fhir", transaction, token).statusCode()).isEqualTo(403);
        assertThat(appointmentsOf(ana))
                .as("nothing of the refused transaction was stored")
                .isEqualTo(before);
    }

    @Test
    void backendService_withPrivateKeyJwt_getsASystemToken_andAWrongKeyGetsNone() {
        String tokenEndpoint = serverRoot() + "/oauth2/token";
        HttpResponse<String> good = Tokens.postForm(
                tokenEndpoint,
                Map.of(
                        "grant_type", "client_credentials",
                        "scope", "system/*.rs",
                        "client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                        "client_assertion", BackendService.assertion(tokenEndpoint)),
                null);
        assertThat(good.statusCode()).as(good.body()).isEqualTo(200);
        String token = Tokens.json(good.body()).get("access_token").asText();
        assertThat(status(get("/fhir/Patient/" + john, token))).isEqualTo(200);

        HttpResponse<String> wrongKey = Tokens.postForm(
                tokenEndpoint,
                Map.of(
                        "grant_type", "client_credentials",
                        "scope", "system/*.rs",
                        "client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                        "client_assertion", BackendService.assertionWithWrongKey(tokenEndpoint)),
                null);
        assertThat(wrongKey.statusCode()).isEqualTo(401);
        assertThat(wrongKey.body()).contains("invalid_client");
    }

    @Test
    void filteredScope_reachesOnlyWhatItsFilterMatches() {
        String busySlot =
                bookFor(john, token()).getSlotFirstRep().getReferenceElement().getIdPart();
        String tokenEndpoint = serverRoot() + "/oauth2/token";
        HttpResponse<String> granted = Tokens.postForm(
                tokenEndpoint,
                Map.of(
                        "grant_type",
                        "client_credentials",
                        "scope",
                        BackendService.FREE_SLOTS_ONLY,
                        "client_assertion_type",
                        "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                        "client_assertion",
                        BackendService.assertion(tokenEndpoint)),
                null);
        assertThat(granted.statusCode()).as(granted.body()).isEqualTo(200);
        String freeSlotsOnly = Tokens.json(granted.body()).get("access_token").asText();

        HttpResponse<String> search = get("/fhir/Slot?_count=50", freeSlotsOnly);
        assertThat(search.statusCode()).as(search.body()).isEqualTo(200);
        Bundle slots = fhirContext.newJsonParser().parseResource(Bundle.class, search.body());
        assertThat(slots.getEntry())
                .isNotEmpty()
                .allSatisfy(e -> assertThat(((org.hl7.fhir.r4.model.Slot) e.getResource()).getStatus())
                        .isEqualTo(org.hl7.fhir.r4.model.Slot.SlotStatus.FREE));
        assertThat(status(get("/fhir/Slot/" + busySlot, freeSlotsOnly))).isEqualTo(403);
        assertThat(status(get("/fhir/Patient/" + ana, freeSlotsOnly))).isEqualTo(403);
    }

    @Test
    void pkceWithTheWrongVerifier_getsNoToken() {
        SmartLogin login = new SmartLogin(serverRoot());
        String code = login.authorize(ANA_LOGIN, "launch/patient patient/*.rs");

        HttpResponse<String> answer = login.exchange(code, new SmartLogin(serverRoot()).verifier());

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("invalid_grant");
    }

    @Test
    void offlineAccess_givesARefreshToken_thatKeepsThePatientContext() {
        JsonNode first = SmartLogin.launch(serverRoot(), ANA_LOGIN, "launch/patient offline_access patient/*.rs");
        assertThat(first.get("refresh_token")).isNotNull();

        JsonNode refreshed = Tokens.tokenRequest(
                serverRoot(),
                Map.of(
                        "grant_type",
                        "refresh_token",
                        "refresh_token",
                        first.get("refresh_token").asText(),
                        "client_id",
                        SmartLogin.APP_CLIENT_ID),
                null);

        assertThat(refreshed.get("patient").asText()).isEqualTo(ana);
        assertThat(status(get(
                        "/fhir/Patient/" + ana, refreshed.get("access_token").asText())))
                .isEqualTo(200);
    }

    String anaToken(String scope) {
        return SmartLogin.launch(serverRoot(), ANA_LOGIN, "launch/patient " + scope)
                .get("access_token")
                .asText();
    }

    private Appointment bookFor(String patient, String token) {
        HttpResponse<String> answer = post("/fhir/Appointment/$book", poolBooking(patient), token);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        Bundle out = fhirContext.newJsonParser().parseResource(Bundle.class, answer.body());
        return (Appointment) out.getEntryFirstRep().getResource();
    }

    private String poolBooking(String patient) {
        org.hl7.fhir.r4.model.Parameters parameters = new org.hl7.fhir.r4.model.Parameters();
        parameters.addParameter().setName("patient-reference").setValue(new Reference("Patient/" + patient));
        parameters.addParameter().setName("specialty").setValue(new org.hl7.fhir.r4.model.StringType(GP_SPECIALTY));
        return fhirContext.newJsonParser().encodeResourceToString(parameters);
    }

    private long appointmentsOf(String patient) {
        return client().search()
                .forResource(Appointment.class)
                .where(Appointment.PATIENT.hasId("Patient/" + patient))
                .returnBundle(Bundle.class)
                .count(0)
                .summaryMode(ca.uhn.fhir.rest.api.SummaryEnum.COUNT)
                .execute()
                .getTotal();
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

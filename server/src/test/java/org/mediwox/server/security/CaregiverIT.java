package org.mediwox.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.RelatedPerson;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mediwox.server.support.ServerIT;
import org.mediwox.server.support.SmartLogin;
import org.mediwox.server.support.TestPool;
import org.mediwox.server.support.Tokens;

/**
 * A caregiver signs in and acts for a patient they are the proxy of, with real tokens of the built-in server: the demo
 * patient John Smith is also the father (RelatedPerson, v3 RoleCode {@code FTH}) of Lily and Max. His login chooses
 * whom the app acts for on the patient picker; the token then carries that patient and {@code fhirUser}
 * {@code RelatedPerson/[id]}, and reaches that patient only.
 */
class CaregiverIT extends ServerIT {

    static final String JOHN_LOGIN = "john.smith@example.org";
    private static final String SCOPES = "launch/patient openid fhirUser patient/*.cruds";

    private String john;
    private String lily;
    private String max;
    private String ana;

    @BeforeEach
    void family() {
        john = demoPatient("patient-2");
        lily = demoPatient("patient-5");
        max = demoPatient("patient-6");
        ana = demoPatient("patient-1");
    }

    @Test
    void parentChoosingAChild_getsATokenForTheChildAsItsRelatedPerson() {
        JsonNode answer = SmartLogin.launchFor(serverRoot(), JOHN_LOGIN, SCOPES, lily);
        String token = answer.get("access_token").asText();

        assertThat(answer.get("patient").asText()).isEqualTo(lily);
        assertThat(claims(token).get("fhirUser").asText()).startsWith("RelatedPerson/");
        assertThat(claims(answer.get("id_token").asText()).get("fhirUser").asText())
                .isEqualTo(claims(token).get("fhirUser").asText());
        RelatedPerson father = client().read()
                .resource(RelatedPerson.class)
                .withId(new IdType(claims(token).get("fhirUser").asText()))
                .execute();
        assertThat(father.getPatient().getReferenceElement().getIdPart()).isEqualTo(lily);

        assertThat(get("/fhir/Patient/" + lily, token).statusCode()).isEqualTo(200);
        assertThat(get("/fhir/Patient/" + max, token).statusCode())
                .as("another child is another patient: choose again")
                .isEqualTo(403);
        assertThat(get("/fhir/Patient/" + john, token).statusCode()).isEqualTo(403);
    }

    @Test
    void parentActingForAChild_booksForThatChildOnly() {
        String token = SmartLogin.launchFor(serverRoot(), JOHN_LOGIN, SCOPES, lily)
                .get("access_token")
                .asText();

        HttpResponse<String> forLily = post("/fhir/Appointment/$book", booking(lily), token);
        HttpResponse<String> forMax = post("/fhir/Appointment/$book", booking(max), token);

        assertThat(forLily.statusCode()).as(forLily.body()).isEqualTo(200);
        assertThat(forLily.body()).contains("Patient/" + lily);
        assertThat(forMax.statusCode()).as(forMax.body()).isEqualTo(403);
        assertThat(forMax.body())
                .as("the security layer's refusal carries the booking-refusal code too")
                .contains("https://mediwox.org/fhir/CodeSystem/booking-refusal", "\"not-permitted\"");
    }

    @Test
    void parentChoosingThemself_actsAsThePatient() {
        JsonNode answer = SmartLogin.launchFor(serverRoot(), JOHN_LOGIN, SCOPES, john);

        assertThat(answer.get("patient").asText()).isEqualTo(john);
        assertThat(claims(answer.get("access_token").asText()).get("fhirUser").asText())
                .isEqualTo("Patient/" + john);
    }

    @Test
    void picker_offersOnlyThoseTheLoginMayActFor_andRefusesAnyOther() {
        SmartLogin login = new SmartLogin(serverRoot());
        HttpResponse<String> signedIn = login.signIn(JOHN_LOGIN, SCOPES, Map.of());
        assertThat(signedIn.headers().firstValue("Location").orElse("")).contains("/login/patient");

        String page = login.pickerPage().body();
        assertThat(page)
                .contains("value=\"" + john + "\"", "value=\"" + lily + "\"", "value=\"" + max + "\"")
                .contains("Lily Smith", "Max Smith")
                .doesNotContain("value=\"" + ana + "\"");
        HttpResponse<String> other = login.choose(ana);
        assertThat(other.statusCode()).isEqualTo(400);
        assertThat(other.headers().firstValue("Location")).isEmpty();
    }

    @Test
    void relatedPersonWithoutAProxyRelationship_givesNoRights() {
        RelatedPerson contact = new RelatedPerson();
        contact.setActive(true);
        contact.setPatient(new Reference("Patient/" + ana));
        contact.addRelationship(new CodeableConcept()
                .addCoding(new Coding("http://terminology.hl7.org/CodeSystem/v2-0131", "C", "Emergency Contact")));
        contact.addTelecom().setSystem(ContactPoint.ContactPointSystem.EMAIL).setValue(JOHN_LOGIN);
        IdType id = (IdType) client().create().resource(contact).execute().getId();
        try {
            SmartLogin login = new SmartLogin(serverRoot());
            login.signIn(JOHN_LOGIN, SCOPES, Map.of());

            assertThat(login.pickerPage().body())
                    .as("an emergency contact is not a proxy")
                    .doesNotContain("value=\"" + ana + "\"");
        } finally {
            client().delete().resourceById(id.toUnqualifiedVersionless()).execute();
        }
    }

    @Test
    void proxyEnded_theCaregiversRefreshTokenNoLongerWorks() {
        RelatedPerson guardian = new RelatedPerson();
        guardian.setActive(true);
        guardian.setPatient(new Reference("Patient/" + ana));
        guardian.addRelationship(new CodeableConcept()
                .addCoding(new Coding("http://terminology.hl7.org/CodeSystem/v3-RoleCode", "GUARD", "guardian")));
        guardian.addTelecom().setSystem(ContactPoint.ContactPointSystem.EMAIL).setValue(JOHN_LOGIN);
        IdType id = (IdType) client().create().resource(guardian).execute().getId();
        try {
            JsonNode launched = SmartLogin.launchFor(
                    serverRoot(), JOHN_LOGIN, "launch/patient offline_access patient/Patient.r", ana);
            String refreshToken = launched.get("refresh_token").asText();
            assertThat(refresh(refreshToken).get("access_token"))
                    .as("a proxy refreshes")
                    .isNotNull();

            RelatedPerson ended = client().read()
                    .resource(RelatedPerson.class)
                    .withId(id.toUnqualifiedVersionless())
                    .execute();
            ended.setActive(false);
            client().update().resource(ended).execute();

            JsonNode refused = refresh(refreshToken);
            assertThat(refused.path("error").asText()).isEqualTo("invalid_grant");
            assertThat(refused.has("access_token")).isFalse();
        } finally {
            client().delete().resourceById(id.toUnqualifiedVersionless()).execute();
        }
    }

    @Test
    void patientApp_signsInACaregiverForTheChildChosen() {
        SmartLogin app = new SmartLogin(serverRoot(), "mediwox-patient-app", "http://127.0.0.1/app/");

        String callback = app.authorizationResponse(
                JOHN_LOGIN, "openid fhirUser launch/patient patient/Appointment.crus", Map.of(), max);

        assertThat(callback).contains("code=").doesNotContain("error=");
    }

    @Test
    void familyAppointment_searchedWithIncludes_leavesOutOnlyWhatTheTokenMayNotRead() {
        TestPool clinic = TestPool.create(client(), 1, 0, 0);
        String role = "PractitionerRole/" + clinic.roleIds().get(0);
        String location = "Location/" + clinic.locationId();
        Instant at = Instant.now()
                .plus(Duration.ofDays(60))
                .truncatedTo(ChronoUnit.MINUTES)
                .plus(Duration.ofMinutes(System.nanoTime() % 10_000));
        String family = appointment(at, "Patient/" + john, "Patient/" + lily, role, location);
        String anas = appointment(at.plus(Duration.ofHours(1)), "Patient/" + ana, role, location);
        String token = SmartLogin.launchFor(serverRoot(), JOHN_LOGIN, SCOPES, john)
                .get("access_token")
                .asText();

        HttpResponse<String> included =
                get("/fhir/Appointment?patient=" + john + "&_id=" + family + "&_include=Appointment:actor", token);
        HttpResponse<String> revIncluded =
                get("/fhir/PractitionerRole?_id=" + clinic.roleIds().get(0) + "&_revinclude=Appointment:actor", token);

        assertThat(included.statusCode()).as(included.body()).isEqualTo(200);
        assertThat(fullUrls(included))
                .anyMatch(u -> u.endsWith("/Appointment/" + family))
                .anyMatch(u -> u.endsWith("/Patient/" + john))
                .anyMatch(u -> u.endsWith("/" + role))
                .anyMatch(u -> u.endsWith("/" + location))
                .noneMatch(u -> u.endsWith("/Patient/" + lily));
        assertThat(revIncluded.statusCode()).as(revIncluded.body()).isEqualTo(200);
        assertThat(fullUrls(revIncluded))
                .anyMatch(u -> u.endsWith("/Appointment/" + family))
                .noneMatch(u -> u.endsWith("/Appointment/" + anas));
        assertThat(get("/fhir/Patient/" + lily, token).statusCode())
                .as("a direct read of the other patient is still refused")
                .isEqualTo(403);
        assertThat(get("/fhir/Appointment/" + anas, token).statusCode()).isEqualTo(403);
    }

    /** A booked Appointment of these actors (no Slot), stored with the back-end token; its id. */
    private String appointment(Instant start, String... actors) {
        Appointment appointment = new Appointment().setStatus(Appointment.AppointmentStatus.BOOKED);
        appointment.setStart(Date.from(start)).setEnd(Date.from(start.plus(Duration.ofMinutes(20))));
        for (String actor : actors) {
            appointment
                    .addParticipant()
                    .setActor(new Reference(actor))
                    .setStatus(Appointment.ParticipationStatus.ACCEPTED);
        }
        return client().create().resource(appointment).execute().getId().getIdPart();
    }

    private List<String> fullUrls(HttpResponse<String> searched) {
        Bundle bundle = fhirContext.newJsonParser().parseResource(Bundle.class, searched.body());
        return bundle.getEntry().stream()
                .map(Bundle.BundleEntryComponent::getFullUrl)
                .toList();
    }

    private JsonNode refresh(String refreshToken) {
        return Tokens.json(Tokens.postForm(
                        serverRoot() + "/oauth2/token",
                        Map.of(
                                "grant_type",
                                "refresh_token",
                                "refresh_token",
                                refreshToken,
                                "client_id",
                                SmartLogin.APP_CLIENT_ID),
                        null)
                .body());
    }

    private String booking(String patient) {
        Parameters parameters = new Parameters();
        parameters.addParameter().setName("patient-reference").setValue(new Reference("Patient/" + patient));
        parameters.addParameter().setName("specialty").setValue(new StringType(SmartScopesIT.GP_SPECIALTY));
        return fhirContext.newJsonParser().encodeResourceToString(parameters);
    }

    private static JsonNode claims(String jwt) {
        return Tokens.json(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8));
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
}

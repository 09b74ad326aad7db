package org.mediwox.server.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;
import org.mediwox.notification.planning.NotificationPlanner;
import org.mediwox.server.booking.BookingClient;
import org.mediwox.server.support.ServerIT;
import org.mediwox.server.support.SesLocal;
import org.mediwox.server.support.SmartLogin;
import org.mediwox.server.support.TestPool;

/**
 * {@code Patient/[id]/$notification-preferences}: a patient's choice of channels for appointment messages, stored on
 * the Patient and honoured by the notification module; reachable only as a read (and, to change it, an update) of that
 * Patient would be.
 */
class NotificationPreferencesIT extends ServerIT {

    private static final String OPERATION = "$notification-preferences";
    private static final String ANA_LOGIN = "ana.garcia@example.org";

    private final SesLocal ses = SesLocal.shared();

    @Test
    void smsTurnedOff_isStoredOnThePatient_andTheBookingsTextsAreSkipped_whileItsEmailGoesOut() {
        TestPool pool = TestPool.create(client(), 1, 2, 0);
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String email = tag + "@example.org";
        String phone = "+1202" + (1_000_000 + Math.abs(tag.hashCode() % 8_999_999));
        Patient patient = new Patient();
        patient.addName().setFamily("Prefers-" + tag).addGiven("Sam");
        patient.addTelecom().setSystem(ContactPoint.ContactPointSystem.EMAIL).setValue(email);
        patient.addTelecom()
                .setSystem(ContactPoint.ContactPointSystem.PHONE)
                .setUse(ContactPoint.ContactPointUse.MOBILE)
                .setValue(phone);
        String id = client().create().resource(patient).execute().getId().getIdPart();

        Parameters before = preferences(id);
        assertThat(channel(before, "email")).isEqualTo(new Channel(email, true, null));
        assertThat(channel(before, "sms")).isEqualTo(new Channel(phone, true, null));

        Parameters after = choose(id, "sms", false);

        assertThat(channel(after, "sms")).isEqualTo(new Channel(phone, false, null));
        assertThat(channel(after, "email")).isEqualTo(new Channel(email, true, null));
        ContactPoint stored = read(id).getTelecom().stream()
                .filter(c -> c.getSystem() == ContactPoint.ContactPointSystem.PHONE)
                .findFirst()
                .orElseThrow();
        assertThat(stored.getExtensionByUrl(NotificationPlanner.OPT_OUT_EXTENSION)
                        .getValue())
                .as("the choice is on the Patient, where any FHIR client reads it")
                .isInstanceOfSatisfying(
                        BooleanType.class, b -> assertThat(b.booleanValue()).isTrue());
        assertThat(preferences(id))
                .as("answered as stored")
                .satisfies(p -> assertThat(channel(p, "sms").enabled()).isFalse());

        Appointment booked = book(pool, id);

        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> !ses.emailsTo(email).isEmpty());
        List<Communication> texts = notifications(booked).stream()
                .filter(c -> "SMS".equals(c.getMediumFirstRep().getText()))
                .toList();
        assertThat(texts)
                .as("the confirmation and reminders by SMS")
                .isNotEmpty()
                .allSatisfy(c -> {
                    assertThat(c.getStatus()).isEqualTo(Communication.CommunicationStatus.NOTDONE);
                    assertThat(c.getStatusReason().getText())
                            .contains("skipped")
                            .contains("opted out of SMS");
                });

        Parameters on = choose(id, "sms", true);

        assertThat(channel(on, "sms")).isEqualTo(new Channel(phone, true, null));
        assertThat(read(id).getTelecom())
                .allSatisfy(c -> assertThat(c.getExtensionByUrl(NotificationPlanner.OPT_OUT_EXTENSION))
                        .isNull());
    }

    @Test
    void aChannelWithoutAnAddress_saysSo_andAnUnusableNumberIsNamed() {
        Patient patient = new Patient();
        patient.addName().setFamily("NoMail").addGiven("Kim");
        patient.addTelecom().setSystem(ContactPoint.ContactPointSystem.SMS).setValue("555-0199");
        String id = client().create().resource(patient).execute().getId().getIdPart();

        Parameters answer = preferences(id);

        assertThat(channel(answer, "email")).isEqualTo(new Channel(null, false, "no-address"));
        assertThat(channel(answer, "sms")).isEqualTo(new Channel("555-0199", true, "not-e164"));
    }

    @Test
    void patientToken_changesOnlyItsOwnPatient_andOnlyWithAnUpdateScope() {
        String ana = demoPatient("patient-1");
        String john = demoPatient("patient-2");
        String reader = SmartLogin.launch(serverRoot(), ANA_LOGIN, "launch/patient patient/Patient.r")
                .get("access_token")
                .asText();
        String writer = SmartLogin.launch(serverRoot(), ANA_LOGIN, "launch/patient patient/Patient.ru")
                .get("access_token")
                .asText();
        boolean emailBefore = channel(preferences(ana), "email").enabled();
        try {
            assertThat(get(ana, reader).statusCode())
                    .as("reading the own choice")
                    .isEqualTo(200);
            HttpResponse<String> others = get(john, writer);
            assertThat(others.statusCode()).as(others.body()).isEqualTo(403);
            assertThat(post(john, "email", false, writer).statusCode()).isEqualTo(403);
            HttpResponse<String> readOnly = post(ana, "email", !emailBefore, reader);
            assertThat(readOnly.statusCode())
                    .as("a read scope does not change the Patient: " + readOnly.body())
                    .isEqualTo(403);
            assertThat(channel(preferences(ana), "email").enabled()).isEqualTo(emailBefore);
            HttpResponse<String> byGet =
                    send(request(ana, "?email=false", writer).GET());
            assertThat(byGet.statusCode()).isEqualTo(400);
            assertThat(byGet.body()).contains("only with POST");

            HttpResponse<String> own = post(ana, "email", !emailBefore, writer);

            assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
            assertThat(channel(preferences(ana), "email").enabled()).isEqualTo(!emailBefore);
        } finally {
            choose(ana, "email", emailBefore);
        }
    }

    private record Channel(String address, boolean enabled, String problem) {}

    private static Channel channel(Parameters answer, String system) {
        ParametersParameterComponent channel = answer.getParameter().stream()
                .filter(p -> p.getName().equals("channel"))
                .filter(p -> part(p, "system").equals(system))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no channel " + system));
        return new Channel(
                part(channel, "address"), Boolean.parseBoolean(part(channel, "enabled")), part(channel, "problem"));
    }

    private static String part(ParametersParameterComponent parameter, String name) {
        return parameter.getPart().stream()
                .filter(p -> p.getName().equals(name))
                .map(p -> p.getValue().primitiveValue())
                .findFirst()
                .orElse(null);
    }

    private Parameters preferences(String patientId) {
        return client().operation()
                .onInstance(new IdType("Patient", patientId))
                .named(OPERATION)
                .withNoParameters(Parameters.class)
                .useHttpGet()
                .execute();
    }

    private Parameters choose(String patientId, String channel, boolean enabled) {
        Parameters choice = new Parameters();
        choice.addParameter().setName(channel).setValue(new BooleanType(enabled));
        return client().operation()
                .onInstance(new IdType("Patient", patientId))
                .named(OPERATION)
                .withParameters(choice)
                .execute();
    }

    private Patient read(String id) {
        return client().read().resource(Patient.class).withId(id).execute();
    }

    private HttpRequest.Builder request(String patientId, String query, String token) {
        return anonymousRequest("/fhir/Patient/" + patientId + "/" + OPERATION + query)
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/fhir+json");
    }

    private HttpResponse<String> get(String patientId, String token) {
        return send(request(patientId, "", token).GET());
    }

    private HttpResponse<String> post(String patientId, String channel, boolean enabled, String token) {
        String body = "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"" + channel + "\",\"valueBoolean\":"
                + enabled + "}]}";
        return send(request(patientId, "", token)
                .header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private Appointment book(TestPool pool, String patientId) {
        BookingClient.Answer answer = new BookingClient(fhirBase(), fhirContext, token())
                .book(
                        BookingClient.poolRequest(patientId, pool.specialtyToken()),
                        UUID.randomUUID().toString());
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.appointment();
    }

    private List<Communication> notifications(Appointment appointment) {
        Bundle bundle = client().operation()
                .onServer()
                .named("$notifications")
                .withParameter(
                        Parameters.class,
                        "appointment",
                        new StringType(appointment.getIdElement().getIdPart()))
                .returnResourceType(Bundle.class)
                .useHttpGet()
                .execute();
        return bundle.getEntry().stream()
                .map(e -> (Communication) e.getResource())
                .toList();
    }
}

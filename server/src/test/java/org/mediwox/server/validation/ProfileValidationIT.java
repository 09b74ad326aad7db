package org.mediwox.server.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.mediwox.ig.MediwoxPackage;
import org.mediwox.server.support.ServerIT;

/**
 * The server validates resources of profiled types against the implementation guide's profiles: a request that breaks
 * a profile is refused with 422 and an OperationOutcome naming the element and the rule, and changes nothing.
 */
class ProfileValidationIT extends ServerIT {

    @Test
    void appointmentEndingBeforeItStarts_isRefusedWith422_namingTheRule_andNotStored() {
        String marker = "validation-" + UUID.randomUUID();
        String appointment = """
                {"resourceType":"Appointment","identifier":[{"system":"urn:test","value":"%s"}],
                 "status":"booked","start":"2026-12-01T09:30:00Z","end":"2026-12-01T09:00:00Z",
                 "participant":[{"actor":{"reference":"Patient/%s"},"status":"accepted"}]}""".formatted(marker, demoPatient("patient-1"));

        HttpResponse<String> response = post("/fhir/Appointment", appointment);

        assertThat(response.statusCode()).isEqualTo(422);
        OperationOutcome outcome = fhirContext.newJsonParser().parseResource(OperationOutcome.class, response.body());
        assertThat(outcome.getIssue()).anySatisfy(issue -> {
            assertThat(issue.getDiagnostics())
                    .contains("mwx-appt-1")
                    .contains("ends after it starts")
                    .contains("https://mediwox.org/fhir/StructureDefinition/mediwox-appointment");
            assertThat(issue.getExpression().get(0).getValue()).startsWith("Appointment");
        });
        assertThat(client().search()
                        .byUrl("Appointment?identifier=urn:test|" + marker)
                        .returnBundle(Bundle.class)
                        .execute()
                        .getEntry())
                .as("nothing stored")
                .isEmpty();
    }

    @Test
    void updateThatBreaksTheProfile_isRefused_andTheStoredVersionStays() {
        Patient patient = new Patient();
        patient.addName().setFamily("Validated");
        patient.addTelecom()
                .setSystem(org.hl7.fhir.r4.model.ContactPoint.ContactPointSystem.EMAIL)
                .setValue("validated@example.org");
        String id = client().create().resource(patient).execute().getId().getIdPart();
        String broken = """
                {"resourceType":"Patient","id":"%s","name":[{"family":"Validated"}],
                 "telecom":[{"system":"email","value":"validated@example.org",
                   "extension":[{"url":"https://mediwox.org/fhir/StructureDefinition/notification-opt-out",
                                 "valueString":"yes"}]}]}""".formatted(id);

        HttpResponse<String> response = send(request("/fhir/Patient/" + id)
                .header("Content-Type", "application/fhir+json")
                .PUT(HttpRequest.BodyPublishers.ofString(broken)));

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body()).contains("notification-opt-out").contains("boolean");
        Patient stored = client().read().resource(Patient.class).withId(id).execute();
        assertThat(stored.getIdElement().getVersionIdPart()).isEqualTo("1");
    }

    @Test
    void slotsAndSchedulesAreValidatedInsideTransactionsToo_nothingOfTheBundleIsStored() {
        String marker = "validation-" + UUID.randomUUID();
        String transaction = """
                {"resourceType":"Bundle","type":"transaction","entry":[
                 {"fullUrl":"urn:uuid:11111111-1111-1111-1111-111111111111",
                  "resource":{"resourceType":"Schedule","identifier":[{"system":"urn:test","value":"%s"}],
                   "actor":[{"reference":"Practitioner/%s"}]},
                  "request":{"method":"POST","url":"Schedule"}},
                 {"resource":{"resourceType":"Slot","identifier":[{"system":"urn:test","value":"%s"}],
                   "schedule":{"reference":"urn:uuid:11111111-1111-1111-1111-111111111111"},"status":"free",
                   "start":"2026-12-01T09:00:00Z","end":"2026-12-01T09:00:00Z"},
                  "request":{"method":"POST","url":"Slot"}}]}""".formatted(marker, practitionerId(), marker);

        HttpResponse<String> response = post("/fhir", transaction);

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body()).contains("mwx-slot-1");
        assertThat(client().search()
                        .byUrl("Schedule?identifier=urn:test|" + marker)
                        .returnBundle(Bundle.class)
                        .execute()
                        .getEntry())
                .as("the Schedule of the failed transaction is not stored")
                .isEmpty();
    }

    @Test
    void theGuidesOwnExamples_areAccepted() {
        Patient example = (Patient) MediwoxPackage.load().examples(fhirContext).stream()
                .filter(r -> r.getIdElement().getIdPart().equals("example-patient"))
                .findFirst()
                .orElseThrow();
        example.setId((String) null);

        assertThat(client().create().resource(example).execute().getCreated()).isTrue();
    }

    @Test
    void bookingOperations_areValidatedToo() {
        // $hold with a proposed appointment that ends before it starts: refused before the operation runs
        String parameters = """
                {"resourceType":"Parameters","parameter":[
                 {"name":"appointment-resource","resource":{"resourceType":"Appointment","status":"proposed",
                   "start":"2026-12-01T09:30:00Z","end":"2026-12-01T09:00:00Z",
                   "participant":[{"actor":{"reference":"Patient/%s"},"status":"accepted"}]}}]}""".formatted(demoPatient("patient-1"));

        HttpResponse<String> response = post("/fhir/Appointment/$hold", parameters);

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body()).contains("appointment-resource").contains("mwx-appt-1");
    }

    private String practitionerId() {
        return client().search()
                .byUrl("Practitioner?_count=1")
                .returnBundle(Bundle.class)
                .execute()
                .getEntryFirstRep()
                .getResource()
                .getIdElement()
                .getIdPart();
    }

    private HttpResponse<String> post(String path, String body) {
        return send(request(path)
                .header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }
}

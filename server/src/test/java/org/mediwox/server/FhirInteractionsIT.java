package org.mediwox.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Schedule;
import org.hl7.fhir.r4.model.Slot;
import org.junit.jupiter.api.Test;
import org.mediwox.server.support.ServerIT;

/** The FHIR REST behaviours integrators rely on, beyond plain CRUD. */
class FhirInteractionsIT extends ServerIT {

    private static final String SYSTEM = "https://example.org/mrn";

    @Test
    void conditionalCreate_withIfNoneExist_returnsTheExistingResourceInsteadOfADuplicate() {
        IGenericClient client = client();
        String mrn = UUID.randomUUID().toString();
        Patient patient = new Patient();
        patient.addIdentifier().setSystem(SYSTEM).setValue(mrn);

        MethodOutcome first = client.create()
                .resource(patient)
                .conditionalByUrl("Patient?identifier=" + SYSTEM + "|" + mrn)
                .execute();
        MethodOutcome second = client.create()
                .resource(patient)
                .conditionalByUrl("Patient?identifier=" + SYSTEM + "|" + mrn)
                .execute();

        assertThat(first.getCreated()).isTrue();
        assertThat(second.getCreated()).isNotEqualTo(Boolean.TRUE);
        assertThat(second.getId().getIdPart()).isEqualTo(first.getId().getIdPart());
    }

    @Test
    void conditionalUpdate_createsThenUpdatesTheSameResource() {
        IGenericClient client = client();
        String mrn = UUID.randomUUID().toString();
        Patient patient = new Patient();
        patient.addIdentifier().setSystem(SYSTEM).setValue(mrn);
        patient.addName().setFamily("Before");
        String url = "Patient?identifier=" + SYSTEM + "|" + mrn;

        MethodOutcome created =
                client.update().resource(patient).conditionalByUrl(url).execute();
        patient.getNameFirstRep().setFamily("After");
        MethodOutcome updated =
                client.update().resource(patient).conditionalByUrl(url).execute();

        assertThat(updated.getId().getIdPart()).isEqualTo(created.getId().getIdPart());
        assertThat(updated.getId().getVersionIdPart()).isEqualTo("2");
    }

    @Test
    void transaction_withOneInvalidEntry_leavesNothingBehind() {
        IGenericClient client = client();
        String mrn = UUID.randomUUID().toString();
        Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        Patient patient = new Patient();
        patient.addIdentifier().setSystem(SYSTEM).setValue(mrn);
        transaction
                .addEntry()
                .setFullUrl("urn:uuid:" + UUID.randomUUID())
                .setResource(patient)
                .getRequest()
                .setMethod(HTTPVerb.POST)
                .setUrl("Patient");
        Observation observation = new Observation();
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.getCode().setText("weight");
        observation.setSubject(new Reference("Patient/does-not-exist-" + mrn));
        transaction
                .addEntry()
                .setResource(observation)
                .getRequest()
                .setMethod(HTTPVerb.POST)
                .setUrl("Observation");

        assertThatThrownBy(() -> client.transaction().withBundle(transaction).execute())
                .isInstanceOf(BaseServerResponseException.class)
                .satisfies(e -> assertThat(((BaseServerResponseException) e).getStatusCode())
                        .isBetween(400, 499));

        Bundle left = client.search()
                .byUrl("Patient?identifier=" + SYSTEM + "|" + mrn)
                .returnBundle(Bundle.class)
                .execute();
        assertThat(left.getEntry()).isEmpty();
    }

    @Test
    void batch_processesEachEntryOnItsOwn() {
        Bundle batch = new Bundle().setType(Bundle.BundleType.BATCH);
        Patient patient = new Patient();
        patient.addName().setFamily("Batch");
        batch.addEntry()
                .setResource(patient)
                .getRequest()
                .setMethod(HTTPVerb.POST)
                .setUrl("Patient");
        batch.addEntry().getRequest().setMethod(HTTPVerb.GET).setUrl("Patient/no-such-patient");

        Bundle response = client().transaction().withBundle(batch).execute();

        assertThat(response.getEntry())
                .extracting(e -> e.getResponse().getStatus().substring(0, 3))
                .containsExactly("201", "404");
    }

    @Test
    void update_withStaleIfMatch_isRefusedWith412_andCurrentIfMatchSucceeds() {
        IGenericClient client = client();
        Patient patient = new Patient();
        patient.addName().setFamily("Version");
        String id = client.create().resource(patient).execute().getId().getIdPart();
        patient.setId(id);
        patient.getNameFirstRep().setFamily("Version two");
        client.update().resource(patient).execute();

        String body = "{\"resourceType\":\"Patient\",\"id\":\"" + id + "\",\"active\":true}";
        HttpResponse<String> stale = send(request("/fhir/Patient/" + id)
                .header("Content-Type", "application/fhir+json")
                .header("If-Match", "W/\"1\"")
                .PUT(HttpRequest.BodyPublishers.ofString(body)));
        HttpResponse<String> current = send(request("/fhir/Patient/" + id)
                .header("Content-Type", "application/fhir+json")
                .header("If-Match", "W/\"2\"")
                .PUT(HttpRequest.BodyPublishers.ofString(body)));

        assertThat(stale.statusCode()).isEqualTo(412);
        assertThat(stale.body()).contains("OperationOutcome").contains("not the current version");
        assertThat(current.statusCode()).isEqualTo(200);
    }

    @Test
    void fullTextSearch_findsAPatientByAWordOfTheirRecord() {
        IGenericClient client = client();
        String word = "zq" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        Patient patient = new Patient();
        patient.addName().setFamily("Fulltext").addGiven(word);
        patient.getText()
                .setStatus(Narrative.NarrativeStatus.GENERATED)
                .setDivAsString("<div xmlns=\"http://www.w3.org/1999/xhtml\">Enjoys birdwatching " + word + "</div>");
        String id = client.create().resource(patient).execute().getId().getIdPart();

        Bundle byContent = client.search()
                .byUrl("Patient?_content=" + word)
                .returnBundle(Bundle.class)
                .execute();
        Bundle byText = client.search()
                .byUrl("Patient?_text=" + word)
                .returnBundle(Bundle.class)
                .execute();

        assertThat(byContent.getEntry())
                .extracting(e -> e.getResource().getIdElement().getIdPart())
                .containsExactly(id);
        assertThat(byText.getEntry())
                .extracting(e -> e.getResource().getIdElement().getIdPart())
                .containsExactly(id);
    }

    @Test
    void slotSearch_withDateRangeChainAndInclude_returnsTheScheduleOfEachSlot() {
        IGenericClient client = client();
        Schedule schedule = client
                .search()
                // a demo GP's Schedule: it has Slots every weekday ahead (the first active one may be another test's)
                .byUrl("Schedule?actor:PractitionerRole.identifier=https://mediwox.org/fhir/demo|role-gp-2&_count=1")
                .returnBundle(Bundle.class)
                .execute()
                .getEntry()
                .stream()
                .map(e -> (Schedule) e.getResource())
                .findFirst()
                .orElseThrow();
        String role = schedule.getActor().stream()
                .map(Reference::getReference)
                .filter(r -> r.startsWith("PractitionerRole/"))
                .findFirst()
                .orElseThrow();
        Instant from = Instant.now();
        Instant to = from.plus(15, ChronoUnit.DAYS);

        Bundle slots = client.search()
                .byUrl("Slot?schedule.actor=" + role + "&start=ge" + from + "&start=lt" + to
                        + "&_include=Slot:schedule&_count=200")
                .returnBundle(Bundle.class)
                .execute();

        assertThat(slots.getEntry())
                .filteredOn(e -> e.getResource() instanceof Slot)
                .isNotEmpty()
                .allSatisfy(e -> {
                    Slot slot = (Slot) e.getResource();
                    assertThat(slot.getSchedule().getReference()).isEqualTo("Schedule/" + schedule.getIdPart());
                    assertThat(slot.getStart().toInstant()).isBetween(from, to);
                });
        assertThat(slots.getEntry())
                .filteredOn(e -> e.getResource() instanceof Schedule)
                .extracting(e -> e.getResource().getIdElement().getIdPart())
                .containsExactly(schedule.getIdPart());
    }

    @Test
    void capabilityStatement_advertisesTheBookingResourcesWithTheirInteractions() {
        CapabilityStatement capabilities =
                client().capabilities().ofType(CapabilityStatement.class).execute();

        assertThat(capabilities.getFhirVersion().toCode()).isEqualTo("4.0.1");
        assertThat(capabilities.getSoftware().getName()).isEqualTo("Mediwox");
        assertThat(capabilities.getRestFirstRep().getResource())
                .extracting(r -> r.getType())
                .contains(
                        "Patient",
                        "Practitioner",
                        "PractitionerRole",
                        "Organization",
                        "Location",
                        "Schedule",
                        "Slot",
                        "Appointment",
                        "DocumentReference",
                        "Binary");
        CapabilityStatement.CapabilityStatementRestResourceComponent slot =
                capabilities.getRestFirstRep().getResource().stream()
                        .filter(r -> r.getType().equals("Slot"))
                        .findFirst()
                        .orElseThrow();
        assertThat(slot.getInteraction())
                .extracting(i -> i.getCode().toCode())
                .contains("read", "vread", "update", "patch", "delete", "history-instance", "create", "search-type");
        assertThat(slot.getSearchParam()).extracting(p -> p.getName()).contains("schedule", "start", "status");
    }
}

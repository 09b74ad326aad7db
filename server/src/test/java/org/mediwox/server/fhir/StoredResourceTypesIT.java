package org.mediwox.server.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;
import org.mediwox.server.support.ServerIT;

/**
 * The server stores the resource types of {@code mediwox.fhir.resource-types} (its default here): those are advertised
 * and take Synthea's kind of data; the others are unknown to clients, with a FHIR answer, never a 500.
 */
class StoredResourceTypesIT extends ServerIT {

    @Test
    void capabilityStatement_listsTheStoredTypes_only() {
        CapabilityStatement capabilities =
                client().capabilities().ofType(CapabilityStatement.class).execute();

        assertThat(capabilities.getRestFirstRep().getResource())
                .extracting(CapabilityStatementRestResourceComponent::getType)
                .contains("Appointment", "Coverage", "Patient", "ExplanationOfBenefit", "MeasureReport")
                .doesNotContain("Specimen", "Substance");
    }

    @Test
    void read_ofATypeNotStored_is404UnknownResourceType() {
        HttpResponse<String> response = send(request("/fhir/Specimen"));

        assertThat(response.statusCode()).isEqualTo(404);
        OperationOutcome outcome =
                (OperationOutcome) fhirContext.newJsonParser().parseResource(response.body());
        assertThat(outcome.getIssueFirstRep().getDiagnostics()).contains("Unknown resource type 'Specimen'");
    }

    @Test
    void create_withAReferenceToATypeNotStored_is400NamingTheType() {
        // given: a demo patient and an Observation pointing at a Specimen
        String observation = "{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{\"text\":\"glucose\"},"
                + "\"subject\":{\"reference\":\"Patient/" + demoPatient("patient-1") + "\"},"
                + "\"specimen\":{\"reference\":\"Specimen/blood-1\"}}";

        // when
        HttpResponse<String> response = send(request("/fhir/Observation")
                .header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(observation)));

        // then
        assertThat(response.statusCode()).isEqualTo(400);
        OperationOutcome outcome =
                (OperationOutcome) fhirContext.newJsonParser().parseResource(response.body());
        assertThat(outcome.getIssueFirstRep().getDiagnostics())
                .isEqualTo("This server does not store Specimen resources, so it cannot keep a reference to one");
    }

    @Test
    void syntheaShapedTransaction_storesEveryEntry() throws IOException {
        // given: one encounter as Synthea writes it (use_us_core_ig=false): every clinical and claims type it uses
        Bundle transaction;
        try (InputStream in = getClass().getResourceAsStream("/synthea/synthea-shaped-encounter-transaction.json")) {
            transaction = (Bundle)
                    fhirContext.newJsonParser().parseResource(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }

        // when
        Bundle response = client().transaction().withBundle(transaction).execute();

        // then
        assertThat(response.getEntry())
                .hasSize(transaction.getEntry().size())
                .allSatisfy(entry -> assertThat(entry.getResponse().getStatus()).startsWith("201"));
        assertThat(response.getEntry())
                .extracting(entry -> entry.getResponse().getLocation().split("/")[0])
                .contains("Claim", "ExplanationOfBenefit", "ImagingStudy", "Media", "SupplyDelivery", "Provenance");
    }
}

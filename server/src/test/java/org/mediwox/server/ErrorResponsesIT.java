package org.mediwox.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.UUID;
import org.assertj.core.api.AbstractStringAssert;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.Test;
import org.mediwox.server.support.ServerIT;

/**
 * Every error is an OperationOutcome with the right status and an actionable message: no stack trace, no SQL, no HTML
 * error page — and a refused write leaves nothing behind.
 */
class ErrorResponsesIT extends ServerIT {

    @Test
    void malformedJson_is400OperationOutcome() {
        HttpResponse<String> response =
                post("/fhir/Patient", "application/fhir+json", "{\"resourceType\":\"Patient\",");

        assertThat(response.statusCode()).isEqualTo(400);
        assertSafeOutcome(response).contains("Failed to parse");
    }

    @Test
    void malformedXml_is400OperationOutcome() {
        HttpResponse<String> response =
                post("/fhir/Patient", "application/fhir+xml", "<Patient xmlns=\"http://hl7.org/fhir\"><active value=");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("OperationOutcome").doesNotContain("\tat ");
    }

    @Test
    void unknownId_is404OperationOutcomeNamingTheResource() {
        HttpResponse<String> response =
                send(request("/fhir/Patient/no-such-patient").GET());

        assertThat(response.statusCode()).isEqualTo(404);
        assertSafeOutcome(response).contains("Patient/no-such-patient");
    }

    @Test
    void unknownPathOutsideFhir_is404OperationOutcomeNotAnHtmlPage() {
        HttpResponse<String> response = send(request("/no/such/page").GET());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/fhir+json"));
        assertSafeOutcome(response).contains("/fhir");
    }

    @Test
    void bodyOverTheLimit_is413_whetherDeclaredOrChunked() {
        byte[] sixtyMegabytes = new byte[60 * 1024 * 1024];
        Arrays.fill(sixtyMegabytes, (byte) 'a');
        // a chunked body is read up to the limit before it is refused; the container discards only a little more
        // unread input before closing the connection, so this one stays just above the 16 MB limit
        byte[] seventeenMegabytes = Arrays.copyOf(sixtyMegabytes, 17 * 1024 * 1024);

        // a declared length over the limit is refused before the body is read: a client that asks first
        // (Expect: 100-continue, as curl does for large bodies) gets the 413 instead of a connection the server closes
        // while the client is still writing (which the JDK client then reports as "no bytes" at random)
        HttpResponse<String> declared = send(request("/fhir/Patient")
                .expectContinue(true)
                .header("Content-Type", "application/fhir+json")
                .POST(BodyPublishers.ofByteArray(sixtyMegabytes)));
        HttpResponse<String> chunked = send(request("/fhir/Patient")
                .header("Content-Type", "application/fhir+json")
                .POST(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(seventeenMegabytes))));

        assertThat(declared.statusCode()).isEqualTo(413);
        assertSafeOutcome(declared).contains("max-request-size");
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertSafeOutcome(chunked).contains("max-request-size");
    }

    @Test
    void slotEndingBeforeItStarts_is422_andNothingIsStored() {
        String marker = UUID.randomUUID().toString();
        String schedule = client().search()
                .byUrl("Schedule?_count=1")
                .returnBundle(Bundle.class)
                .execute()
                .getEntryFirstRep()
                .getResource()
                .getIdElement()
                .toUnqualifiedVersionless()
                .getValue();
        String slot = "{\"resourceType\":\"Slot\",\"identifier\":[{\"system\":\"urn:test\",\"value\":\"" + marker
                + "\"}],\"schedule\":{\"reference\":\"" + schedule + "\"},\"status\":\"free\","
                + "\"start\":\"2030-01-01T10:00:00Z\",\"end\":\"2030-01-01T09:30:00Z\"}";

        HttpResponse<String> response = post("/fhir/Slot", "application/fhir+json", slot);

        assertThat(response.statusCode()).isEqualTo(422);
        assertSafeOutcome(response).contains("mwx-slot-1").contains("A slot ends after it starts");
        Bundle stored = client().search()
                .byUrl("Slot?identifier=urn:test|" + marker)
                .returnBundle(Bundle.class)
                .execute();
        assertThat(stored.getEntry()).isEmpty();
    }

    @Test
    void referenceToTheWrongResourceType_is422() {
        HttpResponse<String> response = post(
                "/fhir/Appointment",
                "application/fhir+json",
                "{\"resourceType\":\"Appointment\",\"status\":\"proposed\",\"participant\":[{\"actor\":"
                        + "{\"reference\":\"Observation/x\"},\"status\":\"needs-action\"}]}");

        assertThat(response.statusCode()).isEqualTo(422);
        assertSafeOutcome(response).contains("Appointment.participant.actor");
    }

    @Test
    void hugePageSize_isCappedAtTheConfiguredMaximum() {
        int slots = client().search()
                .byUrl("Slot?_summary=count")
                .returnBundle(Bundle.class)
                .execute()
                .getTotal();
        assertThat(slots)
                .as("more Slots than a page holds, or the cap is not tested")
                .isGreaterThan(200);

        Bundle page = client().search()
                .byUrl("Slot?_count=100000")
                .returnBundle(Bundle.class)
                .execute();

        assertThat(page.getEntry())
                .as("exactly mediwox.fhir.max-page-size (200), not HAPI's default of 50")
                .hasSize(200);
        assertThat(page.getLink(Bundle.LINK_NEXT)).isNotNull();
    }

    private HttpResponse<String> post(String path, String contentType, String body) {
        return send(request(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static AbstractStringAssert<?> assertSafeOutcome(HttpResponse<String> response) {
        return assertThat(response.body())
                .contains("\"resourceType\":\"OperationOutcome\"")
                .doesNotContain("\tat ", "Exception:", "org.hibernate", "org.postgresql", "SQL", "select ");
    }
}

package org.mediwox.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
    void bodyOverTheLimit_is413_whetherDeclaredOrChunked() throws IOException {
        // a chunked body is read up to the limit before it is refused; the container discards only a little more
        // unread input before closing the connection, so this one stays just above the 16 MB limit
        byte[] seventeenMegabytes = new byte[17 * 1024 * 1024];
        Arrays.fill(seventeenMegabytes, (byte) 'a');

        // a declared length over the limit is refused from the headers alone, before any of the body is read: the
        // client here sends only the headers and reads the answer (a client that keeps writing a body the server
        // will never read sees the connection closed under it, which the JDK client reports as "no bytes")
        RawResponse declared = headersOnly("POST", "/fhir/Patient", 60L * 1024 * 1024);
        HttpResponse<String> chunked = sendFresh(request("/fhir/Patient")
                .header("Content-Type", "application/fhir+json")
                .POST(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(seventeenMegabytes))));

        assertThat(declared.status()).isEqualTo(413);
        assertThat(declared.body())
                .contains("\"resourceType\":\"OperationOutcome\"")
                .contains("62914560 bytes exceeds the limit")
                .contains("max-request-size");
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

    /** Sends a request's headers, declaring a body of {@code contentLength} bytes that never follows, and reads the answer. */
    private RawResponse headersOnly(String method, String path, long contentLength) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            String head = method + " " + path + " HTTP/1.1\r\n" + "Host: localhost:" + port + "\r\n"
                    + "Authorization: Bearer " + token() + "\r\n" + "Content-Type: application/fhir+json\r\n"
                    + "Content-Length: " + contentLength + "\r\n" + "Connection: close\r\n\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // read up to the end of the answer, not to the close: the container may wait for the declared body a while
            InputStream in = socket.getInputStream();
            StringBuilder response = new StringBuilder();
            while (!complete(response)) {
                int read = in.read();
                if (read == -1) {
                    break;
                }
                response.append((char) read);
            }
            String statusLine = response.substring(0, response.indexOf("\r\n"));
            return new RawResponse(Integer.parseInt(statusLine.split(" ")[1]), response.toString());
        }
    }

    /** Whether an HTTP/1.1 response read so far is whole: its declared length, or a chunked body's last chunk. */
    private static boolean complete(StringBuilder response) {
        int headEnd = response.indexOf("\r\n\r\n");
        if (headEnd < 0) {
            return false;
        }
        String head = response.substring(0, headEnd).toLowerCase(java.util.Locale.ROOT);
        java.util.regex.Matcher length =
                java.util.regex.Pattern.compile("content-length: *(\\d+)").matcher(head);
        if (length.find()) {
            return response.length() - headEnd - 4 >= Integer.parseInt(length.group(1));
        }
        return response.indexOf("\r\n0\r\n\r\n", headEnd) >= 0;
    }

    private record RawResponse(int status, String body) {}

    private static HttpResponse<String> sendFresh(java.net.http.HttpRequest.Builder request) {
        try {
            return java.net.http.HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

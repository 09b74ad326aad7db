package org.mediwox.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URLEncoder;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.assertj.core.api.AbstractStringAssert;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.Test;
import org.mediwox.server.support.ServerIT;
import org.mediwox.server.support.Tokens;

/**
 * Malformed input is the client's error: a 400 (413 for a body over the limit) OperationOutcome that says what to
 * fix, never SQL, a class name or a stack trace, nothing stored, and an AuditEvent for the refusal — also when the
 * request never reached HAPI (the size filter, the servlet container).
 */
class MalformedInputIT extends ServerIT {

    @Test
    void nulCharacterInAPatientName_is400NamingTheElement_andNothingIsStored() {
        String marker = UUID.randomUUID().toString();
        String patient = "{\"resourceType\":\"Patient\",\"identifier\":[{\"system\":\"urn:test\",\"value\":\"" + marker
                + "\"}],\"name\":[{\"family\":\"Do\\u0000e\",\"given\":[\"Jane\"]}]}";

        HttpResponse<String> response = post("/fhir/Patient", patient);

        assertThat(response.statusCode()).isEqualTo(400);
        assertSafeOutcome(response.body()).contains("Patient.name[0].family").contains("NUL");
        assertThat(stored("Patient?identifier=urn:test|" + marker)).isEmpty();
    }

    @Test
    void nulCharacterInATransactionEntry_is400NamingTheElement_andNothingIsStored() {
        String marker = UUID.randomUUID().toString();
        String transaction = "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":["
                + "{\"resource\":{\"resourceType\":\"Patient\",\"identifier\":[{\"system\":\"urn:test\",\"value\":\""
                + marker + "\"}]},\"request\":{\"method\":\"POST\",\"url\":\"Patient\"}},"
                + "{\"resource\":{\"resourceType\":\"Patient\",\"identifier\":[{\"system\":\"urn:test\",\"value\":\""
                + marker + "\"}],\"address\":[{\"city\":\"Spring\\u0000field\"}]},"
                + "\"request\":{\"method\":\"POST\",\"url\":\"Patient\"}}]}";

        HttpResponse<String> response = post("/fhir", transaction);

        assertThat(response.statusCode()).isEqualTo(400);
        assertSafeOutcome(response.body()).contains("Bundle.entry[1].resource.address[0].city");
        assertThat(stored("Patient?identifier=urn:test|" + marker)).isEmpty();
    }

    @Test
    void nulCharacterInASearchParameter_is400NamingTheParameter() {
        HttpResponse<String> response =
                send(request("/fhir/Patient?family=Do%00e").GET());

        assertThat(response.statusCode()).isEqualTo(400);
        assertSafeOutcome(response.body()).contains("family").contains("NUL");
    }

    @Test
    void dateWithoutDashes_is400() {
        HttpResponse<String> response =
                send(request("/fhir/Patient?birthdate=20231021").GET());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertSafeOutcome(response.body()).contains("20231021");
    }

    @Test
    void negativeOffsetOrCount_is400NamingTheParameter() {
        for (String query : List.of("_offset=-5", "_count=-1", "_count=ten")) {
            HttpResponse<String> response =
                    send(request("/fhir/Patient?" + query).GET());

            assertThat(response.statusCode()).as(query + ": " + response.body()).isEqualTo(400);
            assertSafeOutcome(response.body())
                    .contains(query.substring(0, query.indexOf('=')))
                    .contains("whole number");
        }
    }

    @Test
    void malformedPercentEscapeInTheQuery_is400_andAudited() throws IOException {
        String target = "/fhir/Patient?name=%zz&_marker=" + UUID.randomUUID();

        RawResponse response = raw("GET " + target, token());

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertSafeOutcome(response.body()).contains("%zz").contains("%25");
        AuditEvent refusal = await(() -> events("GET " + target), 1).get(0);
        assertThat(refusal.getOutcome()).isEqualTo(AuditEvent.AuditEventOutcome._4);
        assertThat(refusal.getOutcomeDesc()).startsWith("400");
    }

    @Test
    void malformedPercentEscapeInThePath_isRefusedByTheContainer_asAn400OperationOutcome_andAudited()
            throws IOException {
        String target = "/fhir/Patient/%zz" + UUID.randomUUID().toString().substring(0, 8);

        RawResponse response = raw("GET " + target, token());

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertSafeOutcome(response.body()).contains("Percent-encode").doesNotContain("Tomcat");
        AuditEvent refusal = await(() -> events("GET " + target), 1).get(0);
        assertThat(refusal.getOutcomeDesc()).startsWith("400");
    }

    @Test
    void forbiddenCharacterInTheRequestTarget_isRefusedByTheContainer_asAn400OperationOutcome_andAudited()
            throws IOException {
        // '|', '{', '}', '[' and ']' are allowed unencoded (FHIR tokens use them); '<' is not
        String target = "/fhir/Patient?name=a<b&_marker=" + UUID.randomUUID();
        java.util.Date before = new java.util.Date(System.currentTimeMillis() - 1);

        RawResponse response = raw("GET " + target, token());

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertSafeOutcome(response.body()).contains("Percent-encode").doesNotContain("Tomcat");
        // Tomcat refuses the request line before it records the target: the event cannot name it
        AuditEvent refusal = await(
                        () -> events(null).stream()
                                .filter(e -> !e.getRecorded().before(before))
                                .filter(e -> e.getOutcomeDesc()
                                        .startsWith("400 The request is malformed and was"
                                                + " refused before it reached the FHIR server"))
                                .toList(),
                        1)
                .get(0);
        assertThat(refusal.getOutcome()).isEqualTo(AuditEvent.AuditEventOutcome._4);
    }

    @Test
    void bodyOverTheLimit_is413_andAudited() {
        String target = "/fhir/Patient?_marker=" + UUID.randomUUID();
        byte[] seventeenMegabytes = new byte[17 * 1024 * 1024];
        Arrays.fill(seventeenMegabytes, (byte) 'a');

        HttpResponse<String> response = send(request(target)
                .header("Content-Type", "application/fhir+json")
                .POST(BodyPublishers.ofByteArray(seventeenMegabytes)));

        assertThat(response.statusCode()).isEqualTo(413);
        assertSafeOutcome(response.body()).contains("max-request-size");
        AuditEvent refusal = await(() -> events("POST " + target), 1).get(0);
        assertThat(refusal.getOutcome()).isEqualTo(AuditEvent.AuditEventOutcome._4);
        assertThat(refusal.getOutcomeDesc()).startsWith("413");
        assertThat(refusal.getAgent())
                .anySatisfy(agent ->
                        assertThat(agent.getWho().getIdentifier().getValue()).isEqualTo(Tokens.DEMO_CLIENT));
    }

    private HttpResponse<String> post(String path, String body) {
        return send(request(path)
                .header("Content-Type", "application/fhir+json")
                .POST(BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
    }

    private List<Bundle.BundleEntryComponent> stored(String search) {
        return client().search()
                .byUrl(search)
                .returnBundle(Bundle.class)
                .execute()
                .getEntry();
    }

    /** Recent AuditEvents of this request line; of every refusal when it is null. */
    private List<AuditEvent> events(String requestLine) {
        String auditor = Tokens.demoClient(serverRoot(), "system/AuditEvent.rs");
        HttpResponse<String> answer = send(anonymousRequest("/fhir/AuditEvent?_count=200&date=ge"
                        + Instant.now().minusSeconds(600)
                        + (requestLine == null
                                ? "&outcome=4"
                                : "&entity-name=" + URLEncoder.encode(requestLine, StandardCharsets.UTF_8)))
                .header("Authorization", "Bearer " + auditor));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return fhirContext.newJsonParser().parseResource(Bundle.class, answer.body()).getEntry().stream()
                .map(e -> (AuditEvent) e.getResource())
                .filter(e ->
                        requestLine == null || e.getEntity().stream().anyMatch(en -> requestLine.equals(en.getName())))
                .toList();
    }

    private static AbstractStringAssert<?> assertSafeOutcome(String body) {
        return assertThat(body)
                .contains("\"resourceType\":\"OperationOutcome\"")
                .doesNotContain("\tat ", "Exception", "SQL", "insert into", "org.", "java.", "<html");
    }

    private record RawResponse(int status, String body) {}

    /** A request line the JDK's HTTP client would refuse to send, written to the socket as is. */
    private RawResponse raw(String requestLine, String accessToken) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            out.write((requestLine + " HTTP/1.1\r\nHost: localhost:" + port + "\r\nAuthorization: Bearer " + accessToken
                            + "\r\nAccept: application/fhir+json\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int status = Integer.parseInt(answer.substring(9, 12));
            int bodyStart = answer.indexOf("\r\n\r\n");
            return new RawResponse(status, bodyStart < 0 ? "" : answer.substring(bodyStart + 4));
        }
    }
}

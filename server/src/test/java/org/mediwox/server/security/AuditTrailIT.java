package org.mediwox.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.mediwox.server.audit.AuditEventWriter;
import org.mediwox.server.support.ServerIT;
import org.mediwox.server.support.SmartLogin;
import org.mediwox.server.support.Tokens;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every FHIR request leaves an AuditEvent (IHE BALP shape): successful reads, searches and writes, and refusals with
 * 401 and 403. Only an auditor scope reads them, and nobody changes or deletes them.
 */
class AuditTrailIT extends ServerIT {

    @Autowired
    private AuditEventWriter writer;

    @Autowired
    private org.springframework.jdbc.core.JdbcTemplate jdbc;

    @Test
    void refusedAndAcceptedRequests_eachLeaveAnAuditEvent() throws InterruptedException {
        String unknown = "audit-" + UUID.randomUUID();
        String ana = demoPatient("patient-1");
        String john = demoPatient("patient-2");
        String anaToken = SmartLogin.launch(serverRoot(), SmartScopesIT.ANA_LOGIN, "launch/patient patient/*.rs")
                .get("access_token")
                .asText();

        assertThat(send(anonymousRequest("/fhir/Patient/" + unknown)).statusCode())
                .isEqualTo(401);
        assertThat(send(anonymousRequest("/fhir/Patient/" + unknown).header("Authorization", "Bearer not-a-jwt"))
                        .statusCode())
                .isEqualTo(401);
        assertThat(send(anonymousRequest("/fhir/Patient/" + john).header("Authorization", "Bearer " + anaToken))
                        .statusCode())
                .isEqualTo(403);
        assertThat(send(anonymousRequest("/fhir/Patient/" + ana).header("Authorization", "Bearer " + anaToken))
                        .statusCode())
                .isEqualTo(200);
        String family = "Audited-" + UUID.randomUUID();
        Patient created = new Patient();
        created.addName().setFamily(family);
        String createdId = client().create().resource(created).execute().getId().getIdPart();
        writer.flush();

        List<AuditEvent> unauthenticated = events("GET /fhir/Patient/" + unknown);
        assertThat(unauthenticated).hasSize(2).allSatisfy(e -> {
            assertThat(e.getOutcome()).isEqualTo(AuditEvent.AuditEventOutcome._4);
            assertThat(e.getOutcomeDesc()).startsWith("401");
            assertThat(e.getSubtypeFirstRep().getCode()).isEqualTo("read");
        });

        List<AuditEvent> johnsRecord = events("GET /fhir/Patient/" + john).stream()
                .filter(e -> e.getOutcome() == AuditEvent.AuditEventOutcome._4)
                .filter(e -> who(e).contains("Patient/" + ana))
                .toList();
        assertThat(johnsRecord)
                .as("the refused read of John's record by Ana's app")
                .isNotEmpty();
        assertThat(johnsRecord.get(0).getOutcomeDesc()).startsWith("403");
        assertThat(johnsRecord.get(0).getEntity())
                .extracting(entity -> entity.getWhat().getReference())
                .contains("Patient/" + john, "Patient/" + ana);

        List<AuditEvent> anasRead = events("GET /fhir/Patient/" + ana).stream()
                .filter(e -> e.getOutcome() == AuditEvent.AuditEventOutcome._0)
                .filter(e -> who(e).contains("Patient/" + ana))
                .toList();
        assertThat(anasRead).isNotEmpty();
        assertThat(anasRead.get(0).getMeta().getProfile().get(0).getValue())
                .isEqualTo("https://profiles.ihe.net/ITI/BALP/StructureDefinition/IHE.BasicAudit.PatientRead");
        assertThat(anasRead.get(0).getAction()).isEqualTo(AuditEvent.AuditEventAction.R);
        assertThat(anasRead.get(0).getAgent())
                .anySatisfy(agent ->
                        assertThat(agent.getWho().getIdentifier().getValue()).isEqualTo(SmartLogin.APP_CLIENT_ID));

        List<AuditEvent> create = events("POST /fhir/Patient").stream()
                .filter(e -> e.getEntity().stream()
                        .anyMatch(en ->
                                ("Patient/" + createdId).equals(en.getWhat().getReference())))
                .toList();
        assertThat(create).hasSize(1);
        assertThat(create.get(0).getAction()).isEqualTo(AuditEvent.AuditEventAction.C);
        assertThat(create.get(0).getAgent())
                .anySatisfy(agent ->
                        assertThat(agent.getWho().getIdentifier().getValue()).isEqualTo(Tokens.DEMO_CLIENT));
    }

    @Test
    void auditEvents_needAnAuditorScope_andCannotBeChangedOrDeleted() throws InterruptedException {
        send(request("/fhir/Patient?_count=1"));
        writer.flush();
        String auditor = Tokens.demoClient(serverRoot(), "system/AuditEvent.rs");
        HttpResponse<String> listed =
                send(anonymousRequest("/fhir/AuditEvent?_count=1").header("Authorization", "Bearer " + auditor));
        assertThat(listed.statusCode()).isEqualTo(200);
        AuditEvent any = (AuditEvent) fhirContext
                .newJsonParser()
                .parseResource(Bundle.class, listed.body())
                .getEntryFirstRep()
                .getResource();

        assertThat(send(request("/fhir/AuditEvent?_count=1")).statusCode())
                .as("system/*.cruds does not reach AuditEvent")
                .isEqualTo(403);
        String everything = Tokens.demoClient(serverRoot(), "system/*.cruds system/AuditEvent.rs");
        assertThat(send(anonymousRequest(
                                        "/fhir/AuditEvent/" + any.getIdElement().getIdPart())
                                .header("Authorization", "Bearer " + everything)
                                .DELETE())
                        .statusCode())
                .isEqualTo(405);
        any.setOutcomeDesc("tampered");
        assertThat(send(anonymousRequest(
                                        "/fhir/AuditEvent/" + any.getIdElement().getIdPart())
                                .header("Authorization", "Bearer " + everything)
                                .header("Content-Type", "application/fhir+json")
                                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(
                                        fhirContext.newJsonParser().encodeResourceToString(any))))
                        .statusCode())
                .isEqualTo(405);
        String again = send(anonymousRequest(
                                "/fhir/AuditEvent/" + any.getIdElement().getIdPart())
                        .header("Authorization", "Bearer " + auditor))
                .body();
        assertThat(again).doesNotContain("tampered");
        String transaction = """
                {"resourceType":"Bundle","type":"transaction","entry":[{"resource":{"resourceType":"AuditEvent",
                 "type":{"code":"rest"},"recorded":"2026-01-01T00:00:00Z","agent":[{"requestor":true}],
                 "source":{"observer":{"display":"forged"}}},"request":{"method":"POST","url":"AuditEvent"}}]}""";
        assertThat(send(anonymousRequest("/fhir")
                                .header("Authorization", "Bearer " + everything)
                                .header("Content-Type", "application/fhir+json")
                                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(transaction)))
                        .statusCode())
                .as("nor can a transaction slip one in")
                .isEqualTo(403);
    }

    @Test
    void anEventStoredAsJsonByAnEarlierVersion_isServedAsStored() {
        Long id = jdbc.queryForObject(
                "insert into mediwox.audit_event (recorded, outcome, action, subtype, request, body)"
                        + " values (now(), '0', 'R', 'read', 'GET /fhir/Patient/1', ?) returning id",
                Long.class,
                """
                {"resourceType":"AuditEvent","type":{"code":"rest"},"recorded":"2026-11-30T08:00:00Z",
                 "outcomeDesc":"kept from before the compact rows","agent":[{"requestor":true}],
                 "source":{"observer":{"display":"Mediwox FHIR server"}}}""");
        String auditor = Tokens.demoClient(serverRoot(), "system/AuditEvent.rs");

        HttpResponse<String> read =
                send(anonymousRequest("/fhir/AuditEvent/" + id).header("Authorization", "Bearer " + auditor));

        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        AuditEvent event = fhirContext.newJsonParser().parseResource(AuditEvent.class, read.body());
        assertThat(event.getOutcomeDesc()).isEqualTo("kept from before the compact rows");
    }

    private List<AuditEvent> events(String requestLine) {
        String auditor = Tokens.demoClient(serverRoot(), "system/AuditEvent.rs");
        // newest first: the other tests of the run may have made more than a page of events with the same request line
        HttpResponse<String> answer = send(anonymousRequest("/fhir/AuditEvent?_count=200&_sort=-date&date=ge"
                        + Instant.now().minusSeconds(600) + "&entity-name="
                        + URLEncoder.encode(requestLine, StandardCharsets.UTF_8))
                .header("Authorization", "Bearer " + auditor));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return fhirContext.newJsonParser().parseResource(Bundle.class, answer.body()).getEntry().stream()
                .map(e -> (AuditEvent) e.getResource())
                .filter(e -> e.getEntity().stream().anyMatch(en -> requestLine.equals(en.getName())))
                .toList();
    }

    private static List<String> who(AuditEvent event) {
        return event.getAgent().stream()
                .map(a -> a.getWho().getReference())
                .filter(r -> r != null)
                .toList();
    }
}

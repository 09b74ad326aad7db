package org.mediwox.server.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Group;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.mediwox.server.audit.AuditEventWriter;
import org.mediwox.server.support.BackendService;
import org.mediwox.server.support.S3Mock;
import org.mediwox.server.support.ServerIT;
import org.mediwox.server.support.SmartLogin;
import org.mediwox.server.support.TestPool;
import org.mediwox.server.support.Tokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * FHIR Bulk Data export end to end, as a back-end service runs it: kick-off, polling, the manifest, each NDJSON file;
 * {@code _type} and {@code _since}; files and status for the client that started the export only; patient tokens
 * refused; a client bound to a Group ({@link ServerIT}: {@value #INSURER_GROUP} for {@link BackendService}) exports
 * that Group and nothing else. Each test reads only the resources it made.
 */
class BulkExportIT extends ServerIT {

    /** The Group the shared server binds {@link BackendService#CLIENT_ID} to (see {@link ServerIT}). */
    static final String INSURER_GROUP = ServerIT.BULK_EXPORT_INSURER_GROUP;

    private static final String ANA_LOGIN = "ana.garcia@example.org";

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private AuditEventWriter auditWriter;

    @Autowired
    private BulkExportRetention retention;

    @Test
    void export_byBackendService_answersAManifestOfNdjsonFilesOfTheAskedTypes_keptInTheDocumentStore_forItOnly()
            throws Exception {
        List<String> patients = patients("Export", 3);
        List<String> appointments = new ArrayList<>();
        for (int i = 0; i < patients.size(); i++) {
            appointments.add(appointment(patients.get(i), i));
        }

        HttpResponse<String> kickOff =
                send(exportRequest("/fhir/$export?_type=Patient,Appointment&_outputFormat=ndjson", token()));
        assertThat(kickOff.statusCode()).as(kickOff.body()).isEqualTo(202);
        String status = kickOff.headers().firstValue("Content-Location").orElseThrow();
        JsonNode manifest = awaitManifest(status, token());

        assertThat(manifest.get("requiresAccessToken").asBoolean()).isTrue();
        assertThat(manifest.get("transactionTime").asText()).isNotBlank();
        assertThat(manifest.get("request").asText()).contains("$export");
        assertThat(manifest.get("output")).isNotEmpty();
        Map<String, Set<String>> exported = download(manifest, token(), Set.of("Patient", "Appointment"));
        assertThat(exported.get("Patient")).containsAll(patients);
        assertThat(exported.get("Appointment")).containsAll(appointments);

        // each file is a Binary whose content went to the document store (S3 here), not into the database
        for (JsonNode output : manifest.get("output")) {
            String binary = new IdType(output.get("url").asText()).getIdPart();
            String contentId = jdbc.queryForObject(
                    "select content_id from mediwox.document_content where resource_type = 'Binary'"
                            + " and resource_id = ?",
                    String.class,
                    binary);
            assertThat(objectKeys()).anyMatch(key -> key.endsWith(contentId));
        }

        // status and files for the client that started the export only
        String file = manifest.get("output").get(0).get("url").asText();
        String other = BackendService.token(serverRoot(), "system/*.rs");
        HttpResponse<String> poll = send(authorized(HttpRequest.newBuilder(URI.create(status)), other));
        HttpResponse<String> cancel =
                send(authorized(HttpRequest.newBuilder(URI.create(status)).DELETE(), other));
        HttpResponse<String> download = send(authorized(HttpRequest.newBuilder(URI.create(file)), other));
        HttpResponse<String> binaryAccess = send(
                authorized(HttpRequest.newBuilder(URI.create(file + "/$binary-access-read?path=Binary.data")), other));
        for (HttpResponse<String> refused : List.of(poll, cancel, download, binaryAccess)) {
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(404);
            assertThat(Tokens.json(refused.body()).get("resourceType").asText()).isEqualTo("OperationOutcome");
        }
        assertThat(send(authorized(HttpRequest.newBuilder(URI.create(status)), token()))
                        .statusCode())
                .as("the export is still there for its owner")
                .isEqualTo(200);

        auditWriter.flush();
        List<String> audited = jdbc.queryForList(
                "select request from mediwox.audit_event where client_id = ? and outcome = '0' and recorded > now()"
                        + " - interval '10 minutes'",
                String.class,
                Tokens.DEMO_CLIENT);
        assertThat(audited).anyMatch(r -> r.startsWith("GET /fhir/$export?_type=Patient,Appointment"));
        assertThat(audited).anyMatch(r -> r.contains("$export-poll-status?_jobId="));
        String firstFile = new IdType(manifest.get("output").get(0).get("url").asText()).getIdPart();
        assertThat(audited).contains("GET /fhir/Binary/" + firstFile);
    }

    @Test
    void delete_cancelsTheExport_andItsStatusUrlThenAnswers404() {
        HttpResponse<String> kickOff = send(exportRequest("/fhir/$export?_type=Patient,Appointment", token()));
        String status = kickOff.headers().firstValue("Content-Location").orElseThrow();

        HttpResponse<String> cancel =
                send(authorized(HttpRequest.newBuilder(URI.create(status)).DELETE(), token()));
        HttpResponse<String> poll = send(authorized(HttpRequest.newBuilder(URI.create(status)), token()));

        assertThat(cancel.statusCode()).as(cancel.body()).isEqualTo(202);
        assertThat(cancel.body()).contains("OperationOutcome");
        assertThat(poll.statusCode()).as(poll.body()).isEqualTo(404);
        assertThat(poll.body()).contains("was cancelled");
    }

    @Test
    void since_exportsOnlyWhatChangedAfterIt() throws Exception {
        String before = patients("Before", 1).get(0);
        sleep(1100);
        Instant since = Instant.now();
        sleep(1100);
        String after = patients("After", 1).get(0);

        HttpResponse<String> kickOff = send(exportRequest(
                "/fhir/$export?_type=Patient&_since=" + URLEncoder.encode(since.toString(), StandardCharsets.UTF_8),
                token()));
        assertThat(kickOff.statusCode()).as(kickOff.body()).isEqualTo(202);
        JsonNode manifest =
                awaitManifest(kickOff.headers().firstValue("Content-Location").orElseThrow(), token());

        Map<String, Set<String>> exported = download(manifest, token(), Set.of("Patient"));
        assertThat(exported.get("Patient")).contains(after).doesNotContain(before);
    }

    @Test
    void typeFilter_exportsOnlyTheMatches() {
        List<String> wanted = patients("Filtered", 2);
        String family = client().read()
                .resource(Patient.class)
                .withId(wanted.get(0))
                .execute()
                .getNameFirstRep()
                .getFamily();
        patients("Unfiltered", 1);

        HttpResponse<String> kickOff = send(exportRequest(
                "/fhir/$export?_type=Patient&_typeFilter="
                        + URLEncoder.encode("Patient?family:exact=" + family, StandardCharsets.UTF_8),
                token()));
        assertThat(kickOff.statusCode()).as(kickOff.body()).isEqualTo(202);
        JsonNode manifest =
                awaitManifest(kickOff.headers().firstValue("Content-Location").orElseThrow(), token());

        assertThat(download(manifest, token(), Set.of("Patient")).get("Patient"))
                .containsExactlyInAnyOrderElementsOf(wanted);
    }

    @Test
    void patientTokens_areRefused_withAnOperationOutcome() {
        String patientToken = SmartLogin.launch(serverRoot(), ANA_LOGIN, "launch/patient patient/*.rs")
                .get("access_token")
                .asText();

        for (String path : List.of("/fhir/$export", "/fhir/Patient/$export")) {
            HttpResponse<String> refused = send(exportRequest(path, patientToken));
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
            assertThat(refused.body()).contains("OperationOutcome").contains("SMART Backend Services");
        }
    }

    @Test
    void typesTheTokenMayNotRead_andOtherFormats_areRefused() {
        String patientsOnly = Tokens.demoClient(serverRoot(), "system/Patient.rs");

        HttpResponse<String> otherType = send(exportRequest("/fhir/$export?_type=Patient,Appointment", patientsOnly));
        HttpResponse<String> csv = send(exportRequest("/fhir/$export?_type=Patient&_outputFormat=text/csv", token()));

        assertThat(otherType.statusCode()).as(otherType.body()).isEqualTo(403);
        assertThat(otherType.body()).contains("may not export Appointment");
        assertThat(csv.statusCode()).as(csv.body()).isEqualTo(400);
        assertThat(csv.body()).contains("OperationOutcome").contains("ndjson");
    }

    @Test
    void aClientBoundToAGroup_exportsThatGroupOnly() throws Exception {
        List<String> members = patients("Member", 2);
        List<String> outsiders = patients("Outsider", 1);
        putGroup(INSURER_GROUP, members);
        String otherGroup =
                "bulk-export-it-other-" + UUID.randomUUID().toString().substring(0, 8);
        putGroup(otherGroup, outsiders);
        String insurer = BackendService.token(serverRoot(), "system/*.rs");

        for (String path : List.of(
                "/fhir/$export?_type=Patient",
                "/fhir/Patient/$export?_type=Patient",
                "/fhir/Patient/" + outsiders.get(0) + "/$export?_type=Patient",
                "/fhir/Group/" + otherGroup + "/$export?_type=Patient")) {
            HttpResponse<String> refused = send(exportRequest(path, insurer));
            assertThat(refused.statusCode()).as(path + ": " + refused.body()).isEqualTo(403);
            assertThat(refused.body()).contains("bound to Group/" + INSURER_GROUP);
        }
        HttpResponse<String> kickOff =
                send(exportRequest("/fhir/Group/" + INSURER_GROUP + "/$export?_type=Patient,Appointment", insurer));
        assertThat(kickOff.statusCode()).as(kickOff.body()).isEqualTo(202);
        JsonNode manifest =
                awaitManifest(kickOff.headers().firstValue("Content-Location").orElseThrow(), insurer);

        Map<String, Set<String>> exported = download(manifest, insurer, Set.of("Patient", "Appointment"));
        assertThat(exported.get("Patient")).containsExactlyInAnyOrderElementsOf(members);
    }

    @Test
    void aClientBoundToAGroup_mayNotChangeThatGroup_evenWithGroupWriteScopes() {
        List<String> members = patients("Kept", 1);
        List<String> outsiders = patients("Added", 1);
        putGroup(INSURER_GROUP, members);
        String insurer = BackendService.token(serverRoot(), BackendService.GROUP_WRITES);
        String widened = "{\"resourceType\":\"Group\",\"id\":\"" + INSURER_GROUP + "\",\"type\":\"person\","
                + "\"actual\":true,\"member\":[{\"entity\":{\"reference\":\"Patient/" + members.get(0) + "\"}},"
                + "{\"entity\":{\"reference\":\"Patient/" + outsiders.get(0) + "\"}}]}";

        HttpResponse<String> update = send(authorized(anonymousRequest("/fhir/Group/" + INSURER_GROUP), insurer)
                .header("Content-Type", "application/fhir+json")
                .PUT(HttpRequest.BodyPublishers.ofString(widened)));
        HttpResponse<String> delete = send(authorized(anonymousRequest("/fhir/Group/" + INSURER_GROUP), insurer)
                .DELETE());

        for (HttpResponse<String> refused : List.of(update, delete)) {
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
            assertThat(refused.body())
                    .contains("OperationOutcome")
                    .contains("Group/" + INSURER_GROUP + " is a Group client " + BackendService.CLIENT_ID);
        }
        Group kept = client().read().resource(Group.class).withId(INSURER_GROUP).execute();
        assertThat(kept.getMember())
                .extracting(m -> m.getEntity().getReference())
                .containsExactly("Patient/" + members.get(0));
        String otherGroup = "bulk-export-it-own-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> elsewhere = send(authorized(anonymousRequest("/fhir/Group/" + otherGroup), insurer)
                .header("Content-Type", "application/fhir+json")
                .PUT(HttpRequest.BodyPublishers.ofString(widened.replace(INSURER_GROUP, otherGroup))));
        assertThat(elsewhere.statusCode())
                .as("a Group it is not bound to: " + elsewhere.body())
                .isIn(200, 201);
    }

    @Test
    void retention_removesExpiredFilesFromTheStore_andTheJob() throws Exception {
        patients("Expiring", 1);
        HttpResponse<String> kickOff = send(exportRequest("/fhir/$export?_type=Patient", token()));
        String status = kickOff.headers().firstValue("Content-Location").orElseThrow();
        JsonNode manifest = awaitManifest(status, token());
        String file = manifest.get("output").get(0).get("url").asText();
        String contentId = jdbc.queryForObject(
                "select content_id from mediwox.document_content where resource_id = ?",
                String.class,
                new IdType(file).getIdPart());

        int removed = retention.sweep(Instant.now().plus(Duration.ofMinutes(1)));

        assertThat(removed).isGreaterThanOrEqualTo(manifest.get("output").size());
        assertThat(send(authorized(HttpRequest.newBuilder(URI.create(file)), token()))
                        .statusCode())
                .isIn(404, 410);
        assertThat(send(authorized(HttpRequest.newBuilder(URI.create(status)), token()))
                        .statusCode())
                .isEqualTo(404);
        awaitGone(contentId);
    }

    @Test
    void capabilityStatement_instantiatesTheBulkDataIg_andAdvertisesItsOperations() {
        org.hl7.fhir.r4.model.CapabilityStatement capabilities = client().capabilities()
                .ofType(org.hl7.fhir.r4.model.CapabilityStatement.class)
                .execute();

        assertThat(capabilities.getInstantiates())
                .extracting(c -> c.getValue())
                .contains("http://hl7.org/fhir/uv/bulkdata/CapabilityStatement/bulk-data");
        assertThat(capabilities.getRestFirstRep().getOperation())
                .anySatisfy(op -> assertThat(op.getName() + " " + op.getDefinition())
                        .isEqualTo("export http://hl7.org/fhir/uv/bulkdata/OperationDefinition/export"));
        for (String type : List.of("Patient", "Group")) {
            assertThat(capabilities.getRestFirstRep().getResource())
                    .filteredOn(r -> r.getType().equals(type))
                    .flatExtracting(r -> r.getOperation())
                    .anySatisfy(op -> assertThat(op.getName() + " " + op.getDefinition())
                            .isEqualTo("export http://hl7.org/fhir/uv/bulkdata/OperationDefinition/"
                                    + type.toLowerCase(java.util.Locale.ROOT) + "-export"));
        }
    }

    private void awaitGone(String contentId) {
        Instant deadline = Instant.now().plusSeconds(10);
        while (objectKeys().stream().anyMatch(key -> key.endsWith(contentId))
                && Instant.now().isBefore(deadline)) {
            sleep(100);
        }
        assertThat(objectKeys()).noneMatch(key -> key.endsWith(contentId));
        assertThat(jdbc.queryForObject(
                        "select count(*) from mediwox.document_content where content_id = ?", Long.class, contentId))
                .isZero();
    }

    private HttpRequest.Builder exportRequest(String pathAndQuery, String accessToken) {
        return authorized(anonymousRequest(pathAndQuery), accessToken)
                .header("Accept", "application/fhir+json")
                .header("Prefer", "respond-async");
    }

    private static HttpRequest.Builder authorized(HttpRequest.Builder request, String accessToken) {
        return request.header("Authorization", "Bearer " + accessToken);
    }

    /** Polls the status URL (202 with X-Progress and Retry-After meanwhile) until the manifest is there. */
    private JsonNode awaitManifest(String statusUrl, String accessToken) {
        Instant deadline = Instant.now().plusSeconds(90);
        while (true) {
            HttpResponse<String> poll = send(authorized(HttpRequest.newBuilder(URI.create(statusUrl)), accessToken));
            if (poll.statusCode() == 200) {
                return Tokens.json(poll.body());
            }
            assertThat(poll.statusCode()).as(poll.body()).isEqualTo(202);
            assertThat(poll.headers().firstValue("X-Progress")).isPresent();
            assertThat(poll.headers().firstValue("Retry-After")).hasValue("5");
            assertThat(Instant.now()).as("export done within 90 s").isBefore(deadline);
            sleep(300);
        }
    }

    /** Downloads every file of the manifest; each line must be a resource of its file's type, one of {@code types}. */
    private Map<String, Set<String>> download(JsonNode manifest, String accessToken, Set<String> types) {
        Map<String, Set<String>> ids = new LinkedHashMap<>();
        types.forEach(type -> ids.put(type, new HashSet<>()));
        for (JsonNode output : manifest.get("output")) {
            String type = output.get("type").asText();
            assertThat(types).contains(type);
            HttpResponse<String> file = send(authorized(
                            HttpRequest.newBuilder(URI.create(output.get("url").asText())), accessToken)
                    .header("Accept", "application/fhir+ndjson"));
            assertThat(file.statusCode()).as(file.body()).isEqualTo(200);
            assertThat(file.headers().firstValue("Content-Type").orElse("")).startsWith("application/fhir+ndjson");
            for (String line : file.body().split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                IBaseResource resource = fhirContext.newJsonParser().parseResource(line);
                assertThat(fhirContext.getResourceType(resource)).isEqualTo(type);
                ids.get(type).add(resource.getIdElement().getIdPart());
            }
        }
        return ids;
    }

    private List<String> patients(String family, int count) {
        String run = family + "-" + UUID.randomUUID();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Patient patient = new Patient();
            patient.addName().setFamily(run).addGiven("P" + i);
            ids.add(client().create().resource(patient).execute().getId().getIdPart());
        }
        return ids;
    }

    private String appointment(String patient, int offset) {
        Instant start = TestPool.FIRST_SLOT.plus(Duration.ofDays(20)).plus(Duration.ofHours(offset));
        Appointment appointment = new Appointment().setStatus(Appointment.AppointmentStatus.BOOKED);
        appointment.setStart(java.util.Date.from(start)).setEnd(java.util.Date.from(start.plusSeconds(1800)));
        appointment
                .addParticipant()
                .setActor(new Reference("Patient/" + patient))
                .setStatus(Appointment.ParticipationStatus.ACCEPTED);
        return client().create().resource(appointment).execute().getId().getIdPart();
    }

    private void putGroup(String id, List<String> members) {
        Group group = new Group().setType(Group.GroupType.PERSON).setActual(true);
        group.setId(id);
        group.setName("Bulk export test " + id);
        members.forEach(m -> group.addMember().setEntity(new Reference("Patient/" + m)));
        client().update().resource(group).execute();
    }

    private Set<String> objectKeys() {
        Set<String> keys = new HashSet<>();
        for (S3Object object : S3Mock.shared()
                .client()
                .listObjectsV2Paginator(b -> b.bucket(S3Mock.BUCKET))
                .contents()) {
            keys.add(object.key());
        }
        return keys;
    }
}

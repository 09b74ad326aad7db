package org.mediwox.server.documents;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.jpa.binary.api.IBinaryStorageSvc;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import com.fasterxml.jackson.databind.JsonNode;
import com.google.common.hash.Hashing;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mediwox.server.support.BackendService;
import org.mediwox.server.support.S3Mock;
import org.mediwox.server.support.ServerIT;
import org.mediwox.server.support.SmartLogin;
import org.mediwox.server.support.Tokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * Documents against Adobe S3Mock (a real S3 REST API server): content leaves the database for an encrypted object and
 * comes back byte-identical; limits, allowlist, S3 outages, rolled-back transactions, orphans, tampering, expunge and
 * patient tokens.
 */
@ExtendWith(OutputCaptureExtension.class)
class DocumentsIT extends ServerIT {

    private static final String CATEGORY_SYSTEM = "https://mediwox.org/fhir/CodeSystem/document-category";
    private static final String PREFIX = "documents/";
    private static final int MB = 1024 * 1024;

    @Autowired
    OrphanSweeper sweeper;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    IBinaryStorageSvc binaryStorage;

    @Autowired
    PlatformTransactionManager transactionManager;

    private final S3Client s3 = S3Mock.shared().client();
    private final HttpClient http = HttpClient.newHttpClient();
    private String john;

    @BeforeEach
    void demoPatient() {
        john = demoPatient("patient-2");
    }

    @AfterEach
    void s3IsBack() {
        S3Mock.shared().gate().open();
    }

    @Test
    void fiveMegabytePdf_roundTripsByteIdentical_fromAnEncryptedObjectWhoseKeyNamesNoPatient() {
        byte[] pdf = pdf(5 * MB, 1);
        Set<String> before = objectKeys();

        HttpResponse<String> created = postJson("/fhir/DocumentReference", documentJson(john, "prescription", pdf));

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = idFrom(created);
        Set<String> added = new HashSet<>(objectKeys());
        added.removeAll(before);
        assertThat(added).as("exactly one new object for the attachment").hasSize(1);
        String key = added.iterator().next();
        assertThat(key)
                .as("a random key: nothing about the patient or the resource")
                .matches("documents/[0-9a-f]{32}");
        HeadObjectResponse head = s3.headObject(b -> b.bucket(S3Mock.BUCKET).key(key));
        assertThat(head.serverSideEncryption()).isEqualTo(ServerSideEncryption.AWS_KMS);
        assertThat(head.ssekmsKeyId()).contains("mediwox-test-key");
        assertThat(head.contentLength()).isEqualTo(pdf.length);
        assertThat(head.contentType()).isEqualTo("application/pdf");

        DocumentReference read =
                client().read().resource(DocumentReference.class).withId(id).execute();
        assertThat(read.getContentFirstRep().getAttachment().getData()).isEqualTo(pdf);

        HttpResponse<byte[]> bytes = binaryAccessRead("DocumentReference/" + id, token());
        assertThat(bytes.statusCode()).isEqualTo(200);
        assertThat(bytes.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(bytes.body()).isEqualTo(pdf);

        Map<String, Object> ledger = jdbc.queryForMap(
                "select * from mediwox.document_content where content_id = ?", key.substring(PREFIX.length()));
        assertThat(ledger)
                .containsEntry("resource_type", "DocumentReference")
                .containsEntry("resource_id", id)
                .containsEntry("size_bytes", (long) pdf.length)
                .containsEntry("sha256", Hashing.sha256().hashBytes(pdf).toString())
                .containsEntry("confirmed", true);
    }

    @Test
    void binaryContent_alwaysGoesToTheStore_andReadsBackRaw() {
        byte[] text = "Take one tablet twice a day.".getBytes(StandardCharsets.UTF_8);
        Set<String> before = objectKeys();

        HttpResponse<String> created = send(request("/fhir/Binary")
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofByteArray(text)));

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(objectKeys()).hasSize(before.size() + 1);
        HttpResponse<byte[]> raw = sendBytes(request("/fhir/Binary/" + idFrom(created))
                .header("Accept", "text/plain")
                .GET());
        assertThat(raw.statusCode()).isEqualTo(200);
        assertThat(raw.body()).isEqualTo(text);
    }

    @Test
    void oversizedDocument_is413_andNothingIsStored() {
        Set<String> before = objectKeys();
        long rows = ledgerRows();

        HttpResponse<String> refused =
                postJson("/fhir/DocumentReference", documentJson(john, "report", pdf(10 * MB + 1, 2)));

        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(diagnostics(refused)).contains("at most 10485760 bytes");
        assertThat(objectKeys()).isEqualTo(before);
        assertThat(ledgerRows()).isEqualTo(rows);
    }

    @Test
    void disallowedContentType_is415_withTheAllowedTypes_andNothingIsStored() {
        Set<String> before = objectKeys();

        String zip = documentJson(john, "attachment", pdf(200_000, 3)).replace("application/pdf", "application/zip");
        HttpResponse<String> attachment = postJson("/fhir/DocumentReference", zip);
        HttpResponse<String> binary = send(request("/fhir/Binary")
                .header("Content-Type", "application/x-msdownload")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {'M', 'Z', 0, 0})));

        assertThat(attachment.statusCode()).isEqualTo(415);
        assertThat(diagnostics(attachment)).contains("application/zip").contains("application/pdf, image/jpeg");
        assertThat(binary.statusCode()).isEqualTo(415);
        assertThat(objectKeys()).isEqualTo(before);
    }

    @Test
    void s3Unreachable_is503_andLeavesNoResourceBehind_thenTheSameRequestSucceeds() {
        String identifier = UUID.randomUUID().toString();
        String document = documentJson(john, "report", pdf(200_000, 4))
                .replace(
                        "\"status\"",
                        "\"identifier\":[{\"system\":\"urn:ietf:rfc:3986\",\"value\":\"urn:uuid:" + identifier
                                + "\"}],\"status\"");
        long rows = ledgerRows();

        S3Mock.shared().gate().shut();
        HttpResponse<String> unavailable = postJson("/fhir/DocumentReference", document);
        S3Mock.shared().gate().open();

        assertThat(unavailable.statusCode()).isEqualTo(503);
        assertThat(unavailable.body()).contains("OperationOutcome");
        assertThat(diagnostics(unavailable))
                .contains("document store is unavailable")
                .doesNotContain("Exception");
        Bundle found = client().search()
                .byUrl("DocumentReference?identifier=urn:uuid:" + identifier)
                .returnBundle(Bundle.class)
                .execute();
        assertThat(found.getEntry())
                .as("no DocumentReference without its content")
                .isEmpty();
        assertThat(ledgerRows()).isEqualTo(rows);

        assertThat(postJson("/fhir/DocumentReference", document).statusCode()).isEqualTo(201);
    }

    @Test
    void s3UnreachableOnRead_is503() {
        String id = idFrom(postJson("/fhir/DocumentReference", documentJson(john, "report", pdf(100_000, 5))));

        S3Mock.shared().gate().shut();
        HttpResponse<byte[]> unavailable = binaryAccessRead("DocumentReference/" + id, token());
        S3Mock.shared().gate().open();

        assertThat(unavailable.statusCode()).isEqualTo(503);
        assertThat(new String(unavailable.body(), StandardCharsets.UTF_8)).contains("document store is unavailable");
    }

    @Test
    void contentStoredInATransactionThatRollsBack_isRemovedFromTheBucket() throws Exception {
        Set<String> before = objectKeys();
        long rows = ledgerRows();
        TransactionTemplate transaction = new TransactionTemplate(transactionManager);

        transaction.executeWithoutResult(status -> {
            try {
                binaryStorage.storeBinaryContent(
                        new IdType("DocumentReference", "rolled-back"),
                        null,
                        "application/pdf",
                        new java.io.ByteArrayInputStream(pdf(100_000, 15)),
                        new SystemRequestDetails());
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            assertThat(objectKeys()).as("written during the transaction").hasSize(before.size() + 1);
            status.setRollbackOnly();
        });

        assertThat(objectKeys()).isEqualTo(before);
        assertThat(ledgerRows()).isEqualTo(rows);
    }

    @Test
    void failedTransactionBundle_leavesNoObjectInTheBucket() {
        Patient patient = client().read().resource(Patient.class).withId(john).execute();
        Set<String> before = objectKeys();
        String bundle = "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":["
                + "{\"resource\":" + documentJson(john, "report", pdf(300_000, 6))
                + ",\"request\":{\"method\":\"POST\",\"url\":\"DocumentReference\"}},"
                + "{\"resource\":" + fhirContext.newJsonParser().encodeResourceToString(patient)
                + ",\"request\":{\"method\":\"PUT\",\"url\":\"Patient/" + john + "\",\"ifMatch\":\"W/\\\"999\\\"\"}}]}";

        HttpResponse<String> failed = postJson("/fhir", bundle);

        assertThat(failed.statusCode()).as(failed.body()).isIn(409, 412);
        assertThat(objectKeys()).isEqualTo(before);
    }

    @Test
    void sweeper_removesObjectsNoResourceOwns_andKeepsOwnedOnes() {
        String owned = idFrom(postJson("/fhir/DocumentReference", documentJson(john, "report", pdf(100_000, 7))));
        String stray = PREFIX + UUID.randomUUID().toString().replace("-", "");
        s3.putObject(b -> b.bucket(S3Mock.BUCKET).key(stray), RequestBody.fromBytes(pdf(1000, 8)));

        int removed = sweeper.sweep(Instant.now().plusSeconds(60));

        assertThat(removed).isGreaterThanOrEqualTo(1);
        assertThat(objectKeys()).doesNotContain(stray);
        assertThat(binaryAccessRead("DocumentReference/" + owned, token()).statusCode())
                .isEqualTo(200);
    }

    @Test
    void tamperedObject_failsItsIntegrityCheck_andIsNotServed(CapturedOutput log) {
        byte[] pdf = pdf(100_000, 9);
        Set<String> before = objectKeys();
        String id = idFrom(postJson("/fhir/DocumentReference", documentJson(john, "report", pdf)));
        Set<String> added = new HashSet<>(objectKeys());
        added.removeAll(before);
        String key = added.iterator().next();
        byte[] forged = pdf(100_000, 10);
        s3.putObject(b -> b.bucket(S3Mock.BUCKET).key(key), RequestBody.fromBytes(forged));
        try {
            HttpResponse<byte[]> refused = binaryAccessRead("DocumentReference/" + id, token());

            assertThat(refused.statusCode()).isEqualTo(500);
            assertThat(log.getOut()).contains("failed its integrity check");
            assertThat(new String(refused.body(), StandardCharsets.ISO_8859_1))
                    .contains("OperationOutcome")
                    .doesNotContain(new String(forged, 0, 64, StandardCharsets.ISO_8859_1));
        } finally {
            // the test server is shared: John's $everything in other classes inflates this document
            s3.putObject(b -> b.bucket(S3Mock.BUCKET).key(key), RequestBody.fromBytes(pdf));
        }
        assertThat(binaryAccessRead("DocumentReference/" + id, token()).statusCode())
                .as("the restored object passes its check again")
                .isEqualTo(200);
    }

    @Test
    void delete_keepsTheContentForHistory_andExpungeRemovesTheObject() {
        byte[] text = ("expunge me " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        Set<String> before = objectKeys();
        String id = idFrom(send(request("/fhir/Binary")
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofByteArray(text))));
        Set<String> added = new HashSet<>(objectKeys());
        added.removeAll(before);
        assertThat(added).hasSize(1);

        assertThat(send(request("/fhir/Binary/" + id).DELETE()).statusCode()).isEqualTo(200);
        assertThat(objectKeys()).containsAll(added);
        HttpResponse<byte[]> history = sendBytes(request("/fhir/Binary/" + id + "/_history/1")
                .header("Accept", "text/plain")
                .GET());
        assertThat(history.body()).isEqualTo(text);

        HttpResponse<String> expunged = postJson(
                "/fhir/Binary/" + id + "/$expunge",
                "{\"resourceType\":\"Parameters\",\"parameter\":["
                        + "{\"name\":\"expungeDeletedResources\",\"valueBoolean\":true},"
                        + "{\"name\":\"expungePreviousVersions\",\"valueBoolean\":true}]}");

        assertThat(expunged.statusCode()).as(expunged.body()).isEqualTo(200);
        assertThat(objectKeys()).doesNotContainAnyElementsOf(added);
        assertThat(jdbc.queryForObject(
                        "select count(*) from mediwox.document_content where resource_type = 'Binary' and resource_id = ?",
                        Long.class,
                        id))
                .isZero();
    }

    @Test
    void binaryAccessWrite_replacesTheContent_andTheOldVersionKeepsItsOwn() {
        byte[] first = pdf(100_000, 11);
        byte[] second = pdf(150_000, 12);
        String id = idFrom(postJson("/fhir/DocumentReference", documentJson(john, "report", first)));

        HttpResponse<String> written = send(request("/fhir/DocumentReference/" + id
                        + "/$binary-access-write?path=DocumentReference.content.attachment")
                .header("Content-Type", "application/pdf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(second)));

        assertThat(written.statusCode()).as(written.body()).isEqualTo(200);
        assertThat(binaryAccessRead("DocumentReference/" + id, token()).body()).isEqualTo(second);
        DocumentReference version1 = client().read()
                .resource(DocumentReference.class)
                .withIdAndVersion(id, "1")
                .execute();
        assertThat(version1.getContentFirstRep().getAttachment().getData()).isEqualTo(first);
        assertThat(jdbc.queryForObject(
                        "select count(*) from mediwox.document_content where resource_id = ? and confirmed",
                        Long.class,
                        id))
                .isEqualTo(2);
    }

    @Test
    void patientToken_readsItsOwnDocumentBytes_butNeverAnotherPatients() {
        String ana = demoPatient("patient-1");
        String anasToken = SmartLogin.launch(serverRoot(), "ana.garcia@example.org", "launch/patient patient/*.rs")
                .get("access_token")
                .asText();
        byte[] anasPdf = pdf(100_000, 13);
        String anas = idFrom(postJson("/fhir/DocumentReference", documentJson(ana, "prescription", anasPdf)));
        String johns =
                idFrom(postJson("/fhir/DocumentReference", documentJson(john, "prescription", pdf(100_000, 14))));

        HttpResponse<byte[]> own = binaryAccessRead("DocumentReference/" + anas, anasToken);
        HttpResponse<byte[]> other = binaryAccessRead("DocumentReference/" + johns, anasToken);
        HttpResponse<String> otherResource = send(anonymousRequest("/fhir/DocumentReference/" + johns)
                .header("Authorization", "Bearer " + anasToken)
                .GET());

        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(own.body()).isEqualTo(anasPdf);
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(new String(other.body(), StandardCharsets.UTF_8))
                .contains("not within the scopes of this token (patient Patient/" + ana + ")");
        assertThat(otherResource.statusCode()).isEqualTo(403);
    }

    @Test
    void demoPatient_hasAPrescriptionPdf_thatTheirAppCanFindAndDownload() {
        String anasToken = SmartLogin.launch(serverRoot(), "ana.garcia@example.org", "launch/patient patient/*.rs")
                .get("access_token")
                .asText();

        HttpResponse<String> found = send(anonymousRequest(
                        "/fhir/DocumentReference?category=" + CATEGORY_SYSTEM
                                + "%7Cprescription&identifier=https://mediwox.org/fhir/demo%7Cprescription-ana.garcia@example.org")
                .header("Authorization", "Bearer " + anasToken)
                .GET());

        assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
        Bundle bundle = fhirContext.newJsonParser().parseResource(Bundle.class, found.body());
        assertThat(bundle.getEntry()).hasSize(1);
        DocumentReference prescription =
                (DocumentReference) bundle.getEntryFirstRep().getResource();
        HttpResponse<byte[]> pdf = binaryAccessRead(
                "DocumentReference/" + prescription.getIdElement().getIdPart(), anasToken);
        assertThat(pdf.statusCode()).isEqualTo(200);
        String text = new String(pdf.body(), StandardCharsets.ISO_8859_1);
        assertThat(text)
                .startsWith("%PDF-1.4")
                .contains("Receta")
                .contains("Ana Garc")
                .endsWith("%%EOF\n");
    }

    @Test
    void patientToken_cannotReachAnotherPatientsBytes_throughAVersion_orAfterADelete() {
        String anasToken = SmartLogin.launch(serverRoot(), "ana.garcia@example.org", "launch/patient patient/*.rs")
                .get("access_token")
                .asText();
        String johns =
                idFrom(postJson("/fhir/DocumentReference", documentJson(john, "prescription", pdf(100_000, 16))));

        HttpResponse<byte[]> version = binaryAccessRead("DocumentReference/" + johns + "/_history/1", anasToken);
        assertThat(send(request("/fhir/DocumentReference/" + johns).DELETE()).statusCode())
                .isEqualTo(200);
        HttpResponse<byte[]> deleted = binaryAccessRead("DocumentReference/" + johns, anasToken);
        HttpResponse<byte[]> deletedVersion = binaryAccessRead("DocumentReference/" + johns + "/_history/1", anasToken);

        assertThat(version.statusCode()).isEqualTo(403);
        assertThat(deleted.statusCode()).isEqualTo(404);
        assertThat(deletedVersion.statusCode()).isEqualTo(404);
        assertThat(binaryAccessRead("DocumentReference/" + johns + "/_history/1", token())
                        .statusCode())
                .as("a system token still reads the history")
                .isEqualTo(200);
    }

    @Test
    void patientAppToken_deletesItsOwnUpload_butNotTheClinicsDocumentAboutThem_norAnotherPatients() {
        String ana = demoPatient("patient-1");
        String anasToken = patientAppToken("ana.garcia@example.org");
        String upload = idFrom(
                postJsonAs(anasToken, "/fhir/DocumentReference", documentJson(ana, "attachment", pdf(2_000, 21))));
        String clinics = idFrom(postJson("/fhir/DocumentReference", documentJson(ana, "report", pdf(2_000, 22))));
        String johns = idFrom(postJson("/fhir/DocumentReference", documentJson(john, "attachment", pdf(2_000, 23))));

        HttpResponse<String> own = deleteAs(anasToken, "DocumentReference/" + upload);
        HttpResponse<String> clinicsAboutHer = deleteAs(anasToken, "DocumentReference/" + clinics);
        HttpResponse<String> anotherPatients = deleteAs(anasToken, "DocumentReference/" + johns);

        assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
        assertThat(send(anonymousRequest("/fhir/DocumentReference/" + upload)
                                .header("Authorization", "Bearer " + anasToken)
                                .GET())
                        .statusCode())
                .as("gone for her")
                .isEqualTo(410);
        assertThat(clinicsAboutHer.statusCode()).as(clinicsAboutHer.body()).isEqualTo(403);
        assertThat(diagnostics(clinicsAboutHer)).contains("was not uploaded by this patient");
        assertThat(anotherPatients.statusCode()).as(anotherPatients.body()).isEqualTo(403);
        assertThat(client().read()
                        .resource(DocumentReference.class)
                        .withId(clinics)
                        .execute()
                        .getStatus())
                .as("the clinic's document stays")
                .isEqualTo(Enumerations.DocumentReferenceStatus.CURRENT);
        assertThat(client().read()
                        .resource(DocumentReference.class)
                        .withId(johns)
                        .execute())
                .isNotNull();
        assertThat(send(request("/fhir/DocumentReference/" + clinics).DELETE()).statusCode())
                .as("the clinic may delete its own")
                .isEqualTo(200);
    }

    @Test
    void heicPhoto_fromAPatient_isStored_andReadsBackByteIdentical() throws Exception {
        String ana = demoPatient("patient-1");
        String anasToken = patientAppToken("ana.garcia@example.org");
        byte[] heic;
        try (var in = DocumentsIT.class.getResourceAsStream("/documents/photo.heic")) {
            heic = in.readAllBytes();
        }
        assertThat(new String(heic, 4, 8, StandardCharsets.US_ASCII))
                .as("a real HEIF file: its ftyp box names the HEIC brand")
                .isEqualTo("ftypheic");
        String json = documentJson(ana, "attachment", heic)
                .replace("application/pdf", "image/heic")
                .replace("attachment.pdf", "photo.heic");

        String id = idFrom(postJsonAs(anasToken, "/fhir/DocumentReference", json));

        HttpResponse<byte[]> back = binaryAccessRead("DocumentReference/" + id, anasToken);
        assertThat(back.statusCode()).isEqualTo(200);
        assertThat(back.headers().firstValue("Content-Type")).hasValue("image/heic");
        assertThat(back.body()).isEqualTo(heic);
    }

    @Test
    void filteredScope_readsBytesOnlyOfDocumentsMatchingItsFilter() {
        String reportsOnly = BackendService.token(serverRoot(), BackendService.REPORTS_ONLY);
        String report = idFrom(postJson("/fhir/DocumentReference", documentJson(john, "report", pdf(100_000, 17))));
        String prescription =
                idFrom(postJson("/fhir/DocumentReference", documentJson(john, "prescription", pdf(100_000, 18))));

        assertThat(binaryAccessRead("DocumentReference/" + report, reportsOnly).statusCode())
                .isEqualTo(200);
        assertThat(binaryAccessRead("DocumentReference/" + prescription, reportsOnly)
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void createCarryingAReferenceToStoredContent_isRefused() {
        String victim = idFrom(postJson("/fhir/DocumentReference", documentJson(john, "report", pdf(100_000, 19))));
        String contentId = jdbc.queryForObject(
                "select content_id from mediwox.document_content where resource_id = ?", String.class, victim);
        String forged = "{\"resourceType\":\"DocumentReference\",\"status\":\"current\","
                + "\"subject\":{\"reference\":\"Patient/" + john + "\"},\"content\":[{\"attachment\":{"
                + "\"contentType\":\"application/pdf\",\"_data\":{\"extension\":[{\"url\":"
                + "\"http://hapifhir.io/fhir/StructureDefinition/externalized-binary-id\",\"valueString\":\""
                + contentId + "\"}]}}}]}";

        HttpResponse<String> refused = postJson("/fhir/DocumentReference", forged);

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(diagnostics(refused)).contains("set by the server only");
    }

    @Test
    void expungingOneVersion_keepsContentThatOtherVersionsShare() {
        byte[] first = pdf(100_000, 20);
        String id = idFrom(postJson("/fhir/DocumentReference", documentJson(john, "report", first)));
        DocumentReference current =
                client().read().resource(DocumentReference.class).withId(id).execute();
        current.setDescription("metadata change only: version 2 reuses the stored content");
        client().update().resource(current).execute();
        HttpResponse<String> third = send(request("/fhir/DocumentReference/" + id
                        + "/$binary-access-write?path=DocumentReference.content.attachment")
                .header("Content-Type", "application/pdf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(pdf(100_000, 21))));
        assertThat(third.statusCode()).as(third.body()).isEqualTo(200);

        HttpResponse<String> expunged = postJson(
                "/fhir/DocumentReference/" + id + "/_history/2/$expunge",
                "{\"resourceType\":\"Parameters\",\"parameter\":["
                        + "{\"name\":\"expungePreviousVersions\",\"valueBoolean\":true}]}");

        assertThat(expunged.statusCode()).as(expunged.body()).isEqualTo(200);
        DocumentReference version1 = client().read()
                .resource(DocumentReference.class)
                .withIdAndVersion(id, "1")
                .execute();
        assertThat(version1.getContentFirstRep().getAttachment().getData()).isEqualTo(first);
    }

    // --- helpers

    private String documentJson(String patient, String category, byte[] content) {
        DocumentReference document = new DocumentReference();
        document.setStatus(Enumerations.DocumentReferenceStatus.CURRENT);
        document.setSubject(new Reference("Patient/" + patient));
        document.addCategory(new CodeableConcept().addCoding(new Coding(CATEGORY_SYSTEM, category, null)));
        document.addContent()
                .setAttachment(new Attachment()
                        .setContentType("application/pdf")
                        .setTitle(category + ".pdf")
                        .setData(content));
        return fhirContext.newJsonParser().encodeResourceToString(document);
    }

    /** A PDF-looking payload of {@code size} bytes, different for every seed. */
    private static byte[] pdf(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        byte[] header = "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(header, 0, bytes, 0, Math.min(header.length, size));
        return bytes;
    }

    private HttpResponse<String> postJson(String path, String body) {
        return send(request(path)
                .header("Content-Type", Constants.CT_FHIR_JSON_NEW)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** A token of the patient app's own client (its registered scopes decide what it may do), with delete. */
    private String patientAppToken(String login) {
        SmartLogin app = new SmartLogin(serverRoot(), "mediwox-patient-app", "http://127.0.0.1/app/");
        String scope = "launch/patient patient/DocumentReference.crds patient/Binary.r";
        HttpResponse<String> answer = app.exchange(app.authorize(login, scope), app.verifier());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode tokens = Tokens.json(answer.body());
        assertThat(tokens.get("scope").asText()).contains("patient/DocumentReference.crds");
        return tokens.get("access_token").asText();
    }

    private HttpResponse<String> postJsonAs(String accessToken, String path, String body) {
        return send(anonymousRequest(path)
                .header("Authorization", "Bearer " + accessToken)
                .header("Content-Type", Constants.CT_FHIR_JSON_NEW)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> deleteAs(String accessToken, String resource) {
        return send(anonymousRequest("/fhir/" + resource)
                .header("Authorization", "Bearer " + accessToken)
                .DELETE());
    }

    private HttpResponse<byte[]> binaryAccessRead(String resource, String accessToken) {
        return sendBytes(
                anonymousRequest("/fhir/" + resource + "/$binary-access-read?path=DocumentReference.content.attachment")
                        .header("Authorization", "Bearer " + accessToken)
                        .GET());
    }

    private HttpResponse<byte[]> sendBytes(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String idFrom(HttpResponse<String> created) {
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String location = created.headers().firstValue("Location").orElseThrow();
        String path = URI.create(location).getPath();
        String[] parts = path.split("/");
        return parts[parts.length - 3];
    }

    private static String diagnostics(HttpResponse<String> response) {
        JsonNode outcome = Tokens.json(response.body());
        assertThat(outcome.get("resourceType").asText()).isEqualTo("OperationOutcome");
        return outcome.get("issue").get(0).get("diagnostics").asText();
    }

    private Set<String> objectKeys() {
        Set<String> keys = new HashSet<>();
        for (S3Object object :
                s3.listObjectsV2Paginator(b -> b.bucket(S3Mock.BUCKET)).contents()) {
            keys.add(object.key());
        }
        return keys;
    }

    private long ledgerRows() {
        return jdbc.queryForObject("select count(*) from mediwox.document_content", Long.class);
    }
}

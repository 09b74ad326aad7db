package org.mediwox.server.fulltext;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.awaitility.core.ThrowingRunnable;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mediwox.server.support.OpenSearchNode;
import org.mediwox.server.support.ProductionNode;
import org.mediwox.server.support.Tokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Full-text search on OpenSearch with two Mediwox nodes on one PostgreSQL ({@code mediwox.full-text.backend=opensearch}):
 * what one node writes, updates or deletes is found — or no longer found — by {@code _content} and {@code _text} on
 * the other, through a real OpenSearch 2.19 node ({@link OpenSearchNode}). The indexes carry the deployment's prefix.
 * Each check waits for the index (with {@code read-sync}, the default, a write is searchable when it is answered) and
 * logs how long after the write it saw the change.
 */
class OpenSearchFullTextIT {

    private static final Logger LOG = LoggerFactory.getLogger(OpenSearchFullTextIT.class);
    private static final Duration INDEXING_PATIENCE = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static OpenSearchNode opensearch;
    private static ConfigurableApplicationContext nodeA;
    private static ConfigurableApplicationContext nodeB;
    private static String prefix;
    private static IGenericClient clientA;
    private static IGenericClient clientB;

    @BeforeAll
    static void startOpenSearchAndTwoNodes() {
        opensearch = OpenSearchNode.start();
        LOG.info("OpenSearch test node ready in {} ms", opensearch.startTime().toMillis());
        prefix = "it-" + UUID.randomUUID().toString().substring(0, 8);
        // node A runs the embedded PostgreSQL of its data directory; node B uses that database
        nodeA = node("fulltext-a").start();
        nodeB = node("fulltext-b").onDatabaseOf(nodeA.getBean(DataSource.class)).start();
        clientA = client(nodeA);
        clientB = client(nodeB);
    }

    @AfterAll
    static void stopAll() {
        for (AutoCloseable closeable : new AutoCloseable[] {nodeB, nodeA, opensearch}) {
            if (closeable != null) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    LOG.warn("could not stop {}", closeable, e);
                }
            }
        }
    }

    @Test
    void patientWrittenOnA_isFoundOnB_byContentAndText_andItsUpdateAndDeleteReachTheIndex() {
        String first = word();
        Patient patient = patient(first);

        Instant written = Instant.now();
        String id = clientA.create().resource(patient).execute().getId().getIdPart();

        awaitIndexed(
                "create",
                written,
                () -> assertThat(ids(clientB, "Patient?_content=" + first)).containsExactly(id));
        assertThat(ids(clientB, "Patient?_text=" + first)).containsExactly(id);
        assertThat(documentsInIndex(first)).isEqualTo(1);

        String second = word();
        Patient changed = patient(second);
        changed.setId(id);
        Instant updated = Instant.now();
        clientA.update().resource(changed).execute();

        awaitIndexed("update", updated, () -> {
            assertThat(ids(clientB, "Patient?_content=" + second)).containsExactly(id);
            assertThat(ids(clientB, "Patient?_content=" + first)).isEmpty();
        });
        assertThat(documentsInIndex(first)).as("the old words left the index").isZero();

        Instant deleted = Instant.now();
        clientA.delete().resourceById("Patient", id).execute();

        awaitIndexed(
                "delete",
                deleted,
                () -> assertThat(documentsInIndex(second))
                        .as("the deleted Patient's words left the index")
                        .isZero());
        assertThat(ids(clientB, "Patient?_content=" + second)).isEmpty();
    }

    @Test
    void documentReferenceWrittenOnB_isFoundOnA_byContent() {
        String word = word();
        String patient =
                clientB.create().resource(patient(word())).execute().getId().getIdPart();
        DocumentReference document = new DocumentReference();
        document.setStatus(Enumerations.DocumentReferenceStatus.CURRENT);
        document.setSubject(new Reference("Patient/" + patient));
        document.setDescription("Discharge letter " + word);
        document.addContent()
                .setAttachment(new Attachment()
                        .setContentType("text/plain")
                        .setTitle("letter.txt")
                        .setData("Discharged in good health.".getBytes(StandardCharsets.UTF_8)));

        Instant written = Instant.now();
        String id = clientB.create().resource(document).execute().getId().getIdPart();

        awaitIndexed(
                "create",
                written,
                () -> assertThat(ids(clientA, "DocumentReference?_content=" + word))
                        .containsExactly(id));
    }

    @Test
    void indexes_carryTheDeploymentsPrefix() throws Exception {
        JsonNode indices = JSON.readTree(opensearch.get("/_cat/indices?format=json&h=index"));
        List<String> names = new ArrayList<>();
        indices.forEach(index -> names.add(index.get("index").asText()));

        assertThat(names)
                .contains(prefix + "-resourcetable-000001")
                .allSatisfy(name -> assertThat(name).startsWith(prefix + "-"));
    }

    private static ProductionNode node(String name) {
        return ProductionNode.named(name)
                .safe()
                .with(
                        "--mediwox.auth.demo-client=true",
                        "--mediwox.full-text.backend=opensearch",
                        "--mediwox.full-text.opensearch.uris=" + opensearch.uri(),
                        "--mediwox.full-text.opensearch.index-prefix=" + prefix);
    }

    private static IGenericClient client(ConfigurableApplicationContext node) {
        FhirContext fhir = node.getBean(FhirContext.class);
        fhir.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        fhir.getRestfulClientFactory().setSocketTimeout(60_000);
        String root = ProductionNode.root(node);
        IGenericClient client = fhir.newRestfulGenericClient(root + "/fhir");
        client.registerInterceptor(new BearerTokenAuthInterceptor(Tokens.demoClient(root, "system/*.cruds")));
        return client;
    }

    /** Waits until the index shows a change, and logs after how long and how many searches it was seen. */
    private static void awaitIndexed(String change, Instant since, ThrowingRunnable check) {
        AtomicInteger searches = new AtomicInteger();
        Awaitility.await()
                .atMost(INDEXING_PATIENCE)
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> {
                    searches.incrementAndGet();
                    check.run();
                });
        LOG.info(
                "{} seen through the other node's full-text search {} ms after the write returned, at search #{}",
                change,
                Duration.between(since, Instant.now()).toMillis(),
                searches.get());
    }

    private static long documentsInIndex(String word) {
        return new ResourceIndex(opensearch, prefix).documentsWith(word);
    }

    private static List<String> ids(IGenericClient client, String search) {
        return ResourceIndex.ids(client, search);
    }

    private static Patient patient(String word) {
        return ResourceIndex.patient("Fulltext", "Enjoys birdwatching", word);
    }

    private static String word() {
        return ResourceIndex.word("zq");
    }
}

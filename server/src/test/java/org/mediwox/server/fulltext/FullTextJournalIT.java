package org.mediwox.server.fulltext;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mediwox.server.support.OpenSearchNode;
import org.mediwox.server.support.ProductionNode;
import org.mediwox.server.support.Tokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The full-text journal on a real OpenSearch 2.19 node ({@link OpenSearchNode}), with
 * {@code mediwox.full-text.backend=opensearch} (the journal is on by default there): a write's journal row goes once
 * its index write succeeded; an index write that did not happen (the document missing from OpenSearch while the row
 * stays, as after a node died between commit and index write; or an index write OpenSearch refused) is made up for
 * by the sweep. The sweep's own schedule is set to an hour, so that only the test runs it.
 */
class FullTextJournalIT {

    private static final Logger LOG = LoggerFactory.getLogger(FullTextJournalIT.class);
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Duration GRACE = Duration.ofHours(1);

    private static OpenSearchNode opensearch;
    private static ConfigurableApplicationContext node;
    private static String prefix;
    private static IGenericClient client;
    private static JdbcTemplate jdbc;
    private static FullTextJournalSweeper sweeper;
    private static ResourceIndex index;

    @BeforeAll
    static void startOpenSearchAndANode() {
        opensearch = OpenSearchNode.start();
        prefix = "journal-" + UUID.randomUUID().toString().substring(0, 8);
        node = ProductionNode.named("fulltext-journal")
                .safe()
                .with(
                        "--mediwox.auth.demo-client=true",
                        "--mediwox.full-text.backend=opensearch",
                        "--mediwox.full-text.opensearch.uris=" + opensearch.uri(),
                        "--mediwox.full-text.opensearch.index-prefix=" + prefix,
                        "--mediwox.full-text.journal.grace=" + GRACE.toHours() + "h",
                        "--mediwox.full-text.journal.interval=" + GRACE.toHours() + "h")
                .start();
        FhirContext fhir = node.getBean(FhirContext.class);
        fhir.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        fhir.getRestfulClientFactory().setSocketTimeout(60_000);
        String root = ProductionNode.root(node);
        client = fhir.newRestfulGenericClient(root + "/fhir");
        client.registerInterceptor(new BearerTokenAuthInterceptor(Tokens.demoClient(root, "system/*.cruds")));
        jdbc = new JdbcTemplate(node.getBean(DataSource.class));
        sweeper = node.getBean(FullTextJournalSweeper.class);
        index = new ResourceIndex(opensearch, prefix);
    }

    @AfterAll
    static void stopAll() {
        for (AutoCloseable closeable : new AutoCloseable[] {node, opensearch}) {
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
    void write_itsJournalRowIsRemoved_onceItsIndexWriteSucceeded() {
        // given a Patient written (create, then update)
        String word = word();
        String id = client.create().resource(patient(word)).execute().getId().getIdPart();
        Patient changed = patient(word());
        changed.setId(id);
        client.update().resource(changed).execute();
        long resourceId = resourceId(id);

        // then its index write succeeded and its row is gone
        assertThat(ids("Patient?_content=" + changed.getNameFirstRep().getGivenAsSingleString()))
                .containsExactly(id);
        Awaitility.await()
                .atMost(PATIENCE)
                .untilAsserted(() -> assertThat(journalRows(resourceId)).isZero());
    }

    @Test
    void indexWriteThatNeverHappened_isMadeUpForByTheSweep() {
        // given a Patient committed and indexed
        String word = word();
        String id = client.create().resource(patient(word)).execute().getId().getIdPart();
        long resourceId = resourceId(id);
        assertThat(ids("Patient?_content=" + word)).containsExactly(id);
        Awaitility.await()
                .atMost(PATIENCE)
                .untilAsserted(() -> assertThat(journalRows(resourceId)).isZero());

        // when the node "dies" between commit and index write: the row stays, the document is not in the index
        jdbc.update(
                "insert into mediwox.fulltext_pending (res_id, res_type, queued_at)"
                        + " values (?, 'Patient', now() - interval '2 hours')",
                resourceId);
        index.delete(index.documentWith(word));
        assertThat(ids("Patient?_content=" + word))
                .as("the crash window: the resource is missing from full-text search")
                .isEmpty();

        int reindexed = sweeper.sweep(GRACE);

        // then the sweep put the document back and removed the row
        assertThat(reindexed).isGreaterThanOrEqualTo(1);
        assertThat(ids("Patient?_content=" + word)).containsExactly(id);
        assertThat(ids("Patient?_text=" + word)).as("the narrative's words too").containsExactly(id);
        assertThat(journalRows(resourceId)).isZero();
    }

    @Test
    void failedIndexWrite_leavesItsRow_andTheSweepMakesUpForIt() {
        // given a Patient written and indexed
        String first = word();
        String id = client.create().resource(patient(first)).execute().getId().getIdPart();
        long resourceId = resourceId(id);
        Awaitility.await()
                .atMost(PATIENCE)
                .untilAsserted(() -> assertThat(journalRows(resourceId)).isZero());

        // when its update commits while OpenSearch refuses the index write (the index is closed)
        String second = word();
        Patient changed = patient(second);
        changed.setId(id);
        String index = "/" + prefix + "-resourcetable-000001";
        opensearch.post(index + "/_close", "{}");
        try {
            client.update().resource(changed).execute();
        } catch (BaseServerResponseException e) {
            LOG.info("the update's answer while the index was closed: {}", e.getStatusCode());
        } finally {
            opensearch.post(index + "/_open?wait_for_active_shards=1", "{}");
        }

        // then the committed update's row stays, and the index is stale
        Awaitility.await()
                .during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(10))
                .until(() -> journalRows(resourceId) == 1);
        assertThat(ids("Patient?_content=" + second)).isEmpty();

        sweeper.sweep(Duration.ZERO);

        // and the sweep brought the index up to date
        assertThat(ids("Patient?_content=" + second)).containsExactly(id);
        assertThat(ids("Patient?_content=" + first)).isEmpty();
        assertThat(journalRows(resourceId)).isZero();
    }

    @Test
    void rowsYoungerThanTheGracePeriod_areLeftAlone() {
        // given a row just written, whose transaction may still be indexing
        String word = word();
        String id = client.create().resource(patient(word)).execute().getId().getIdPart();
        long resourceId = resourceId(id);
        Awaitility.await()
                .atMost(PATIENCE)
                .untilAsserted(() -> assertThat(journalRows(resourceId)).isZero());
        jdbc.update("insert into mediwox.fulltext_pending (res_id, res_type) values (?, 'Patient')", resourceId);

        sweeper.sweep(GRACE);

        assertThat(journalRows(resourceId)).isOne();
        jdbc.update("delete from mediwox.fulltext_pending where res_id = ?", resourceId);
    }

    @Test
    void deletedResource_whoseDocumentOutlivedIt_isPurgedByTheSweep() {
        // given a Patient deleted, and its document back in the index as if the delete's index write never happened
        String word = word();
        String id = client.create().resource(patient(word)).execute().getId().getIdPart();
        long resourceId = resourceId(id);
        JsonNode document = index.documentWith(word);
        client.delete().resourceById("Patient", id).execute();
        assertThat(index.documentsWith(word)).isZero();
        index.restore(document);
        assertThat(index.documentsWith(word)).isOne();
        jdbc.update(
                "insert into mediwox.fulltext_pending (res_id, res_type, queued_at)"
                        + " values (?, 'Patient', now() - interval '2 hours')"
                        + " on conflict (res_id) do update set queued_at = excluded.queued_at",
                resourceId);

        sweeper.sweep(GRACE);

        assertThat(index.documentsWith(word))
                .as("the deleted Patient's words left the index")
                .isZero();
        assertThat(journalRows(resourceId)).isZero();
    }

    private static long resourceId(String fhirId) {
        return jdbc.queryForObject(
                "select res_id from hfj_resource where res_type = 'Patient' and fhir_id = ?", Long.class, fhirId);
    }

    private static int journalRows(long resourceId) {
        return jdbc.queryForObject(
                "select count(*) from mediwox.fulltext_pending where res_id = ?", Integer.class, resourceId);
    }

    private static List<String> ids(String search) {
        return ResourceIndex.ids(client, search);
    }

    private static Patient patient(String word) {
        return ResourceIndex.patient("Journal", "Keeps bees", word);
    }

    private static String word() {
        return ResourceIndex.word("zj");
    }
}

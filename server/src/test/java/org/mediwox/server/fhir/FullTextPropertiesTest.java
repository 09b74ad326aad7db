package org.mediwox.server.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** What Hibernate Search is told for each full-text backend, from Mediwox's keys and environment variables. */
class FullTextPropertiesTest {

    private static final Path DATA = Path.of("/var/lib/mediwox");

    @Test
    void byDefault_localLuceneIndexUnderTheDataDirectory_noCoordination() {
        Map<String, Object> props = bind(Map.of()).hibernateSearchProperties(DATA);

        assertThat(props)
                .containsEntry("hibernate.search.backend.type", "lucene")
                .containsEntry("hibernate.search.backend.directory.root", "/var/lib/mediwox/lucene")
                .containsEntry("hibernate.search.indexing.plan.synchronization.strategy", "read-sync")
                .doesNotContainKey("hibernate.search.coordination.strategy");
    }

    @Test
    void openSearch_fromEnvironmentVariables_hapisSettingsAndLayoutWithPrefix() {
        FullTextProperties fullText = bindEnvironment(Map.of(
                "MEDIWOX_FULL_TEXT_BACKEND", "opensearch",
                "MEDIWOX_FULL_TEXT_OPENSEARCH_URIS", "https://search-a.example:9200,https://search-b.example",
                "MEDIWOX_FULL_TEXT_OPENSEARCH_USERNAME", "mediwox",
                "MEDIWOX_FULL_TEXT_OPENSEARCH_PASSWORD", "secret",
                "MEDIWOX_FULL_TEXT_OPENSEARCH_INDEX_PREFIX", "clinic-a"));

        Map<String, Object> props = fullText.hibernateSearchProperties(DATA);

        assertThat(fullText.opensearch().indexPrefix()).isEqualTo("clinic-a");
        assertThat(props)
                .containsEntry("hibernate.search.backend.type", "elasticsearch")
                .containsEntry("hibernate.search.backend.protocol", "https")
                .containsEntry("hibernate.search.backend.hosts", "search-a.example:9200,search-b.example")
                .containsEntry("hibernate.search.backend.username", "mediwox")
                .containsEntry("hibernate.search.backend.password", "secret")
                .containsEntry(
                        "hibernate.search.backend.layout.strategy",
                        "ca.uhn.fhir.jpa.search.elastic.IndexNamePrefixLayoutStrategy")
                .containsEntry("hibernate.search.backend.version", "opensearch:2.19")
                .containsEntry("hibernate.search.backend.version_check.enabled", "false")
                .containsEntry("hibernate.search.indexing.plan.synchronization.strategy", "read-sync")
                .doesNotContainKey("hibernate.search.coordination.strategy")
                .doesNotContainKey("hibernate.search.backend.aws.signing.enabled")
                .doesNotContainKey("hibernate.search.automatic_indexing.synchronization.strategy")
                .doesNotContainKey("hibernate.search.backend.directory.root");
    }

    @Test
    void awsSigning_regionAndTheDefaultCredentialsChain() {
        Map<String, Object> props = bind(Map.of(
                        "mediwox.full-text.backend", "opensearch",
                        "mediwox.full-text.opensearch.uris", "https://search-clinic.eu-west-1.es.amazonaws.com",
                        "mediwox.full-text.opensearch.aws.signing-enabled", "true",
                        "mediwox.full-text.opensearch.aws.region", "eu-west-1"))
                .hibernateSearchProperties(DATA);

        assertThat(props)
                .containsEntry("hibernate.search.backend.aws.signing.enabled", true)
                .containsEntry("hibernate.search.backend.aws.region", "eu-west-1")
                .containsEntry("hibernate.search.backend.aws.credentials.type", "default")
                .doesNotContainKey("hibernate.search.backend.username")
                .doesNotContainKey("hibernate.search.backend.aws.credentials.access_key_id");
    }

    @Test
    void awsSigning_withoutRegion_orWithBasicCredentials_refused() {
        assertThat(refusal(Map.of(
                        "mediwox.full-text.backend", "opensearch",
                        "mediwox.full-text.opensearch.aws.signing-enabled", "true")))
                .contains("mediwox.full-text.opensearch.aws.region");
        assertThat(refusal(Map.of(
                        "mediwox.full-text.backend", "opensearch",
                        "mediwox.full-text.opensearch.username", "admin",
                        "mediwox.full-text.opensearch.aws.signing-enabled", "true",
                        "mediwox.full-text.opensearch.aws.region", "eu-west-1")))
                .contains("either username/password or AWS request signing");
    }

    @Test
    void invalidPrefixSchemeOrVersion_refused() {
        assertThat(refusal(Map.of(
                        "mediwox.full-text.backend", "opensearch",
                        "mediwox.full-text.opensearch.index-prefix", "Clinic A")))
                .contains("index-prefix");
        assertThat(refusal(Map.of(
                        "mediwox.full-text.backend", "opensearch",
                        "mediwox.full-text.opensearch.uris", "http://a:9200,https://b:9200")))
                .contains("same scheme");
        assertThat(refusal(Map.of(
                        "mediwox.full-text.backend", "opensearch",
                        "mediwox.full-text.opensearch.version", "latest")))
                .contains("mediwox.full-text.opensearch.version");
    }

    @Test
    void lucene_ignoresOpenSearchSettings() {
        FullTextProperties fullText = bind(Map.of("mediwox.full-text.opensearch.index-prefix", "Not Checked"));

        assertThat(fullText.hibernateSearchProperties(DATA)).containsEntry("hibernate.search.backend.type", "lucene");
    }

    /** The message of the exception that refuses these settings at start. */
    @Test
    void journal_onByDefaultWithOpenSearchAndASynchronousStrategy_offWithLuceneOrAsync() {
        assertThat(bind(Map.of()).journalEnabled()).as("lucene").isFalse();
        assertThat(bind(Map.of("mediwox.full-text.backend", "opensearch")).journalEnabled())
                .as("opensearch, read-sync")
                .isTrue();
        assertThat(bind(Map.of(
                                "mediwox.full-text.backend", "opensearch",
                                "mediwox.full-text.synchronization", "write-sync"))
                        .journalEnabled())
                .as("opensearch, write-sync")
                .isTrue();
        assertThat(bind(Map.of(
                                "mediwox.full-text.backend", "opensearch",
                                "mediwox.full-text.synchronization", "async"))
                        .journalEnabled())
                .as("opensearch, async: the index write is not awaited, nothing to confirm it")
                .isFalse();
        assertThat(bind(Map.of("mediwox.full-text.backend", "opensearch", "mediwox.full-text.enabled", "false"))
                        .journalEnabled())
                .as("full text off")
                .isFalse();
    }

    @Test
    void journal_explicitSettingWins_withItsTimings() {
        FullTextProperties fullText = bindEnvironment(Map.of(
                "MEDIWOX_FULL_TEXT_JOURNAL_ENABLED", "true",
                "MEDIWOX_FULL_TEXT_JOURNAL_GRACE", "2m",
                "MEDIWOX_FULL_TEXT_JOURNAL_INTERVAL", "10s",
                "MEDIWOX_FULL_TEXT_JOURNAL_BATCH_SIZE", "50"));

        assertThat(fullText.journalEnabled()).as("on with lucene, when asked").isTrue();
        assertThat(fullText.journal().grace()).isEqualTo(Duration.ofMinutes(2));
        assertThat(fullText.journal().interval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(fullText.journal().batchSize()).isEqualTo(50);
        assertThat(bind(Map.of("mediwox.full-text.backend", "opensearch", "mediwox.full-text.journal.enabled", "false"))
                        .journalEnabled())
                .isFalse();
    }

    @Test
    void journal_defaults_andInvalidTimingsRefused() {
        FullTextProperties.Journal journal = bind(Map.of()).journal();
        assertThat(journal.grace()).isEqualTo(Duration.ofSeconds(60));
        assertThat(journal.interval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(journal.batchSize()).isEqualTo(200);

        assertThat(refusal(Map.of("mediwox.full-text.journal.interval", "0s"))).contains("interval must be positive");
        assertThat(refusal(Map.of("mediwox.full-text.journal.batch-size", "0"))).contains("batch-size");
    }

    private static String refusal(Map<String, String> properties) {
        Throwable thrown = catchThrowable(() -> bind(properties));
        assertThat(thrown).as("refused").isInstanceOf(BindException.class);
        return NestedExceptionUtils.getMostSpecificCause(thrown).getMessage();
    }

    private static FullTextProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("mediwox.full-text", FullTextProperties.class);
    }

    private static FullTextProperties bindEnvironment(Map<String, Object> variables) {
        MutablePropertySources sources = new MutablePropertySources();
        sources.addFirst(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
        return new Binder(ConfigurationPropertySources.from(sources))
                .bindOrCreate("mediwox.full-text", FullTextProperties.class);
    }
}

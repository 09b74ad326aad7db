package org.mediwox.server.fhir;

import ca.uhn.fhir.jpa.search.elastic.ElasticsearchHibernatePropertiesBuilder;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.hibernate.search.backend.elasticsearch.index.IndexStatus;
import org.hibernate.search.mapper.orm.schema.management.SchemaManagementStrategyName;

/**
 * Hibernate Search's settings for an OpenSearch backend: HAPI's own builder (analysis, index settings, its index
 * layout that puts {@code JpaStorageSettings#getHSearchIndexPrefix()} before each name, AWS signing), plus the
 * OpenSearch version and the synchronization strategy.
 *
 * <p>No coordination between the nodes: each node indexes its own writes in OpenSearch right after the commit, and
 * every node searches the one shared index. Hibernate Search's outbox-polling coordination (index events in the
 * database, applied by background processors) does not work with HAPI 8.8's entities: it refuses to start on the
 * composite keys of {@code ResourceLink} and {@code TermConceptProperty} (HSEARCH000177); given document ids, it fails
 * at commit casting their {@code IdAndPartitionId} to the id; and HAPI keeps the words of {@code _content} and
 * {@code _text} in transient fields that a background reindex from the database would find empty.
 */
final class OpenSearchHibernateProperties {

    private OpenSearchHibernateProperties() {}

    static Map<String, Object> of(FullTextProperties.OpenSearch opensearch, String synchronization) {
        ElasticsearchHibernatePropertiesBuilder builder = new ElasticsearchHibernatePropertiesBuilder()
                .setProtocol(opensearch.uris().get(0).getScheme())
                .setHosts(opensearch.uris().stream().map(URI::getAuthority).collect(Collectors.joining(",")))
                .setUsername(opensearch.username())
                .setPassword(opensearch.password())
                // several nodes may start at once: creating an index that another node just made is not an error
                .setIndexSchemaManagementStrategy(SchemaManagementStrategyName.CREATE_OR_UPDATE)
                .setRequiredIndexStatus(IndexStatus.YELLOW);
        if (opensearch.aws().signingEnabled()) {
            // without username/password HAPI's builder leaves the credentials to the default AWS chain
            builder.setAwsRegion(opensearch.aws().region());
        }
        Properties built = new Properties();
        builder.apply(built);

        Map<String, Object> props = new HashMap<>();
        built.forEach((key, value) -> props.put((String) key, value));
        // HAPI's builder sets the deprecated key of the synchronization strategy (async, for its tests); Mediwox's
        // choice goes under the current key, as for Lucene
        props.remove("hibernate.search.automatic_indexing.synchronization.strategy");
        props.put("hibernate.search.indexing.plan.synchronization.strategy", synchronization);
        props.put("hibernate.search.backend.version", "opensearch:" + opensearch.version());
        props.put("hibernate.search.backend.version_check.enabled", "false");
        return props;
    }
}

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
 * OpenSearch version and outbox-polling coordination.
 */
final class OpenSearchHibernateProperties {

    /**
     * Mediwox's schema: the outbox and agent tables are made by Flyway ({@code V9_7__hibernate_search_outbox.sql}),
     * since Hibernate never changes the schema here.
     */
    static final String OUTBOX_SCHEMA = "mediwox";

    private OpenSearchHibernateProperties() {}

    static Map<String, Object> of(FullTextProperties.OpenSearch opensearch) {
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
        // HAPI's builder sets a (deprecated) synchronization strategy meant for its tests; with outbox polling the
        // writing transaction only records an event and indexing happens after commit, so none applies
        props.remove("hibernate.search.automatic_indexing.synchronization.strategy");
        props.put("hibernate.search.backend.version", "opensearch:" + opensearch.version());
        props.put("hibernate.search.backend.version_check.enabled", "false");

        // every node writes index changes as events into PostgreSQL in the writing transaction; the nodes share the
        // work of applying them to OpenSearch, and a node that dies leaves its events to the others
        props.put("hibernate.search.coordination.strategy", "outbox-polling");
        props.put("hibernate.search.coordination.entity.mapping.outboxevent.schema", OUTBOX_SCHEMA);
        props.put("hibernate.search.coordination.entity.mapping.agent.schema", OUTBOX_SCHEMA);
        return props;
    }
}

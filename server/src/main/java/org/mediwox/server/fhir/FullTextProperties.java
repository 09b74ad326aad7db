package org.mediwox.server.fhir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Full-text search ({@code _content}, {@code _text}) through Hibernate Search, bound from {@code mediwox.full-text.*}.
 *
 * @param enabled index resources for full-text search
 * @param synchronization Hibernate Search indexing plan synchronization: {@code read-sync} (default: a search right
 *     after a write sees it, on any node with OpenSearch; without an fsync per transaction with Lucene),
 *     {@code write-sync} or {@code async}
 * @param backend where the index lives: {@code lucene} (default: a local index under the data directory, one node
 *     only) or {@code opensearch} (one index shared by every node)
 * @param opensearch the OpenSearch cluster, used with {@code backend: opensearch}
 * @param journal the journal of index writes still owed, so that a node dying between a commit and its index write
 *     loses no update
 */
@ConfigurationProperties("mediwox.full-text")
record FullTextProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("read-sync") String synchronization,
        @DefaultValue("lucene") Backend backend,
        @DefaultValue OpenSearch opensearch,
        @DefaultValue Journal journal) {

    /** Where the full-text index lives. */
    enum Backend {
        LUCENE,
        OPENSEARCH
    }

    FullTextProperties {
        if (enabled && backend == Backend.OPENSEARCH) {
            opensearch.check();
        }
    }

    /**
     * Whether the journal runs: as set, else on with OpenSearch and a synchronous strategy (the index write of each
     * transaction then completes, or fails, before the request is answered, so its journal rows can be removed at
     * once). Off with Lucene: the index lives on the node itself and dies with it, so there is nothing to make up for
     * on another node.
     */
    boolean journalEnabled() {
        if (!enabled) {
            return false;
        }
        if (journal.enabled() != null) {
            return journal.enabled();
        }
        return backend == Backend.OPENSEARCH && !"async".equals(synchronization);
    }

    Map<String, Object> hibernateSearchProperties(Path dataDir) {
        if (!enabled) {
            return Map.of("hibernate.search.enabled", "false");
        }
        Map<String, Object> props = new HashMap<>();
        props.put("hibernate.search.enabled", "true");
        // HAPI's jars carry no Jandex index; building one at every start costs ~2 s and HAPI's indexed
        // entities are listed explicitly, so discovery by annotation scanning is not needed
        props.put("hibernate.search.mapping.build_missing_discovered_jandex_indexes", "false");
        switch (backend) {
            case LUCENE -> {
                props.put("hibernate.search.backend.type", "lucene");
                props.put(
                        "hibernate.search.backend.analysis.configurer",
                        "ca.uhn.fhir.jpa.search.HapiHSearchAnalysisConfigurers$HapiLuceneAnalysisConfigurer");
                props.put("hibernate.search.backend.directory.type", "local-filesystem");
                props.put(
                        "hibernate.search.backend.directory.root",
                        dataDir.resolve("lucene").toAbsolutePath().toString());
                props.put("hibernate.search.backend.lucene_version", "LUCENE_CURRENT");
                props.put("hibernate.search.indexing.plan.synchronization.strategy", synchronization);
                props.put("hibernate.search.schema_management.strategy", "create-or-update");
            }
            case OPENSEARCH -> props.putAll(OpenSearchHibernateProperties.of(opensearch, synchronization));
        }
        return props;
    }

    /**
     * An OpenSearch cluster (self-run, or Amazon OpenSearch Service).
     *
     * @param uris the nodes' HTTP addresses, all {@code http} or all {@code https} (e.g.
     *     {@code https://search-clinic.eu-west-1.es.amazonaws.com}); a missing port is the scheme's
     * @param username user of HTTP basic authentication; empty = none
     * @param password its password
     * @param indexPrefix put before every index name, so that several deployments share one cluster
     * @param version the OpenSearch version the cluster runs (major.minor): Hibernate Search then skips asking the
     *     cluster for it at start
     * @param aws signing of every request for Amazon OpenSearch Service (IAM)
     */
    record OpenSearch(
            @DefaultValue("http://localhost:9200") List<URI> uris,
            @DefaultValue("") String username,
            @DefaultValue("") String password,
            @DefaultValue("mediwox") String indexPrefix,
            @DefaultValue("2.19") String version,
            @DefaultValue Aws aws) {

        /** OpenSearch's rules for index names, less upper case (a prefix must keep the names valid). */
        private static final Pattern INDEX_PREFIX = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,99}");

        private static final Pattern VERSION = Pattern.compile("\\d+\\.\\d+(\\.\\d+)?");

        void check() {
            if (uris.isEmpty()) {
                throw new IllegalArgumentException("mediwox.full-text.opensearch.uris: give at least one address");
            }
            for (URI uri : uris) {
                String scheme = uri.getScheme();
                if (!("http".equals(scheme) || "https".equals(scheme)) || uri.getHost() == null) {
                    throw new IllegalArgumentException("mediwox.full-text.opensearch.uris: " + uri
                            + " is not an http:// or https:// address of a node");
                }
                if (!Objects.equals(scheme, uris.get(0).getScheme())) {
                    throw new IllegalArgumentException(
                            "mediwox.full-text.opensearch.uris: all addresses must use the same scheme");
                }
            }
            if (!INDEX_PREFIX.matcher(indexPrefix).matches()) {
                throw new IllegalArgumentException("mediwox.full-text.opensearch.index-prefix: '" + indexPrefix
                        + "' is not a valid start of an index name (lower case letters, digits, '_', '-', '.')");
            }
            if (!VERSION.matcher(version).matches()) {
                throw new IllegalArgumentException(
                        "mediwox.full-text.opensearch.version: '" + version + "' is not a version such as 2.19");
            }
            if (aws.signingEnabled()) {
                if (aws.region().isBlank()) {
                    throw new IllegalArgumentException(
                            "mediwox.full-text.opensearch.aws.region: required when request signing is on");
                }
                if (!username.isBlank() || !password.isBlank()) {
                    throw new IllegalArgumentException("mediwox.full-text.opensearch: set either username/password"
                            + " or AWS request signing, not both (signing takes the default AWS credentials chain)");
                }
            }
        }
    }

    /**
     * The full-text journal ({@code mediwox.full-text.journal.*}).
     *
     * @param enabled on or off; unset: on with {@code backend: opensearch} and a synchronous strategy
     *     ({@link #journalEnabled()})
     * @param grace how old a journal row must be before the sweep reindexes its resource: longer than a write's
     *     transaction and index write take
     * @param interval how often the sweep runs (on one node of a cluster at a time)
     * @param batchSize resources reindexed per transaction of the sweep
     */
    record Journal(
            Boolean enabled,
            @DefaultValue("60s") Duration grace,
            @DefaultValue("30s") Duration interval,
            @DefaultValue("200") int batchSize) {

        Journal {
            if (grace.isNegative() || interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException(
                        "mediwox.full-text.journal: grace must not be negative, interval must be positive");
            }
            if (batchSize < 1) {
                throw new IllegalArgumentException("mediwox.full-text.journal.batch-size: at least 1");
            }
        }
    }

    /**
     * AWS request signing (SigV4) for Amazon OpenSearch Service, with the default AWS credentials chain
     * (environment, profile, the container's or instance's IAM role).
     *
     * @param signingEnabled sign every request
     * @param region the domain's region, e.g. {@code eu-west-1}
     */
    record Aws(
            @DefaultValue("false") boolean signingEnabled,
            @DefaultValue("") String region) {}
}

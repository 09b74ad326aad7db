package org.mediwox.server.fhir;

import java.nio.file.Path;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Full-text search ({@code _content}, {@code _text}) through Hibernate Search, bound from {@code mediwox.full-text.*}.
 *
 * @param enabled index resources for full-text search
 * @param synchronization Hibernate Search indexing plan synchronization: {@code read-sync} (default: a search right
 *     after a write sees it, without an fsync per transaction), {@code write-sync} or {@code async}
 */
@ConfigurationProperties("mediwox.full-text")
record FullTextProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("read-sync") String synchronization) {

    Map<String, Object> hibernateSearchProperties(Path dataDir) {
        if (!enabled) {
            return Map.of("hibernate.search.enabled", "false");
        }
        return Map.of(
                "hibernate.search.enabled", "true",
                "hibernate.search.backend.type", "lucene",
                "hibernate.search.backend.analysis.configurer",
                        "ca.uhn.fhir.jpa.search.HapiHSearchAnalysisConfigurers$HapiLuceneAnalysisConfigurer",
                "hibernate.search.backend.directory.type", "local-filesystem",
                "hibernate.search.backend.directory.root",
                        dataDir.resolve("lucene").toAbsolutePath().toString(),
                "hibernate.search.backend.lucene_version", "LUCENE_CURRENT",
                "hibernate.search.indexing.plan.synchronization.strategy", synchronization,
                "hibernate.search.schema_management.strategy", "create-or-update",
                // HAPI's jars carry no Jandex index; building one at every start costs ~2 s and HAPI's indexed
                // entities are listed explicitly, so discovery by annotation scanning is not needed
                "hibernate.search.mapping.build_missing_discovered_jandex_indexes", "false");
    }
}

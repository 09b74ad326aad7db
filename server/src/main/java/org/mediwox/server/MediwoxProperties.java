package org.mediwox.server;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Server-wide settings, bound from {@code mediwox.*} (environment: {@code MEDIWOX_*}).
 *
 * @param dataDir where the embedded PostgreSQL cluster, the full-text index and local documents live
 * @param demo demo mode: demo data loaded into an empty database; production sets {@code false}
 * @param fhir settings of the FHIR endpoint
 */
@ConfigurationProperties("mediwox")
public record MediwoxProperties(
        @DefaultValue("./data") Path dataDir,
        @DefaultValue("true") boolean demo,
        @DefaultValue Fhir fhir) {

    /**
     * @param maxRequestSize largest request body accepted; larger ones get 413
     * @param defaultPageSize search page size when the client gives no {@code _count}
     * @param maxPageSize upper bound of {@code _count}
     * @param serverAddress public FHIR base URL; empty means derived from the request
     */
    public record Fhir(
            @DefaultValue("16MB") DataSize maxRequestSize,
            @DefaultValue("20") int defaultPageSize,
            @DefaultValue("200") int maxPageSize,
            @DefaultValue("") String serverAddress) {}
}

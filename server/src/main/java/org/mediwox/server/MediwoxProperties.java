package org.mediwox.server;

import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Server-wide settings, bound from {@code mediwox.*} (environment: {@code MEDIWOX_*}).
 *
 * @param dataDir where the embedded PostgreSQL cluster, the full-text index and local documents live
 * @param demo demo mode: demo data loaded into an empty database; production sets {@code false}
 * @param fhir settings of the FHIR endpoint
 * @param database settings of the database
 */
@ConfigurationProperties("mediwox")
public record MediwoxProperties(
        @DefaultValue("./data") Path dataDir,
        @DefaultValue("true") boolean demo,
        @DefaultValue Fhir fhir,
        @DefaultValue Database database) {

    /**
     * @param maxRequestSize largest request body accepted; larger ones get 413
     * @param defaultPageSize search page size when the client gives no {@code _count}
     * @param maxPageSize upper bound of {@code _count}
     * @param serverAddress public FHIR base URL; empty means derived from the request
     * @param resourceTypes the R4 resource types stored besides the ones Mediwox's own features always need
     *     ({@code SupportedResourceTypes.REQUIRED}); the default covers Synthea's clinical and claims types and the
     *     integrations' types; {@code *} keeps all 146. Types left out have no HAPI DAO: their URLs answer 404, and a
     *     reference to them is refused
     */
    public record Fhir(
            @DefaultValue("16MB") DataSize maxRequestSize,
            @DefaultValue("20") int defaultPageSize,
            @DefaultValue("200") int maxPageSize,
            @DefaultValue("") String serverAddress,

            @DefaultValue({
                "AllergyIntolerance",
                "CarePlan",
                "CareTeam",
                "Claim",
                "Condition",
                "Coverage",
                "DiagnosticReport",
                "ExplanationOfBenefit",
                "Goal",
                "ImagingStudy",
                "Immunization",
                "Library",
                "Measure",
                "MeasureReport",
                "Media",
                "Medication",
                "MedicationAdministration",
                "MedicationRequest",
                "Procedure",
                "SupplyDelivery"
            })
            List<String> resourceTypes) {}

    /**
     * @param durable whether a commit acknowledged to a client must survive a crash: the embedded PostgreSQL runs with
     *     {@code fsync}, {@code synchronous_commit} and {@code full_page_writes} on, and the server refuses to start on
     *     an embedded cluster that reports otherwise. {@code false} runs the embedded cluster without them (faster;
     *     for tests and throw-away runs only). An external PostgreSQL is never changed: a non-durable one is warned about.
     * @param hapiSchema who brings HAPI FHIR's tables to the running HAPI version: the server at start ({@code migrate})
     *     or the operator beforehand with HAPI's own migrator, the server only checking ({@code validate})
     */
    public record Database(
            @DefaultValue("true") boolean durable,
            @DefaultValue("migrate") HapiSchema hapiSchema) {

        /** How HAPI FHIR's tables are kept at the running HAPI version. */
        public enum HapiSchema {
            /** Run HAPI's migrator at start (one node at a time), before the JPA layer starts. */
            MIGRATE,
            /** Check that HAPI's migration history is complete and refuse to start otherwise; change nothing. */
            VALIDATE
        }
    }
}

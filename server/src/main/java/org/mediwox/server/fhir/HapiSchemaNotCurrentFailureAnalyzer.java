package org.mediwox.server.fhir;

import ca.uhn.fhir.util.VersionUtil;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns the {@code validate} refusal into Spring Boot's start-up report (what is missing and how to fix it, no stack
 * trace). Registered in {@code META-INF/spring.factories}: Spring Boot finds failure analyzers only there.
 */
class HapiSchemaNotCurrentFailureAnalyzer extends AbstractFailureAnalyzer<HapiSchemaNotCurrentException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, HapiSchemaNotCurrentException cause) {
        String hapi = VersionUtil.getVersion();
        return new FailureAnalysis(
                cause.getMessage(),
                "Run HAPI FHIR's migrator " + hapi + " on this database (hapi-fhir-cli " + hapi
                        + " migrate-database -d POSTGRES_9_4 -u <jdbc url> -n <user> -p <password>), or start with"
                        + " MEDIWOX_DATABASE_HAPI_SCHEMA=migrate to let the server migrate it.",
                cause);
    }
}

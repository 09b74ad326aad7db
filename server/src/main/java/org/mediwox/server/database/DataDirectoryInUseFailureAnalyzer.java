package org.mediwox.server.database;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a data directory held by another live Mediwox into Spring Boot's start-up report (who holds it, what to do),
 * without a stack trace. Registered in {@code META-INF/spring.factories}.
 */
class DataDirectoryInUseFailureAnalyzer extends AbstractFailureAnalyzer<DataDirectoryInUseException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, DataDirectoryInUseException cause) {
        String owner = cause.owner() > 0 ? "process " + cause.owner() : "the other server";
        return new FailureAnalysis(
                cause.getMessage(),
                "Stop " + owner + " first (its PostgreSQL stops with it), or give this server another data directory"
                        + " (MEDIWOX_DATA_DIR). Two servers on one database share an external PostgreSQL"
                        + " (SPRING_DATASOURCE_URL), each with a data directory of its own.",
                cause);
    }
}

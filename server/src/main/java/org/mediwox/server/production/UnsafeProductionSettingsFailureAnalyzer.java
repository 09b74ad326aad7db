package org.mediwox.server.production;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns the refusal into Spring Boot's start-up report (description and action, no stack trace). Registered in
 * {@code META-INF/spring.factories}: Spring Boot finds failure analyzers only there.
 */
class UnsafeProductionSettingsFailureAnalyzer extends AbstractFailureAnalyzer<UnsafeProductionSettingsException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, UnsafeProductionSettingsException cause) {
        return new FailureAnalysis(
                cause.getMessage(),
                "Set each setting above as its Fix says, then start again. To run the zero-setup demo instead,"
                        + " start with MEDIWOX_DEMO=true (never with real patients).",
                cause);
    }
}

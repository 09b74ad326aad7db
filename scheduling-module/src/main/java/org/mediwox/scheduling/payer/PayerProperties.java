package org.mediwox.scheduling.payer;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The payer's CDS Hooks service asked by {@code $book}, bound from {@code mediwox.payer.*} (its own prefix: an operator
 * looks for the insurer's settings by that name).
 *
 * @param enabled whether {@code $book} asks the payer
 * @param cdsBaseUrl the payer's CDS Hooks base, whose discovery answers {@code GET [base]}; the service is {@code POST
 *     [base]/[service-id]} (e.g. {@code https://payer.example/cds-services})
 * @param serviceId the id of the payer's service for the {@code appointment-book} hook
 * @param timeout how long a booking waits for the payer's answer (connect and answer together)
 * @param retryInterval how often unanswered checks are asked again in the background
 * @param maxAttempts after how many unanswered attempts a check is given up (logged)
 */
@ConfigurationProperties("mediwox.payer")
public record PayerProperties(
        @DefaultValue("false") boolean enabled,
        URI cdsBaseUrl,
        String serviceId,
        @DefaultValue("2s") Duration timeout,
        @DefaultValue("1m") Duration retryInterval,
        @DefaultValue("10") int maxAttempts) {

    public PayerProperties {
        if (enabled && (cdsBaseUrl == null || serviceId == null || serviceId.isBlank())) {
            throw new IllegalArgumentException(
                    "mediwox.payer.enabled=true needs mediwox.payer.cds-base-url and mediwox.payer.service-id");
        }
        if (timeout.isNegative() || timeout.isZero() || retryInterval.isNegative() || retryInterval.isZero()) {
            throw new IllegalArgumentException("mediwox.payer.timeout and retry-interval must be positive");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("mediwox.payer.max-attempts must be at least 1, was " + maxAttempts);
        }
    }

    /** The service's address: {@code POST} here. */
    public URI serviceUrl() {
        String base = cdsBaseUrl.toString();
        return URI.create((base.endsWith("/") ? base : base + "/") + serviceId);
    }
}

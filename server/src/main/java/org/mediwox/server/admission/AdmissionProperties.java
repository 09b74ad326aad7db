package org.mediwox.server.admission;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Admission control of the FHIR API, bound from {@code mediwox.admission.*} (environment {@code MEDIWOX_ADMISSION_*}).
 *
 * @param enabled whether the limits below apply ({@code false}: every request runs at once, as without this filter;
 *     a 503 still carries {@code Retry-After})
 * @param maxConcurrent FHIR requests running at once on this node; unset: three quarters of the database connection
 *     pool ({@code spring.datasource.hikari.maximum-pool-size}), so that requests do not queue for connections inside
 *     their transactions and the rest of the pool stays free for background work and for requests that briefly need a
 *     second connection
 * @param maxQueue requests beyond {@code maxConcurrent} that may wait for a turn; unset: twice {@code maxConcurrent}.
 *     Running and waiting requests together should stay below the web server's threads ({@code
 *     server.tomcat.threads.max}, 100), so that some threads are always free to refuse at once
 * @param maxWait how long a request waits for a turn before it is refused
 * @param retryAfter the {@code Retry-After} of a refusal (and of every other 503 of the FHIR API), in whole seconds
 */
@ConfigurationProperties("mediwox.admission")
record AdmissionProperties(
        @DefaultValue("true") boolean enabled,
        Integer maxConcurrent,
        Integer maxQueue,
        @DefaultValue("2s") Duration maxWait,
        @DefaultValue("1s") Duration retryAfter) {

    AdmissionProperties {
        if (maxConcurrent != null && maxConcurrent < 1) {
            throw new IllegalArgumentException("mediwox.admission.max-concurrent must be at least 1");
        }
        if (maxQueue != null && maxQueue < 0) {
            throw new IllegalArgumentException("mediwox.admission.max-queue must not be negative");
        }
        if (maxWait.isNegative()) {
            throw new IllegalArgumentException("mediwox.admission.max-wait must not be negative");
        }
        if (retryAfter.isNegative()) {
            throw new IllegalArgumentException("mediwox.admission.retry-after must not be negative");
        }
    }

    /** The concurrency limit: the setting, else three quarters of the connection pool (at least 1). */
    int maxConcurrent(int connectionPoolSize) {
        return maxConcurrent != null ? maxConcurrent : Math.max(1, connectionPoolSize * 3 / 4);
    }

    /** The queue bound: the setting, else twice the concurrency limit. */
    int maxQueue(int concurrent) {
        return maxQueue != null ? maxQueue : 2 * concurrent;
    }

    /** {@code Retry-After} in whole seconds, at least 1. */
    long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}

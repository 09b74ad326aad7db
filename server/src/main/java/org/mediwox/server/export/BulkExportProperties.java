package org.mediwox.server.export;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * FHIR Bulk Data export ({@code $export}), bound from {@code mediwox.bulk-export.*}.
 *
 * @param enabled whether {@code $export} is offered at all
 * @param retention how long the output files of a finished export stay downloadable; then the files (their content in
 *     the document store too) and the job are removed
 * @param sweepInterval how often expired exports are looked for (one node of a cluster at a time)
 * @param retryAfter the {@code Retry-After} a client polling a running export is given
 * @param jobMaintenanceInterval how often HAPI's batch2 jobs move on from a finished step to the next: an export has
 *     four steps, each waits for this pass (HAPI's default, one minute, made a small export take four); it applies to
 *     every batch2 job of the server (one or two queries a pass)
 * @param clientGroups back-end clients bound to the Groups they may export: client id to Group ids. A bound client
 *     exports only {@code Group/[id]/$export} of those Groups, whatever its scopes; clients not named here are not
 *     bound
 */
@ConfigurationProperties("mediwox.bulk-export")
record BulkExportProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("24h") Duration retention,
        @DefaultValue("15m") Duration sweepInterval,
        @DefaultValue("5s") Duration retryAfter,
        @DefaultValue("2s") Duration jobMaintenanceInterval,
        @DefaultValue Map<String, List<String>> clientGroups) {

    BulkExportProperties {
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("mediwox.bulk-export.retention must be positive");
        }
        if (retryAfter.isNegative()) {
            throw new IllegalArgumentException("mediwox.bulk-export.retry-after must not be negative");
        }
        if (jobMaintenanceInterval.toMillis() < 100) {
            throw new IllegalArgumentException("mediwox.bulk-export.job-maintenance-interval must be at least 100ms");
        }
        clientGroups = Map.copyOf(clientGroups);
    }

    /** The Groups a client is bound to ({@code Group/[id]} or {@code [id]} as configured, as plain ids), or empty. */
    Set<String> groupsOf(String clientId) {
        List<String> groups = clientGroups.get(clientId);
        if (groups == null) {
            return Set.of();
        }
        return groups.stream()
                .map(String::trim)
                .map(g -> g.startsWith("Group/") ? g.substring("Group/".length()) : g)
                .collect(Collectors.toUnmodifiableSet());
    }

    boolean isBound(String clientId) {
        return clientGroups.containsKey(clientId);
    }
}

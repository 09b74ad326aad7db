package org.mediwox.server.metrics;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Publication of metrics to Amazon CloudWatch ({@code management.cloudwatch.metrics.export.*}: the keys Spring Cloud
 * AWS uses for the same registry; Spring Boot itself has no CloudWatch export).
 *
 * @param enabled publish ({@code MEDIWOX_METRICS_CLOUDWATCH_ENABLED} in {@code application.yaml})
 * @param namespace the CloudWatch namespace (the deployment's IAM policy allows this one only)
 * @param step how often the values are sent, and the period the alarms read them in
 */
@ConfigurationProperties("management.cloudwatch.metrics.export")
record CloudWatchExportProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("Mediwox") String namespace,
        @DefaultValue("1m") Duration step) {}

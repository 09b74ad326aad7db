/**
 * Publication of the server's own meters (the notification outbox's gauges) to Amazon CloudWatch, when
 * {@code management.cloudwatch.metrics.export.enabled} ({@code MEDIWOX_METRICS_CLOUDWATCH_ENABLED}) is set.
 */
package org.mediwox.server.metrics;

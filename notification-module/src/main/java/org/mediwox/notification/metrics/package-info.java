/**
 * The outbox's standing as Micrometer gauges ({@link org.mediwox.notification.metrics.OutboxGauges}): what is owed and
 * not sent, how late the oldest of it is, what went dead. Bound to the server's metrics registry when there is one.
 */
package org.mediwox.notification.metrics;

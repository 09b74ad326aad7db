package org.mediwox.scheduling;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * Entry point of the scheduling plugin: booking operations, provider pools and fair assignment. Switched off with
 * {@code mediwox.scheduling.enabled=false}.
 */
@AutoConfiguration
@ConditionalOnProperty(prefix = "mediwox.scheduling", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(SchedulingProperties.class)
public class SchedulingAutoConfiguration {}

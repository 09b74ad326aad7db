package org.mediwox.notification;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * Entry point of the notification plugin: appointment events to email (Amazon SES) and SMS (Amazon SNS). Switched off
 * with {@code mediwox.notification.enabled=false}.
 */
@AutoConfiguration
@ConditionalOnProperty(prefix = "mediwox.notification", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(NotificationProperties.class)
public class NotificationAutoConfiguration {}

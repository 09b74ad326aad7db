package org.mediwox.notification;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The server's one switch between the zero-setup demo and production, {@code mediwox.demo} (environment {@code
 * MEDIWOX_DEMO}), bound typed for this module: the module does not depend on the server, so it reads the same key
 * with the same default rather than asking the server for it.
 *
 * @param demo demo mode; production sets {@code false}
 */
@ConfigurationProperties("mediwox")
public record DeploymentMode(@DefaultValue("true") boolean demo) {}

package org.mediwox.server.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the demo data, bound from {@code mediwox.demo.*} (environment: {@code MEDIWOX_DEMO_*}); the demo itself
 * is switched by {@code mediwox.demo}.
 *
 * @param history whether a demo clinic loaded into an empty database also gets its past weeks of bookings (written in
 *     the background after start, see {@link DemoHistory})
 */
@ConfigurationProperties("mediwox.demo")
record DemoProperties(@DefaultValue("true") boolean history) {}

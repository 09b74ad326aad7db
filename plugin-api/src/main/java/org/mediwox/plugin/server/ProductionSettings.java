package org.mediwox.plugin.server;

import java.util.List;

/**
 * A module's judgement of its own settings for production: in production mode the server asks every such bean at
 * start and refuses to start on any problem, all of them listed together with its own. Each module judges only its own
 * keys; the server reads none of them.
 */
@FunctionalInterface
public interface ProductionSettings {

    /** The settings that are safe only for the demo; empty when production may start. */
    List<UnsafeSetting> unsafe();

    /**
     * One unsafe setting.
     *
     * @param setting the property key ({@code mediwox.notification.transport})
     * @param problem what is wrong with its value
     * @param fix what to set instead, as an environment variable
     */
    record UnsafeSetting(String setting, String problem, String fix) {}
}

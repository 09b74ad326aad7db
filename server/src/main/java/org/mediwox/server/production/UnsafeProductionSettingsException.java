package org.mediwox.server.production;

import java.util.List;
import java.util.stream.Collectors;
import org.mediwox.plugin.server.ProductionSettings.UnsafeSetting;

/** The server refuses to start in production mode: the settings listed are unsafe there. */
class UnsafeProductionSettingsException extends RuntimeException {

    private final transient List<UnsafeSetting> settings;

    UnsafeProductionSettingsException(List<UnsafeSetting> settings) {
        super(describe(settings));
        this.settings = List.copyOf(settings);
    }

    List<UnsafeSetting> settings() {
        return settings;
    }

    static String describe(List<UnsafeSetting> settings) {
        return "Mediwox refuses to start in production mode (mediwox.demo=false): "
                + (settings.size() == 1 ? "1 setting is" : settings.size() + " settings are")
                + " unsafe outside the demo\n"
                + settings.stream()
                        .map(s -> "  - " + s.setting() + ": " + s.problem() + ".\n      Fix: " + s.fix())
                        .collect(Collectors.joining("\n"));
    }
}

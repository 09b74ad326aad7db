package org.mediwox.server.production;

import java.util.ArrayList;
import java.util.List;
import org.mediwox.plugin.server.ProductionSettings;
import org.mediwox.plugin.server.ProductionSettings.UnsafeSetting;
import org.mediwox.server.MediwoxProperties;
import org.mediwox.server.security.AuthProperties;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * In production mode, refuses to start with any setting that is only safe for the demo, listing all of them at once:
 * the server's own (a browser origin wildcard or {@code null}) and what each module reports about its settings
 * ({@link ProductionSettings}: a module judges its own keys; the server only collects).
 */
@Component
class ProductionSettingsCheck implements InitializingBean {

    private final MediwoxProperties properties;
    private final AuthProperties auth;
    private final ObjectProvider<ProductionSettings> modules;

    ProductionSettingsCheck(
            MediwoxProperties properties, AuthProperties auth, ObjectProvider<ProductionSettings> modules) {
        this.properties = properties;
        this.auth = auth;
        this.modules = modules;
    }

    @Override
    public void afterPropertiesSet() {
        if (properties.demo()) {
            return;
        }
        List<UnsafeSetting> unsafe = new ArrayList<>(cors(auth));
        modules.orderedStream().forEach(module -> unsafe.addAll(module.unsafe()));
        if (!unsafe.isEmpty()) {
            throw new UnsafeProductionSettingsException(unsafe);
        }
    }

    /** Any site may call the API from a browser ({@code *}), or sandboxed pages and local files may ({@code null}). */
    static List<UnsafeSetting> cors(AuthProperties auth) {
        List<String> refused = auth.allowedOrigins(false).stream()
                .filter(origin -> AuthProperties.isWildcardOrigin(origin) || AuthProperties.isNullOrigin(origin))
                .toList();
        if (refused.isEmpty()) {
            return List.of();
        }
        return List.of(new UnsafeSetting(
                "mediwox.auth.cors-allowed-origins",
                "lists " + String.join(", ", refused)
                        + ": '*' lets every web site call the API from its visitors' browsers, 'null' lets sandboxed"
                        + " pages and local files do so",
                "MEDIWOX_AUTH_CORS_ALLOWED_ORIGINS=<the origins of your own web apps, e.g."
                        + " https://app.clinic.example>, or leave it unset for no cross-origin access"));
    }
}

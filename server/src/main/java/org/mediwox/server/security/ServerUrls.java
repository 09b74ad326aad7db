package org.mediwox.server.security;

import org.mediwox.server.MediwoxProperties;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The public URLs the security checks compare against: the FHIR base (every token's {@code aud}) and the built-in
 * issuer. Both come from {@code mediwox.fhir.server-address} when it is set, otherwise from the request, as Spring
 * Authorization Server itself derives its issuer.
 */
@Component
public class ServerUrls {

    private final String configuredFhirBase;
    private final AuthProperties auth;

    ServerUrls(MediwoxProperties properties, AuthProperties auth) {
        this.configuredFhirBase = stripSlash(properties.fhir().serverAddress());
        this.auth = auth;
    }

    /** The FHIR base URL, e.g. {@code http://localhost:8080/fhir}. Needs a current request unless configured. */
    public String fhirBase() {
        if (!configuredFhirBase.isEmpty()) {
            return configuredFhirBase;
        }
        return ServletUriComponentsBuilder.fromCurrentContextPath()
                .path("/fhir")
                .toUriString();
    }

    /** The issuer every token must carry: the external one, or this server's own root URL. */
    public String issuer() {
        return auth.builtInServer() ? builtInIssuer() : stripSlash(auth.issuer());
    }

    /** The {@code aud} every token must carry. */
    public String audience() {
        return auth.audience().isBlank() ? fhirBase() : auth.audience();
    }

    /** The fixed issuer of the built-in server, or empty when it follows the request. */
    public String configuredBuiltInIssuer() {
        return configuredFhirBase.isEmpty() ? "" : configuredFhirBase.replaceFirst("/fhir$", "");
    }

    private String builtInIssuer() {
        String configured = configuredBuiltInIssuer();
        return configured.isEmpty()
                ? ServletUriComponentsBuilder.fromCurrentContextPath().toUriString()
                : configured;
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}

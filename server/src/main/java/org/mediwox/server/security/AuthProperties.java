package org.mediwox.server.security;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * SMART on FHIR authorization settings, bound from {@code mediwox.auth.*} (environment: {@code MEDIWOX_AUTH_*}).
 *
 * @param issuer external OAuth2/OIDC issuer; when set, the built-in authorization server is off and tokens must come
 *     from this issuer
 * @param audience the {@code aud} every access token must carry; empty means the FHIR base URL
 * @param accessTokenTtl lifetime of access tokens minted by the built-in server
 * @param demoClient whether the demo back-end client exists (default: in demo mode)
 * @param demoClientId id of the demo back-end client (client credentials with a secret; demo mode only)
 * @param demoClientSecret its secret
 * @param demoPassword password of the demo users (one per demo patient, user name = the patient's e-mail; demo mode only)
 * @param patientApp whether the patient app served at {@code /app} is a client of the built-in server ({@code
 *     mediwox-patient-app}: public, PKCE, patient scopes; redirect to {@code /app/} on a loopback address or on the
 *     configured {@code mediwox.fhir.server-address})
 * @param clinicianApp whether the clinician workspace served at {@code /clinician} is a client of the built-in server
 *     ({@code mediwox-clinician-app}: public, PKCE, EHR launch and standalone, {@code user/} scopes of the clinic's
 *     resources; redirect to {@code /clinician/} on a loopback address or on the configured server address)
 * @param corsAllowedOrigins origin patterns allowed to call the API from a browser; unset means any ({@code *}) in demo
 *     mode and none in production, where {@code *} and {@code null} refuse the start
 * @param clients further clients of the built-in server: SMART apps and back-end services
 * @param signingKeyRotation how old the built-in server's newest signing key may get before a new one signs; a
 *     replaced key stays published (and its tokens valid) for the access-token lifetime and a few minutes more
 */
@ConfigurationProperties("mediwox.auth")
public record AuthProperties(
        @DefaultValue("") String issuer,
        @DefaultValue("") String audience,
        @DefaultValue("60m") Duration accessTokenTtl,
        @DefaultValue("true") boolean demoClient,
        @DefaultValue("mediwox-demo-client") String demoClientId,
        @DefaultValue("mediwox-demo-secret") String demoClientSecret,
        @DefaultValue("mediwox") String demoPassword,
        @DefaultValue("true") boolean patientApp,
        @DefaultValue("true") boolean clinicianApp,
        List<String> corsAllowedOrigins,
        @DefaultValue List<Client> clients,
        @DefaultValue("90d") Duration signingKeyRotation) {

    public boolean builtInServer() {
        return issuer.isBlank();
    }

    /** The origins allowed: those set, else any in demo mode and none in production. */
    public List<String> allowedOrigins(boolean demo) {
        if (corsAllowedOrigins != null) {
            return corsAllowedOrigins.stream().map(String::trim).toList();
        }
        return demo ? List.of("*") : List.of();
    }

    /** {@code *}, {@code https://*}, {@code https://*:8443}: a pattern any host matches. */
    public static boolean isWildcardOrigin(String origin) {
        String host = origin.trim().replaceFirst("^[A-Za-z][A-Za-z0-9+.-]*://", "");
        return host.startsWith("*") && !host.contains(".");
    }

    /** The origin browsers send from sandboxed frames, local files and some redirects: it names no site. */
    public static boolean isNullOrigin(String origin) {
        return origin.trim().equalsIgnoreCase("null");
    }

    /**
     * A client of the built-in authorization server.
     *
     * @param id the client id
     * @param secret secret of a confidential symmetric client; empty for public clients and {@code private_key_jwt}
     * @param jwksUrl where a SMART Backend Services client publishes its public keys ({@code private_key_jwt})
     * @param redirectUris redirect URIs of a SMART app (authorization code with PKCE); loopback hosts must be IP
     *     literals ({@code 127.0.0.1})
     * @param scopes scopes the client may ask for
     */
    public record Client(
            String id,
            @DefaultValue("") String secret,
            @DefaultValue("") String jwksUrl,
            @DefaultValue List<String> redirectUris,
            @DefaultValue List<String> scopes) {}
}

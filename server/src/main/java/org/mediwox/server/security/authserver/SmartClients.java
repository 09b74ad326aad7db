package org.mediwox.server.security.authserver;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.mediwox.plugin.booking.Overbooking;
import org.mediwox.server.security.AuthProperties;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/**
 * The clients of the built-in authorization server, from configuration: the demo back-end client (demo mode only) and
 * every client under {@code mediwox.auth.clients} — a SMART app (redirect URIs: authorization code with PKCE, public
 * unless it has a secret) or a back-end service (a JWKS URL: client credentials with {@code private_key_jwt}). A
 * client's registration id is its client id, the same on every node and after a restart: stored authorizations name
 * their client by it. Secrets are kept as bcrypt hashes ({@link ClientSecrets}).
 */
final class SmartClients {

    /** Resource types a scope may name specifically; {@code *} reaches them all. */
    private static final List<String> TYPES = List.of(
            "*",
            "Patient",
            "Practitioner",
            "PractitionerRole",
            "Organization",
            "Location",
            "HealthcareService",
            "Schedule",
            "Slot",
            "Appointment",
            "DocumentReference",
            "Binary",
            "Communication",
            "Subscription",
            "Observation",
            "Encounter");

    /**
     * What a SMART app may ask for besides clinical scopes; {@code mediwox/overbook} lets a clinician book over the
     * booking rule (it has no effect in a patient's token).
     */
    private static final List<String> APP_SCOPES =
            List.of("openid", "fhirUser", "launch", "launch/patient", "offline_access", Overbooking.SCOPE);

    /** A built-in server nobody is registered with (production without the demo client) refuses every client. */
    private static final RegisteredClientRepository NO_CLIENTS = new RegisteredClientRepository() {
        @Override
        public void save(RegisteredClient registeredClient) {
            throw new UnsupportedOperationException("clients are configured under mediwox.auth.clients");
        }

        @Override
        public RegisteredClient findById(String id) {
            return null;
        }

        @Override
        public RegisteredClient findByClientId(String clientId) {
            return null;
        }
    };

    private SmartClients() {}

    /** The patient app served by this server at {@code /app}. */
    static final String PATIENT_APP = "mediwox-patient-app";

    /**
     * What the patient app may ask for: its patient (changing it: the choice of reminder channels,
     * $notification-preferences), its appointments (booking, cancelling), the pool's providers, places and free
     * times, its documents (deleting only those the patient uploaded: documents.PatientUploads).
     */
    private static final List<String> PATIENT_APP_SCOPES = List.of(
            "patient/Patient.ru",
            "patient/Appointment.crus",
            "patient/Slot.rs",
            "patient/Schedule.rs",
            "patient/PractitionerRole.rs",
            "patient/Practitioner.rs",
            "patient/Location.rs",
            "patient/DocumentReference.crds",
            "patient/Binary.r");

    /**
     * @param publicRoot the server's configured public root URL ({@code https://clinic.example}), empty when it
     *     follows the request
     */
    static RegisteredClientRepository of(AuthProperties auth, boolean demo, String publicRoot) {
        List<RegisteredClient> clients = new ArrayList<>();
        TokenSettings tokens = TokenSettings.builder()
                .accessTokenTimeToLive(auth.accessTokenTtl())
                .refreshTokenTimeToLive(Duration.ofDays(30))
                .reuseRefreshTokens(false)
                .build();
        if (demo) {
            Set<String> scopes = clinicalScopes("system");
            scopes.add("system/AuditEvent.rs");
            scopes.add("system/AuditEvent.read");
            clients.add(RegisteredClient.withId(auth.demoClientId())
                    .clientId(auth.demoClientId())
                    .clientSecret(ClientSecrets.hashed(auth.demoClientSecret()))
                    .clientName("Mediwox demo back end")
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                    .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                    .scopes(s -> s.addAll(scopes))
                    .tokenSettings(tokens)
                    .build());
        }
        if (auth.patientApp()) {
            clients.add(patientApp(publicRoot, tokens));
        }
        if (auth.clinicianApp()) {
            clients.add(clinicianApp(publicRoot, tokens));
        }
        for (AuthProperties.Client client : auth.clients()) {
            clients.add(registered(client, tokens));
        }
        if (clients.isEmpty()) {
            return NO_CLIENTS;
        }
        return new InMemoryRegisteredClientRepository(clients);
    }

    /**
     * The patient app: public, PKCE, back to {@code /app/} on this server (after sign-in and after sign-out) — on a loopback address any port (RFC 8252;
     * Spring Authorization Server refuses {@code localhost}, the app moves itself to {@code 127.0.0.1}) and on the
     * configured public URL.
     */
    private static RegisteredClient patientApp(String publicRoot, TokenSettings tokens) {
        Set<String> scopes = new LinkedHashSet<>(List.of("openid", "fhirUser", "launch/patient", "offline_access"));
        scopes.addAll(PATIENT_APP_SCOPES);
        return servedApp(PATIENT_APP, "Mediwox patient app", "/app/", scopes, publicRoot, tokens);
    }

    /** The clinician workspace served at {@code /clinician}. */
    static final String CLINICIAN_APP = "mediwox-clinician-app";

    /**
     * What the clinician workspace may ask for, for its signed-in practitioner: the clinic's appointments (booking for
     * a patient, marking arrived / fulfilled / no-show, cancelling), free times, the directory and its availability
     * (a PractitionerRole's hours and leave, written by PUT: the staff rules decide whose and which part), patients (the
     * launched one's banner, the day's list), conflict Tasks, and overbooking.
     */
    private static final List<String> CLINICIAN_APP_SCOPES = List.of(
            "user/Appointment.cruds",
            "user/Slot.rs",
            "user/Schedule.rs",
            "user/PractitionerRole.rus",
            "user/Practitioner.rs",
            "user/Location.rs",
            "user/Organization.rs",
            "user/Patient.rs",
            "user/Task.rus",
            "mediwox/overbook");

    /**
     * The clinician workspace: public, PKCE, EHR launch ({@code launch}: the EHR's patient through {@code
     * $smart-launch}) or standalone; back to {@code /clinician/} on a loopback address (any port) and on the configured
     * public URL.
     */
    private static RegisteredClient clinicianApp(String publicRoot, TokenSettings tokens) {
        Set<String> scopes =
                new LinkedHashSet<>(List.of("openid", "fhirUser", "launch", "launch/patient", "offline_access"));
        scopes.addAll(CLINICIAN_APP_SCOPES);
        return servedApp(CLINICIAN_APP, "Mediwox clinician workspace", "/clinician/", scopes, publicRoot, tokens);
    }

    /**
     * An app this server serves at {@code path}: public, PKCE, back to {@code path} (after sign-in and after
     * RP-Initiated Logout) on a loopback address, any port (RFC 8252), and on the configured public URL.
     */
    private static RegisteredClient servedApp(
            String id, String name, String path, Set<String> scopes, String publicRoot, TokenSettings tokens) {
        List<String> redirects = new ArrayList<>(List.of("http://127.0.0.1" + path, "http://[::1]" + path));
        if (!publicRoot.isEmpty()) {
            redirects.add(publicRoot + path);
        }
        return RegisteredClient.withId(id)
                .clientId(id)
                .clientName(name)
                .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                .redirectUris(uris -> uris.addAll(redirects))
                .postLogoutRedirectUris(uris -> uris.addAll(redirects))
                .clientSettings(ClientSettings.builder()
                        .requireProofKey(true)
                        .requireAuthorizationConsent(false)
                        .build())
                .scopes(s -> s.addAll(scopes))
                .tokenSettings(tokens)
                .build();
    }

    private static RegisteredClient registered(AuthProperties.Client client, TokenSettings tokens) {
        RegisteredClient.Builder builder = RegisteredClient.withId(client.id())
                .clientId(client.id())
                .clientName(client.id())
                .tokenSettings(tokens);
        Set<String> scopes = new LinkedHashSet<>(client.scopes());
        if (!client.jwksUrl().isBlank()) {
            builder.clientAuthenticationMethod(ClientAuthenticationMethod.PRIVATE_KEY_JWT)
                    .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                    .clientSettings(ClientSettings.builder()
                            .jwkSetUrl(client.jwksUrl())
                            .tokenEndpointAuthenticationSigningAlgorithm(SignatureAlgorithm.RS384)
                            .build());
            if (scopes.isEmpty()) {
                scopes.addAll(clinicalScopes("system"));
            }
        } else {
            if (client.redirectUris().isEmpty()) {
                throw new IllegalStateException("mediwox.auth.clients: client " + client.id()
                        + " needs redirect-uris (a SMART app) or a jwks-url (a back-end service)");
            }
            builder.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                    .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                    .redirectUris(uris -> uris.addAll(client.redirectUris()))
                    .clientSettings(ClientSettings.builder()
                            .requireProofKey(true)
                            .requireAuthorizationConsent(false)
                            .build());
            if (client.secret().isBlank()) {
                builder.clientAuthenticationMethod(ClientAuthenticationMethod.NONE);
            } else {
                builder.clientSecret(ClientSecrets.hashed(client.secret()))
                        .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                        .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST);
            }
            if (scopes.isEmpty()) {
                scopes.addAll(APP_SCOPES);
                scopes.addAll(clinicalScopes("patient"));
                scopes.addAll(clinicalScopes("user"));
            }
        }
        return builder.scopes(s -> s.addAll(scopes)).build();
    }

    /** Every SMART v1 and v2 scope of a level on Mediwox's types: {@code patient/Appointment.rs}, {@code patient/*.read}... */
    static Set<String> clinicalScopes(String level) {
        Set<String> scopes = new LinkedHashSet<>();
        List<String> permissions = new ArrayList<>(List.of("read", "write", "*"));
        String letters = "cruds";
        for (int mask = 1; mask < 32; mask++) {
            StringBuilder p = new StringBuilder();
            for (int i = 0; i < 5; i++) {
                if ((mask & (1 << i)) != 0) {
                    p.append(letters.charAt(i));
                }
            }
            permissions.add(p.toString());
        }
        for (String type : TYPES) {
            for (String permission : permissions) {
                scopes.add(level + "/" + type + "." + permission);
            }
        }
        return scopes;
    }
}

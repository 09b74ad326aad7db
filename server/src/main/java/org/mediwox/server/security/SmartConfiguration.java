package org.mediwox.server.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * The SMART App Launch discovery document ({@code /.well-known/smart-configuration}): where to authorize and get tokens,
 * what the server supports. For the built-in server the endpoints are this server's; for an external issuer they are
 * read once from the issuer's OpenID Connect discovery document.
 */
@Component
public class SmartConfiguration {

    static final List<String> CAPABILITIES_BUILT_IN = List.of(
            "launch-standalone",
            "launch-ehr",
            "client-public",
            "client-confidential-symmetric",
            "client-confidential-asymmetric",
            "context-standalone-patient",
            "context-ehr-patient",
            "context-ehr-encounter",
            "context-banner",
            "permission-patient",
            "permission-user",
            "permission-offline",
            "permission-v1",
            "permission-v2",
            "sso-openid-connect");

    /** What any client may ask for (each is granted to some client of the built-in server; SmartClients). */
    public static final List<String> SCOPES_SUPPORTED = List.of(
            "openid",
            "fhirUser",
            "launch",
            "launch/patient",
            "offline_access",
            "mediwox/overbook",
            "patient/*.rs",
            "patient/*.cruds",
            "patient/*.read",
            "patient/*.write",
            "user/*.rs",
            "user/*.cruds",
            "user/*.read",
            "user/*.write",
            "system/*.rs",
            "system/*.cruds",
            "system/*.read",
            "system/*.write",
            "system/AuditEvent.rs");

    /** The grants of the built-in server: each is some client's (SmartClients). */
    public static final List<String> GRANT_TYPES = List.of("authorization_code", "client_credentials", "refresh_token");

    /**
     * How clients of the built-in server authenticate: a confidential app or the demo client with its secret, a
     * back-end service with a signed assertion, a public app with none (PKCE).
     */
    public static final List<String> TOKEN_ENDPOINT_AUTH_METHODS =
            List.of("private_key_jwt", "client_secret_basic", "client_secret_post", "none");

    /** Back-end services sign their assertions with RS384 (SmartClients registers them so). */
    public static final List<String> TOKEN_ENDPOINT_AUTH_SIGNING_ALGORITHMS = List.of("RS384");

    private final AuthProperties auth;
    private final ServerUrls urls;
    private final ObjectMapper json = new ObjectMapper();
    private final AtomicReference<Map<String, Object>> externalDiscovery = new AtomicReference<>();

    SmartConfiguration(AuthProperties auth, ServerUrls urls) {
        this.auth = auth;
        this.urls = urls;
    }

    public Map<String, Object> document() {
        Map<String, Object> doc = new LinkedHashMap<>();
        String issuer = urls.issuer();
        doc.put("issuer", issuer);
        if (auth.builtInServer()) {
            doc.put("jwks_uri", issuer + "/oauth2/jwks");
            doc.put("authorization_endpoint", issuer + "/oauth2/authorize");
            doc.put("token_endpoint", issuer + "/oauth2/token");
            doc.put("introspection_endpoint", issuer + "/oauth2/introspect");
            doc.put("revocation_endpoint", issuer + "/oauth2/revoke");
            doc.put("userinfo_endpoint", issuer + "/userinfo");
            doc.put("grant_types_supported", GRANT_TYPES);
            doc.put("token_endpoint_auth_methods_supported", TOKEN_ENDPOINT_AUTH_METHODS);
            doc.put("token_endpoint_auth_signing_alg_values_supported", TOKEN_ENDPOINT_AUTH_SIGNING_ALGORITHMS);
            doc.put("capabilities", CAPABILITIES_BUILT_IN);
        } else {
            Map<String, Object> discovery = discovery();
            for (String key : List.of(
                    "jwks_uri",
                    "authorization_endpoint",
                    "token_endpoint",
                    "introspection_endpoint",
                    "revocation_endpoint",
                    "userinfo_endpoint",
                    "grant_types_supported",
                    "token_endpoint_auth_methods_supported",
                    "token_endpoint_auth_signing_alg_values_supported")) {
                if (discovery.containsKey(key)) {
                    doc.put(key, discovery.get(key));
                }
            }
            doc.put(
                    "capabilities",
                    List.of(
                            "launch-standalone",
                            "client-public",
                            "client-confidential-symmetric",
                            "context-standalone-patient",
                            "permission-patient",
                            "permission-user",
                            "permission-v1",
                            "permission-v2"));
        }
        doc.put("scopes_supported", SCOPES_SUPPORTED);
        doc.put("response_types_supported", List.of("code"));
        doc.put("code_challenge_methods_supported", List.of("S256"));
        return doc;
    }

    public String toJson() {
        try {
            return json.writeValueAsString(document());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> discovery() {
        Map<String, Object> cached = externalDiscovery.get();
        if (cached == null) {
            String url = urls.issuer() + "/.well-known/openid-configuration";
            cached = RestClient.create().get().uri(url).retrieve().body(Map.class);
            externalDiscovery.set(cached);
        }
        return cached;
    }
}

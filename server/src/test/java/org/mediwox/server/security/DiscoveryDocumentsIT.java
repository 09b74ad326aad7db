package org.mediwox.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mediwox.server.support.BackendService;
import org.mediwox.server.support.ServerIT;
import org.mediwox.server.support.SmartLogin;
import org.mediwox.server.support.Tokens;

/**
 * The three discovery documents of the built-in server — OpenID Connect, RFC 8414 and SMART — advertise exactly what
 * works: the same grants, client authentication methods, scopes and PKCE method; nothing Spring Authorization Server
 * would list that no client here can use; and each advertised endpoint, grant type and authentication method is
 * exercised against the server.
 */
class DiscoveryDocumentsIT extends ServerIT {

    private static final List<String> DOCUMENTS = List.of(
            "/.well-known/openid-configuration",
            "/.well-known/oauth-authorization-server",
            "/.well-known/smart-configuration");

    @Test
    void allThreeDocuments_advertiseTheSameGrantsAuthenticationMethodsScopesAndPkce() {
        for (String path : DOCUMENTS) {
            JsonNode doc = document(path);
            assertThat(texts(doc, "grant_types_supported"))
                    .as(path)
                    .containsExactlyInAnyOrder("authorization_code", "client_credentials", "refresh_token");
            assertThat(texts(doc, "token_endpoint_auth_methods_supported"))
                    .as(path)
                    .containsExactlyInAnyOrder("client_secret_basic", "client_secret_post", "private_key_jwt", "none");
            assertThat(texts(doc, "token_endpoint_auth_signing_alg_values_supported"))
                    .as(path)
                    .containsExactly("RS384");
            assertThat(texts(doc, "code_challenge_methods_supported")).as(path).containsExactly("S256");
            assertThat(texts(doc, "response_types_supported")).as(path).containsExactly("code");
            assertThat(texts(doc, "scopes_supported")).as(path).isEqualTo(SmartConfiguration.SCOPES_SUPPORTED);
            assertThat(doc.get("issuer").asText()).as(path).isEqualTo(serverRoot());
            for (String notOffered : List.of(
                    "device_authorization_endpoint",
                    "pushed_authorization_request_endpoint",
                    "registration_endpoint",
                    "tls_client_certificate_bound_access_tokens",
                    "dpop_signing_alg_values_supported")) {
                assertThat(doc.has(notOffered)).as(path + " " + notOffered).isFalse();
            }
        }
    }

    @Test
    void theSmartDocument_hasTheFieldsSmartAppLaunchRequires_andTheSameEndpointsAsOpenIdConnect() {
        JsonNode smart = document("/.well-known/smart-configuration");
        JsonNode openId = document("/.well-known/openid-configuration");

        for (String required : List.of(
                "issuer",
                "jwks_uri",
                "authorization_endpoint",
                "token_endpoint",
                "grant_types_supported",
                "capabilities",
                "code_challenge_methods_supported")) {
            assertThat(smart.has(required)).as(required).isTrue();
        }
        for (String endpoint : List.of(
                "jwks_uri",
                "authorization_endpoint",
                "token_endpoint",
                "introspection_endpoint",
                "revocation_endpoint",
                "userinfo_endpoint")) {
            assertThat(smart.get(endpoint).asText())
                    .as(endpoint)
                    .isEqualTo(openId.get(endpoint).asText());
        }
    }

    @Test
    void everyAdvertisedEndpoint_answers() {
        JsonNode openId = document("/.well-known/openid-configuration");
        List<String> endpoints = new ArrayList<>();
        openId.fieldNames().forEachRemaining(name -> {
            if (name.endsWith("_endpoint") || name.equals("jwks_uri")) {
                endpoints.add(name);
            }
        });
        assertThat(endpoints)
                .containsExactlyInAnyOrder(
                        "authorization_endpoint",
                        "token_endpoint",
                        "jwks_uri",
                        "userinfo_endpoint",
                        "end_session_endpoint",
                        "revocation_endpoint",
                        "introspection_endpoint");
        for (String name : endpoints) {
            URI url = URI.create(openId.get(name).asText());
            boolean posted = List.of("token_endpoint", "revocation_endpoint", "introspection_endpoint")
                    .contains(name);
            HttpRequest.Builder request = HttpRequest.newBuilder(url);
            if (posted) {
                request.header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("token=x"));
            }
            int status = send(request).statusCode();
            assertThat(status).as(name + " " + url).isNotIn(404, 405).isLessThan(500);
        }
    }

    @Test
    void everyAdvertisedGrantAndAuthenticationMethod_works() {
        // authorization_code by a public app (none), with offline_access: then refresh_token
        JsonNode launched =
                SmartLogin.launch(serverRoot(), SmartScopesIT.ANA_LOGIN, "launch/patient offline_access patient/*.rs");
        JsonNode refreshed = Tokens.tokenRequest(
                serverRoot(),
                Map.of(
                        "grant_type",
                        "refresh_token",
                        "refresh_token",
                        launched.get("refresh_token").asText(),
                        "client_id",
                        SmartLogin.APP_CLIENT_ID),
                null);
        assertThat(refreshed.get("access_token").asText()).isNotBlank();
        // client_credentials with client_secret_basic, client_secret_post and private_key_jwt
        assertThat(Tokens.demoClient(serverRoot(), "system/Slot.rs")).isNotBlank();
        JsonNode posted = Tokens.tokenRequest(
                serverRoot(),
                Map.of(
                        "grant_type",
                        "client_credentials",
                        "scope",
                        "system/Slot.rs",
                        "client_id",
                        Tokens.DEMO_CLIENT,
                        "client_secret",
                        Tokens.DEMO_SECRET),
                null);
        assertThat(posted.get("access_token").asText()).isNotBlank();
        assertThat(BackendService.token(serverRoot(), "system/Slot.rs")).isNotBlank();
    }

    @Test
    void introspectionAndRevocation_workForAnAuthenticatedClient() {
        String token = Tokens.demoClient(serverRoot(), "system/Slot.rs");
        String demoClient = "Basic "
                + Base64.getEncoder()
                        .encodeToString(
                                (Tokens.DEMO_CLIENT + ":" + Tokens.DEMO_SECRET).getBytes(StandardCharsets.UTF_8));

        HttpResponse<String> introspected =
                Tokens.postForm(serverRoot() + "/oauth2/introspect", Map.of("token", token), demoClient);
        assertThat(introspected.statusCode()).as(introspected.body()).isEqualTo(200);
        assertThat(Tokens.json(introspected.body()).get("active").asBoolean()).isTrue();

        HttpResponse<String> revoked =
                Tokens.postForm(serverRoot() + "/oauth2/revoke", Map.of("token", token), demoClient);
        assertThat(revoked.statusCode()).isEqualTo(200);
        HttpResponse<String> afterwards =
                Tokens.postForm(serverRoot() + "/oauth2/introspect", Map.of("token", token), demoClient);
        assertThat(Tokens.json(afterwards.body()).get("active").asBoolean()).isFalse();
    }

    private JsonNode document(String path) {
        HttpResponse<String> answer = send(anonymousRequest(path));
        assertThat(answer.statusCode()).as(path).isEqualTo(200);
        return Tokens.json(answer.body());
    }

    private static List<String> texts(JsonNode doc, String field) {
        return TokenValidationIT.texts(doc.get(field));
    }
}

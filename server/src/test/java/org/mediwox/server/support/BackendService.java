package org.mediwox.server.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.UUID;

/**
 * A SMART Backend Services client as an EHR or insurer runs it: an RSA key pair whose public half it publishes as a JWKS
 * on its own web server (a JDK HTTP server here), and signed client assertions ({@code private_key_jwt}, RS384).
 */
public final class BackendService {

    public static final String CLIENT_ID = "test-backend-service";
    /** A SMART v2 scope with a search filter, registered for this client. */
    public static final String FREE_SLOTS_ONLY = "system/Slot.rs?status=free";
    /** Documents of category report only (an insurer's reviewer, say). */
    public static final String REPORTS_ONLY =
            "system/DocumentReference.rs?category=https://mediwox.org/fhir/CodeSystem/document-category|report";

    /** Writes of Groups (an insurer keeping its member lists), registered for this client. */
    public static final String GROUP_WRITES = "system/Group.cud";

    private static final RSAKey KEY = generate();
    private static final String JWKS_URL = publish(new JWKSet(KEY.toPublicJWK()));

    private BackendService() {}

    public static String jwksUrl() {
        return JWKS_URL;
    }

    /** A client assertion for the token endpoint, signed with the published key. */
    public static String assertion(String tokenEndpoint) {
        return sign(KEY, tokenEndpoint);
    }

    /** An access token for {@code scope} by client credentials with this client's assertion (fails unless granted). */
    public static String token(String serverRoot, String scope) {
        String tokenEndpoint = serverRoot + "/oauth2/token";
        java.net.http.HttpResponse<String> granted = Tokens.postForm(
                tokenEndpoint,
                java.util.Map.of(
                        "grant_type",
                        "client_credentials",
                        "scope",
                        scope,
                        "client_assertion_type",
                        "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                        "client_assertion",
                        assertion(tokenEndpoint)),
                null);
        if (granted.statusCode() != 200) {
            throw new IllegalStateException("token request refused: " + granted.body());
        }
        return Tokens.json(granted.body()).get("access_token").asText();
    }

    /** The same assertion signed with a key the server has never seen (same key id). */
    public static String assertionWithWrongKey(String tokenEndpoint) {
        RSAKey other = generate();
        return sign(new RSAKey.Builder(other).keyID(KEY.getKeyID()).build(), tokenEndpoint);
    }

    private static String sign(RSAKey key, String tokenEndpoint) {
        try {
            JWTClaimsSet claims = new JWTClaimsSet.Builder()
                    .issuer(CLIENT_ID)
                    .subject(CLIENT_ID)
                    .audience(tokenEndpoint)
                    .jwtID(UUID.randomUUID().toString())
                    .issueTime(new Date())
                    .expirationTime(new Date(System.currentTimeMillis() + 240_000))
                    .build();
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS384)
                            .keyID(key.getKeyID())
                            .type(JOSEObjectType.JWT)
                            .build(),
                    claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAKey generate() {
        try {
            return new RSAKeyGenerator(2048)
                    .keyUse(KeyUse.SIGNATURE)
                    .keyID(UUID.randomUUID().toString())
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String publish(JWKSet keys) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            byte[] body = keys.toString().getBytes(StandardCharsets.UTF_8);
            server.createContext("/jwks.json", exchange -> {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.setExecutor(null);
            server.start();
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks.json";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

package org.mediwox.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.util.Date;
import java.util.List;
import java.util.function.Consumer;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.Extension;
import org.junit.jupiter.api.Test;
import org.mediwox.server.support.ServerIT;
import org.mediwox.server.support.Tokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Only valid tokens open the FHIR API: no token, an expired one, one for another audience or from another issuer, one
 * with a bad signature or none at all are each refused with 401, an OperationOutcome and the RFC 6750 challenge. The
 * bad tokens are minted with the server's own signing key (read from its database) so that each differs from a good
 * one in exactly one respect; a control token minted the same way is accepted.
 */
class TokenValidationIT extends ServerIT {

    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void noToken_is401WithAChallengeAndAnOperationOutcome() {
        HttpResponse<String> response = send(anonymousRequest("/fhir/Patient"));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(response.body())
                .contains("\"resourceType\":\"OperationOutcome\"")
                .contains("access token")
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
    }

    @Test
    void capabilityStatementAndSmartDiscovery_needNoToken_andNameTheEndpoints() {
        CapabilityStatement statement = fhirContext
                .newJsonParser()
                .parseResource(
                        CapabilityStatement.class,
                        send(anonymousRequest("/fhir/metadata")).body());
        Extension uris = statement
                .getRestFirstRep()
                .getSecurity()
                .getExtensionByUrl("http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris");
        assertThat(uris.getExtensionByUrl("token").getValue().primitiveValue())
                .isEqualTo(serverRoot() + "/oauth2/token");
        assertThat(uris.getExtensionByUrl("authorize").getValue().primitiveValue())
                .isEqualTo(serverRoot() + "/oauth2/authorize");
        assertThat(statement
                        .getRestFirstRep()
                        .getSecurity()
                        .getServiceFirstRep()
                        .getCodingFirstRep()
                        .getCode())
                .isEqualTo("SMART-on-FHIR");

        for (String path : List.of("/.well-known/smart-configuration", "/fhir/.well-known/smart-configuration")) {
            HttpResponse<String> response = send(anonymousRequest(path));
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
            JsonNode doc = Tokens.json(response.body());
            assertThat(doc.get("issuer").asText()).isEqualTo(serverRoot());
            assertThat(doc.get("jwks_uri").asText()).isEqualTo(serverRoot() + "/oauth2/jwks");
            assertThat(doc.get("authorization_endpoint").asText()).isEqualTo(serverRoot() + "/oauth2/authorize");
            assertThat(doc.get("token_endpoint").asText()).isEqualTo(serverRoot() + "/oauth2/token");
            assertThat(texts(doc.get("grant_types_supported")))
                    .contains("authorization_code", "client_credentials", "refresh_token");
            assertThat(texts(doc.get("code_challenge_methods_supported"))).containsExactly("S256");
            assertThat(texts(doc.get("capabilities")))
                    .contains(
                            "launch-standalone",
                            "client-public",
                            "client-confidential-asymmetric",
                            "context-standalone-patient",
                            "permission-patient",
                            "permission-v1",
                            "permission-v2",
                            "sso-openid-connect");
            assertThat(texts(doc.get("scopes_supported"))).contains("openid", "fhirUser", "launch/patient");
        }
    }

    @Test
    void aTokenMintedWithTheServerKey_andGoodClaims_isAccepted() {
        assertThat(status(mint(c -> {}))).isEqualTo(200);
    }

    @Test
    void expiredToken_is401() {
        Date past = new Date(System.currentTimeMillis() - 3_600_000);
        assertThat(status(
                        mint(c -> c.issueTime(new Date(past.getTime() - 60_000)).expirationTime(past))))
                .isEqualTo(401);
    }

    @Test
    void tokenForAnotherAudience_is401() {
        assertThat(status(mint(c -> c.audience("https://other-server.example/fhir"))))
                .isEqualTo(401);
    }

    @Test
    void tokenFromAnotherIssuer_is401() {
        assertThat(status(mint(c -> c.issuer("https://evil.example")))).isEqualTo(401);
    }

    @Test
    void tokenSignedWithAnotherKey_is401() throws JOSEException {
        RSAKey other = new RSAKeyGenerator(2048).keyID(serverKey().getKeyID()).generate();
        assertThat(status(sign(claims(c -> {}), other))).isEqualTo(401);
    }

    @Test
    void unsignedToken_algNone_is401() {
        assertThat(status(new PlainJWT(claims(c -> {})).serialize())).isEqualTo(401);
    }

    private int status(String token) {
        return send(anonymousRequest("/fhir/Patient?_count=1").header("Authorization", "Bearer " + token))
                .statusCode();
    }

    private String mint(Consumer<JWTClaimsSet.Builder> change) {
        return sign(claims(change), serverKey());
    }

    private JWTClaimsSet claims(Consumer<JWTClaimsSet.Builder> change) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(serverRoot())
                .audience(fhirBase())
                .subject(Tokens.DEMO_CLIENT)
                .claim("client_id", Tokens.DEMO_CLIENT)
                .claim("scope", List.of("system/*.rs"))
                .issueTime(new Date())
                .expirationTime(new Date(System.currentTimeMillis() + 300_000));
        change.accept(claims);
        return claims.build();
    }

    private static String sign(JWTClaimsSet claims, RSAKey key) {
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .keyID(key.getKeyID())
                            .build(),
                    claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private RSAKey serverKey() {
        try {
            return RSAKey.parse(jdbc.queryForObject(
                    "select jwk from mediwox.oauth_signing_key order by created desc, kid desc limit 1", String.class));
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> texts(JsonNode array) {
        return array == null
                ? List.of()
                : java.util.stream.StreamSupport.stream(array.spliterator(), false)
                        .map(JsonNode::asText)
                        .toList();
    }
}

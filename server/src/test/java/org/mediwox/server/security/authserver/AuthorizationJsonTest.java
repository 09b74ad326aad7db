package org.mediwox.server.security.authserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.security.Principal;
import java.time.Instant;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;

/**
 * What Spring Authorization Server's Jdbc service writes of an authorization (its attributes and token claims, as JSON
 * maps) reads back with Mediwox's principal and the SMART launch parameters — and without the user's password.
 */
class AuthorizationJsonTest {

    private final ObjectMapper json = AuthorizationJson.mapper();

    @Test
    void attributesOfAStandaloneOrEhrLaunch_readBackWithTheSmartUserAndTheLaunchParameters() throws Exception {
        SmartUser user = new SmartUser("ana.garcia@example.org", "{bcrypt}hash", "Patient/7", "7");
        UsernamePasswordAuthenticationToken login =
                UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities());
        OAuth2AuthorizationRequest request = OAuth2AuthorizationRequest.authorizationCode()
                .authorizationUri("http://localhost/oauth2/authorize")
                .clientId("test-smart-app")
                .redirectUri("http://127.0.0.1/callback")
                .scopes(Set.of("launch", "patient/*.rs"))
                .state("s-1")
                .additionalParameters(Map.of("launch", "abc", "aud", "http://localhost/fhir"))
                .build();
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put(Principal.class.getName(), login);
        attributes.put(OAuth2AuthorizationRequest.class.getName(), request);

        String written = json.writeValueAsString(attributes);
        Map<String, Object> read = json.readValue(written, new TypeReference<>() {});

        assertThat(written).doesNotContain("bcrypt").doesNotContain("password");
        UsernamePasswordAuthenticationToken principal =
                (UsernamePasswordAuthenticationToken) read.get(Principal.class.getName());
        SmartUser readUser = (SmartUser) principal.getPrincipal();
        assertThat(readUser.getUsername()).isEqualTo("ana.garcia@example.org");
        assertThat(readUser.fhirUser()).isEqualTo("Patient/7");
        assertThat(readUser.patientId()).isEqualTo("7");
        assertThat(readUser.getPassword()).isNull();
        OAuth2AuthorizationRequest readRequest =
                (OAuth2AuthorizationRequest) read.get(OAuth2AuthorizationRequest.class.getName());
        assertThat(readRequest.getAdditionalParameters()).containsEntry("launch", "abc");
        assertThat(readRequest.getScopes()).containsExactlyInAnyOrder("launch", "patient/*.rs");
    }

    @Test
    void claimsOfAnAccessToken_readBack() throws Exception {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("aud", Collections.singletonList("http://localhost/fhir"));
        claims.put("scope", Collections.unmodifiableSet(new HashSet<>(Set.of("patient/*.rs", "launch/patient"))));
        claims.put("exp", Instant.parse("2030-01-01T00:00:00Z"));
        claims.put("patient", "7");
        claims.put(RevokedTokens.GRANT_CLAIM, "a-grant");
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("metadata.token.claims", claims);

        Map<String, Object> read = json.readValue(json.writeValueAsString(metadata), new TypeReference<>() {});

        @SuppressWarnings("unchecked")
        Map<String, Object> readClaims = (Map<String, Object>) read.get("metadata.token.claims");
        assertThat(readClaims)
                .containsEntry("patient", "7")
                .containsEntry("exp", Instant.parse("2030-01-01T00:00:00Z"))
                .containsEntry(RevokedTokens.GRANT_CLAIM, "a-grant");
        assertThat(readClaims.get("aud")).asList().containsExactly("http://localhost/fhir");
    }
}

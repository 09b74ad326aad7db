package org.mediwox.server.security.authserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mediwox.server.security.AuthProperties;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContext;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContextHolder;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;

class PublicRevocationTest {

    private final PublicRevocation.Converter converter = new PublicRevocation.Converter();
    private final RegisteredClientRepository clients = SmartClients.of(
            new AuthProperties(
                    "",
                    "",
                    Duration.ofMinutes(5),
                    true,
                    "demo",
                    "secret",
                    "pw",
                    true,
                    true,
                    List.of("*"),
                    List.of(),
                    Duration.ofDays(90)),
            true,
            "");

    @BeforeEach
    void context() {
        AuthorizationServerSettings settings =
                AuthorizationServerSettings.builder().build();
        AuthorizationServerContextHolder.setContext(new AuthorizationServerContext() {
            @Override
            public String getIssuer() {
                return "http://localhost";
            }

            @Override
            public AuthorizationServerSettings getAuthorizationServerSettings() {
                return settings;
            }
        });
    }

    @AfterEach
    void reset() {
        AuthorizationServerContextHolder.resetContext();
    }

    @Test
    void aRevocationWithAClientIdAlone_isReadAsAPublicClient_andThePatientAppPasses() {
        Authentication read = converter.convert(revoke("mediwox-patient-app"));

        Authentication authenticated = new PublicRevocation.Provider(clients).authenticate(read);

        assertThat(authenticated.isAuthenticated()).isTrue();
        assertThat(((OAuth2ClientAuthenticationToken) authenticated).getClientAuthenticationMethod())
                .isEqualTo(ClientAuthenticationMethod.NONE);
    }

    @Test
    void aConfidentialClientOrAnUnknownOne_withItsClientIdAlone_isInvalidClient() {
        PublicRevocation.Provider provider = new PublicRevocation.Provider(clients);

        assertThatThrownBy(() -> provider.authenticate(converter.convert(revoke("demo"))))
                .isInstanceOfSatisfying(
                        OAuth2AuthenticationException.class,
                        e -> assertThat(e.getError().getErrorCode()).isEqualTo("invalid_client"));
        assertThatThrownBy(() -> provider.authenticate(converter.convert(revoke("nobody"))))
                .isInstanceOf(OAuth2AuthenticationException.class);
    }

    @Test
    void otherEndpointsAndRequestsWithCredentials_areLeftToSpring() {
        MockHttpServletRequest introspect = revoke("mediwox-patient-app");
        introspect.setRequestURI("/oauth2/introspect");
        MockHttpServletRequest withSecret = revoke("mediwox-patient-app");
        withSecret.addParameter("client_secret", "x");
        MockHttpServletRequest withHeader = revoke("mediwox-patient-app");
        withHeader.addHeader("Authorization", "Basic eDp5");

        assertThat(converter.convert(introspect)).isNull();
        assertThat(converter.convert(withSecret)).isNull();
        assertThat(converter.convert(withHeader)).isNull();
    }

    private static MockHttpServletRequest revoke(String clientId) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/oauth2/revoke");
        request.addParameter("token", "some-token");
        request.addParameter("client_id", clientId);
        return request;
    }
}

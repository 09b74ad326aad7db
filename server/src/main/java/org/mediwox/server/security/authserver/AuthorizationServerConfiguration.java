package org.mediwox.server.security.authserver;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.mediwox.server.MediwoxProperties;
import org.mediwox.server.security.AuthProperties;
import org.mediwox.server.security.LaunchContexts;
import org.mediwox.server.security.ServerUrls;
import org.mediwox.server.security.accounts.Accounts;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientCredentialsAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configurers.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcLogoutAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.DelegatingOAuth2TokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.JwtGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2AccessTokenResponseAuthenticationSuccessHandler;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.logout.LogoutFilter;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

/**
 * The built-in SMART authorization server (Spring Authorization Server), on unless {@code mediwox.auth.issuer} names an
 * external one: authorization code with PKCE for SMART apps (standalone launch with a patient login), client
 * credentials with {@code private_key_jwt} for back-end services, the demo back-end client, refresh tokens for
 * {@code offline_access}, OpenID Connect with {@code fhirUser}. Access tokens are JWTs whose {@code aud} is the FHIR
 * base URL and which carry the launch patient; token responses carry {@code patient} and {@code need_patient_banner}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${mediwox.auth.issuer:}'.isBlank()")
class AuthorizationServerConfiguration {

    @Bean
    @Order(1)
    SecurityFilterChain authorizationServerSecurity(
            HttpSecurity http,
            RegisteredClientRepository clientRepository,
            OAuth2TokenGenerator<?> tokenGenerator,
            ServerUrls urls,
            ClientAssertionReplay assertionReplay)
            throws Exception {
        OAuth2AuthorizationServerConfigurer authorizationServer =
                OAuth2AuthorizationServerConfigurer.authorizationServer();
        OAuth2AccessTokenResponseAuthenticationSuccessHandler tokenResponse =
                new OAuth2AccessTokenResponseAuthenticationSuccessHandler();
        tokenResponse.setAccessTokenResponseCustomizer(context -> {
            OAuth2AccessTokenAuthenticationToken minted = context.getAuthentication();
            Map<String, Object> launch = SmartTokenClaims.launchContext(minted.getAccessToken());
            if (!launch.isEmpty()) {
                // keep the parameters already there (id_token)
                Map<String, Object> parameters = new HashMap<>(minted.getAdditionalParameters());
                parameters.putAll(launch);
                context.getAccessTokenResponse().additionalParameters(parameters);
            }
        });
        http.securityMatcher(authorizationServer.getEndpointsMatcher())
                .with(
                        authorizationServer,
                        server -> server.oidc(oidc -> oidc.providerConfigurationEndpoint(discovery ->
                                                discovery.providerConfigurationCustomizer(ServerMetadata::customize))
                                        // RP-Initiated Logout at /connect/logout; loopback redirects on any port
                                        .logoutEndpoint(logout -> logout.authenticationProviders(
                                                providers -> providers.forEach(provider -> {
                                                    if (provider
                                                            instanceof OidcLogoutAuthenticationProvider oidcLogout) {
                                                        oidcLogout.setAuthenticationValidator(new LogoutRedirects());
                                                    }
                                                }))))
                                .authorizationServerMetadataEndpoint(metadata ->
                                        metadata.authorizationServerMetadataCustomizer(ServerMetadata::customize))
                                // scopes granted as the intersection, aud checked (ScopeGrants,
                                // AuthorizationRequestChecks)
                                .authorizationEndpoint(authorize -> authorize.authenticationProviders(
                                        providers -> providers.replaceAll(provider -> provider
                                                        instanceof
                                                        OAuth2AuthorizationCodeRequestAuthenticationProvider codes
                                                ? ScopeGrants.authorizationRequests(
                                                        codes, clientRepository, AuthorizationRequestChecks.of(urls))
                                                : provider)))
                                .tokenEndpoint(token -> token.accessTokenResponseHandler(tokenResponse)
                                        .authenticationProviders(providers -> providers.replaceAll(provider -> provider
                                                        instanceof OAuth2ClientCredentialsAuthenticationProvider clients
                                                ? ScopeGrants.clientCredentials(clients)
                                                : provider)))
                                .tokenGenerator(tokenGenerator)
                                .clientAuthentication(clients -> clients.authenticationConverters(converters -> {
                                            converters.add(0, new ClientAssertionWithoutClientId());
                                            converters.add(0, new OfflineAccess.PublicRefreshConverter());
                                            converters.add(0, new PublicRevocation.Converter());
                                        })
                                        .authenticationProviders(providers -> {
                                            providers.add(
                                                    0, new OfflineAccess.PublicRefreshAuthentication(clientRepository));
                                            // public clients revoke; a client assertion is used once
                                            providers.add(0, new PublicRevocation.Provider(clientRepository));
                                            assertionReplay.applyTo(providers);
                                        })))
                .authorizeHttpRequests(authorize -> authorize.anyRequest().authenticated())
                // the patient picker runs before the authorization endpoint sees the request
                .addFilterAfter(new PatientChoice(), LogoutFilter.class)
                .exceptionHandling(exceptions -> exceptions.defaultAuthenticationEntryPointFor(
                        new LoginUrlAuthenticationEntryPoint("/login"),
                        new MediaTypeRequestMatcher(MediaType.TEXT_HTML)))
                .oauth2ResourceServer(resourceServer -> resourceServer.jwt(Customizer.withDefaults()))
                .cors(Customizer.withDefaults());
        return http.build();
    }

    /** JWT access and ID tokens (with the SMART claims below); refresh tokens for {@code offline_access}. */
    @Bean
    OAuth2TokenGenerator<?> tokenGenerator(
            SigningKeys keys, OAuth2TokenCustomizer<JwtEncodingContext> smartTokenClaims) {
        JwtGenerator jwt = new JwtGenerator(new NimbusJwtEncoder(keys.signing()));
        jwt.setJwtCustomizer(smartTokenClaims);
        return new DelegatingOAuth2TokenGenerator(jwt, new OfflineAccess.RefreshTokens());
    }

    @Bean
    RegisteredClientRepository registeredClientRepository(AuthProperties auth, ServerUrls urls) {
        return SmartClients.of(auth, auth.demoClient(), urls.configuredBuiltInIssuer());
    }

    @Bean
    SigningKeys signingKeys(JdbcTemplate jdbc, AuthProperties auth) {
        return new SigningKeys(jdbc, auth.signingKeyRotation(), auth.accessTokenTtl());
    }

    /** The published keys: the JWKS endpoint's and the FHIR API's (SecurityConfiguration). */
    @Bean
    JWKSource<SecurityContext> jwkSource(SigningKeys keys) {
        return keys.published();
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings(ServerUrls urls) {
        AuthorizationServerSettings.Builder settings = AuthorizationServerSettings.builder();
        String issuer = urls.configuredBuiltInIssuer();
        if (!issuer.isEmpty()) {
            settings.issuer(issuer);
        }
        return settings.build();
    }

    /** Registered patient accounts, and in demo mode the demo users too (AccountUsers). */
    @Bean
    UserDetailsService smartUsers(
            MediwoxProperties properties, AuthProperties auth, DaoRegistry daoRegistry, Accounts accounts) {
        Optional<UserDetailsService> demo =
                properties.demo() ? Optional.of(new DemoUsers(daoRegistry, auth.demoPassword())) : Optional.empty();
        return new AccountUsers(accounts, demo, daoRegistry);
    }

    /**
     * The sign-in form's check of a user's password (bcrypt through Spring's delegating encoder), which afterwards
     * refuses an account whose e-mail address is not confirmed yet.
     */
    @Bean
    DaoAuthenticationProvider signInAuthentication(UserDetailsService smartUsers) {
        DaoAuthenticationProvider provider = new DaoAuthenticationProvider(smartUsers);
        provider.setPostAuthenticationChecks(AccountUsers.VERIFIED_ONLY);
        return provider;
    }

    /**
     * Access tokens: {@code aud} = the FHIR base URL, {@code client_id}, and for a logged-in user {@code fhirUser} and,
     * when the app asked for a patient context, {@code patient}. ID tokens: {@code fhirUser}.
     */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> smartTokenClaims(
            ServerUrls urls, LaunchContexts launches, DaoRegistry daoRegistry) {
        return new SmartTokenClaims(urls, launches, new Proxies(daoRegistry));
    }
}

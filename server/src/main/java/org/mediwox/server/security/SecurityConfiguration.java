package org.mediwox.server.security;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.mediwox.plugin.server.PublicPaths;
import org.mediwox.server.MediwoxProperties;
import org.mediwox.server.security.accounts.SecondFactor;
import org.mediwox.server.security.accounts.SignInFailures;
import org.mediwox.server.security.authserver.RevokedTokens;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;

/**
 * The FHIR endpoint is an OAuth2 resource server: every request needs a bearer JWT from the configured issuer (the
 * built-in authorization server unless {@code mediwox.auth.issuer} names another), except the CapabilityStatement and
 * the SMART discovery document and the paths modules serve publicly ({@link PublicPaths}). What the token may do is decided by {@link SmartAuthorizationInterceptor}.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    /** The FHIR API: stateless, bearer tokens only (a browser session never authenticates a FHIR call). */
    @Bean
    @Order(2)
    SecurityFilterChain fhirApiSecurity(
            HttpSecurity http,
            JwtDecoder jwtDecoder,
            OperationOutcomeAuthenticationEntryPoint entryPoint,
            ObjectProvider<PublicPaths> publicPaths)
            throws Exception {
        // path matchers on the whole request path: the FHIR API is HAPI's servlet, not Spring MVC
        PathPatternRequestMatcher.Builder path = PathPatternRequestMatcher.withDefaults();
        List<RequestMatcher> published = new ArrayList<>();
        publicPaths.orderedStream().flatMap(paths -> paths.patterns().stream()).forEach(pattern -> {
            published.add(path.matcher(HttpMethod.GET, pattern));
            published.add(path.matcher(HttpMethod.HEAD, pattern));
        });
        if (published.isEmpty()) {
            published.add(request -> false);
        }
        http.securityMatcher(new OrRequestMatcher(
                        path.matcher("/fhir/**"), path.matcher("/.well-known/smart-configuration")))
                .authorizeHttpRequests(authorize -> authorize
                        .requestMatchers(
                                path.matcher(HttpMethod.GET, "/fhir/metadata"),
                                path.matcher(HttpMethod.GET, "/fhir/.well-known/smart-configuration"),
                                path.matcher(HttpMethod.GET, "/.well-known/smart-configuration"),
                                path.matcher(HttpMethod.OPTIONS, "/fhir"),
                                path.matcher(HttpMethod.OPTIONS, "/fhir/"))
                        .permitAll()
                        // what a module serves to anyone while it is switched on ($bulk-publish)
                        .requestMatchers(new OrRequestMatcher(published))
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.decoder(jwtDecoder))
                        .authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(entryPoint))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(entryPoint))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .csrf(AbstractHttpConfigurer::disable)
                .cors(Customizer.withDefaults())
                .headers(Customizer.withDefaults());
        return http.build();
    }

    /**
     * Everything else: the sign-in pages of the built-in server ({@code /login}: its own page, {@link SignInFailures}
     * words why a sign-in failed, {@link SecondFactor} asks for a TOTP code when the account has one), the account
     * pages, health probes, static pages. The clinician workspace and the sign-in pages may be framed by the configured
     * EHRs ({@link ClinicianFraming}); nothing else may be framed.
     */
    @Bean
    @Order(3)
    SecurityFilterChain webSecurity(
            HttpSecurity http, ObjectProvider<SecondFactor> secondFactor, ClinicianFraming framing) throws Exception {
        http.authorizeHttpRequests(authorize -> authorize
                        .requestMatchers("/actuator/health/**", "/actuator/health", "/actuator/info")
                        .permitAll()
                        // a signed-in patient's own settings (the second factor)
                        .requestMatchers("/account/**")
                        .authenticated()
                        .anyRequest()
                        .permitAll())
                .formLogin(form -> {
                    form.loginPage("/login").failureHandler(new SignInFailures());
                    secondFactor.ifAvailable(form::successHandler);
                })
                .cors(Customizer.withDefaults())
                .headers(framing.headers());
        return http.build();
    }

    /**
     * Browser access from other origins: the allowlist (in production none unless set), and never the {@code null}
     * origin of sandboxed frames and local files, which a wildcard would otherwise let in.
     */
    @Bean
    CorsConfigurationSource corsConfigurationSource(AuthProperties auth, MediwoxProperties properties) {
        List<String> origins = auth.allowedOrigins(properties.demo()).stream()
                .filter(origin -> !AuthProperties.isNullOrigin(origin))
                .toList();
        if (origins.isEmpty()) {
            return request -> null; // no CORS headers: browsers keep other sites' pages out
        }
        CorsConfiguration cors = new CorsConfiguration() {
            @Override
            public String checkOrigin(String origin) {
                return origin == null || AuthProperties.isNullOrigin(origin) ? null : super.checkOrigin(origin);
            }
        };
        cors.setAllowedOriginPatterns(origins);
        cors.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"));
        cors.setAllowedHeaders(List.of(
                "Authorization",
                "Content-Type",
                "Accept",
                "Idempotency-Key",
                "If-Match",
                "If-None-Exist",
                "If-None-Match",
                "If-Modified-Since",
                "Prefer",
                "X-Request-Id"));
        cors.setExposedHeaders(List.of("Location", "Content-Location", "ETag", "Last-Modified", "X-Request-Id"));
        cors.setAllowCredentials(false);
        cors.setMaxAge(3600L);
        // matched on the request URI itself: /fhir/** is HAPI's servlet, where Spring's path helpers see only the
        // path within the servlet mapping
        return request -> {
            String path =
                    request.getRequestURI().substring(request.getContextPath().length());
            return path.startsWith("/fhir") || path.startsWith("/.well-known/") || path.startsWith("/oauth2/")
                    ? cors
                    : null;
        };
    }

    /**
     * Validates access tokens: signature by the issuer's keys ({@code alg=none} and unknown keys refused), {@code exp}
     * and {@code nbf}, {@code iss} and {@code aud}; a token with {@code patient/} scopes must name its patient; a token
     * the built-in server revoked is refused.
     */
    @Bean
    JwtDecoder jwtDecoder(
            AuthProperties auth,
            ServerUrls urls,
            ObjectProvider<JWKSource<SecurityContext>> keys,
            ObjectProvider<RevokedTokens> revokedTokens) {
        OAuth2TokenValidator<Jwt> validator = new DelegatingOAuth2TokenValidator<>(
                new JwtTimestampValidator(),
                claim(
                        "iss",
                        jwt -> jwt.getIssuer() != null
                                && urls.issuer()
                                        .equals(stripSlash(jwt.getIssuer().toString()))),
                claim(
                        "aud",
                        jwt -> jwt.getAudience() != null && jwt.getAudience().contains(urls.audience())),
                SecurityConfiguration::patientScopesHaveAPatient);
        if (auth.builtInServer()) {
            DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
            processor.setJWSKeySelector(new PublishedKeySelector(keys.getObject()));
            processor.setJWTClaimsSetVerifier((claims, context) -> {});
            NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
            // and not revoked by the built-in server (RevokedTokens)
            decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validator, revokedTokens.getObject()));
            return verifiedOnce(
                    decoder,
                    new DelegatingOAuth2TokenValidator<>(new JwtTimestampValidator(), revokedTokens.getObject()));
        }
        return verifiedOnce(
                new SupplierJwtDecoder(() -> {
                    NimbusJwtDecoder decoder =
                            NimbusJwtDecoder.withIssuerLocation(auth.issuer()).build();
                    decoder.setJwtValidator(validator);
                    return decoder;
                }),
                new JwtTimestampValidator());
    }

    /** Each token verified once, then only {@code stillValid} checked again on later use ({@link VerifiedTokens}). */
    private static JwtDecoder verifiedOnce(JwtDecoder verifier, OAuth2TokenValidator<Jwt> stillValid) {
        return new VerifiedTokens(verifier, stillValid, 10_000, Duration.ofMinutes(5), Clock.systemUTC());
    }

    /**
     * No Micrometer observation around each security filter, authentication and authorization decision: Spring Security
     * records them whenever an observation registry exists (the actuator makes one), which wraps every filter of every
     * request in an observation nobody reads. The request's own HTTP observation (its metrics) stays.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * The firewall's header check, without the regular expression it runs over every character of every header by
     * default (a long bearer token made it a tenth of a read's CPU): header values must not contain control characters.
     */
    @Bean
    HttpFirewall httpFirewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderValues(SecurityConfiguration::withoutControlCharacters);
        return firewall;
    }

    /** A plain loop: the stream it replaced was 2% of a read's CPU ({@code bench/profile}). */
    private static boolean withoutControlCharacters(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 && c != '\t' || c == 0x7f) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code patient/} scopes reach one patient's compartment: without a {@code patient} claim there is none to narrow
     * to, and the rules that check a patient's operations would have nothing to compare with.
     */
    private static OAuth2TokenValidatorResult patientScopesHaveAPatient(Jwt jwt) {
        String patient = jwt.getClaimAsString("patient");
        if ((patient == null || patient.isBlank())
                && SmartAccess.scopeStrings(jwt).stream().anyMatch(s -> s.startsWith("patient/"))) {
            return OAuth2TokenValidatorResult.failure(new OAuth2Error(
                    "invalid_token", "A token with patient/ scopes must carry the patient claim", null));
        }
        return OAuth2TokenValidatorResult.success();
    }

    private static OAuth2TokenValidator<Jwt> claim(String name, java.util.function.Predicate<Jwt> valid) {
        OAuth2Error error =
                new OAuth2Error("invalid_token", "The " + name + " claim is not valid for this server", null);
        return jwt ->
                valid.test(jwt) ? OAuth2TokenValidatorResult.success() : OAuth2TokenValidatorResult.failure(error);
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}

package org.mediwox.server.security;

import java.util.List;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.header.writers.frameoptions.XFrameOptionsHeaderWriter;
import org.springframework.security.web.header.writers.frameoptions.XFrameOptionsHeaderWriter.XFrameOptionsMode;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Which pages an EHR may show in a frame, as Epic and Cerner embed SMART apps: the clinician workspace ({@code
 * /clinician/**}) and the sign-in pages its authorization runs through ({@code /login}, {@code /login/**}) answer {@code
 * Content-Security-Policy: frame-ancestors 'self'} plus the configured EHR origins; every other page keeps {@code
 * X-Frame-Options: DENY} (the FHIR API and the patient app are never framed). Bound from {@code mediwox.clinician.*}.
 *
 * @param ehrOrigins the EHRs allowed to frame the workspace ({@code https://ehr.example.org}: scheme, host and port
 *     only); empty: this server's own pages only
 */
@ConfigurationProperties("mediwox.clinician")
public record ClinicianFraming(@DefaultValue List<String> ehrOrigins) {

    private static final Pattern ORIGIN =
            Pattern.compile("https?://(\\[[0-9a-fA-F:]+]|[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?)(:[0-9]{1,5})?");

    /** The paths other origins may frame. */
    static final List<String> FRAMEABLE = List.of("/clinician", "/clinician/**", "/login", "/login/**");

    public ClinicianFraming {
        ehrOrigins = List.copyOf(ehrOrigins);
        for (String origin : ehrOrigins) {
            if (!ORIGIN.matcher(origin).matches()) {
                throw new IllegalArgumentException("mediwox.clinician.ehr-origins: '" + origin
                        + "' is no origin; give scheme, host and optional port, such as https://ehr.example.org");
            }
        }
    }

    /** The {@code frame-ancestors} directive of the frameable pages. */
    public String frameAncestors() {
        StringBuilder directive = new StringBuilder("frame-ancestors 'self'");
        ehrOrigins.forEach(origin -> directive.append(' ').append(origin));
        return directive.toString();
    }

    /** The header policy of the chain serving the web pages. */
    Customizer<HeadersConfigurer<HttpSecurity>> headers() {
        PathPatternRequestMatcher.Builder path = PathPatternRequestMatcher.withDefaults();
        RequestMatcher frameable = new OrRequestMatcher(FRAMEABLE.stream()
                .map(path::matcher)
                .map(RequestMatcher.class::cast)
                .toList());
        return headers -> headers.frameOptions(HeadersConfigurer.FrameOptionsConfig::disable)
                .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
                        frameable, new StaticHeadersWriter("Content-Security-Policy", frameAncestors())))
                .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
                        new NegatedRequestMatcher(frameable), new XFrameOptionsHeaderWriter(XFrameOptionsMode.DENY)));
    }
}

package org.mediwox.server.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Serves {@code /.well-known/smart-configuration} at the server root and under the FHIR base, where HAPI's servlet would
 * otherwise take the path for a resource type.
 */
class SmartConfigurationFilter extends OncePerRequestFilter {

    public static final String[] PATHS = {"/.well-known/smart-configuration", "/fhir/.well-known/smart-configuration"};

    private final SmartConfiguration configuration;

    public SmartConfigurationFilter(SmartConfiguration configuration) {
        this.configuration = configuration;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!"GET".equals(request.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body = configuration.toJson().getBytes(StandardCharsets.UTF_8);
        response.setStatus(200);
        response.setContentType("application/json");
        response.setHeader("Cache-Control", "public, max-age=300");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}

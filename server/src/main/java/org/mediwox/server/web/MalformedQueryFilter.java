package org.mediwox.server.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.mediwox.server.audit.AuditTrail;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a FHIR request whose query string has a malformed percent-escape ({@code name=%zz}) with 400, and audits
 * it. Tomcat passes such a query string on undecoded, and HAPI's RestfulServer decodes it before any of its
 * interceptors run: its decoder's failure would be a 500.
 */
class MalformedQueryFilter extends OncePerRequestFilter {

    private final OperationOutcomeWriter outcomes;
    private final AuditTrail audit;

    MalformedQueryFilter(OperationOutcomeWriter outcomes, AuditTrail audit) {
        this.outcomes = outcomes;
        this.audit = audit;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String problem = malformedPercentEscape(request.getQueryString());
        if (problem == null) {
            chain.doFilter(request, response);
            return;
        }
        audit.refused(request, HttpServletResponse.SC_BAD_REQUEST, problem);
        outcomes.write(response, HttpServletResponse.SC_BAD_REQUEST, IssueType.INVALID, problem);
    }

    /** What is wrong with the query string's percent-escapes, or null when they are well formed. */
    static String malformedPercentEscape(String query) {
        if (query == null) {
            return null;
        }
        for (int i = 0; i < query.length(); i++) {
            if (query.charAt(i) == '%'
                    && (i + 2 >= query.length() || !isHex(query.charAt(i + 1)) || !isHex(query.charAt(i + 2)))) {
                String found = query.substring(i, Math.min(i + 3, query.length()));
                return "The query string has a malformed percent-escape \"" + found + "\" at position " + (i + 1)
                        + ": '%' must be followed by two hexadecimal digits. Send a literal '%' as %25.";
            }
        }
        return null;
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }

    @Configuration(proxyBeanMethods = false)
    static class Registration {
        @Bean
        FilterRegistrationBean<MalformedQueryFilter> malformedQueryFilter(
                OperationOutcomeWriter outcomes, AuditTrail audit) {
            FilterRegistrationBean<MalformedQueryFilter> registration =
                    new FilterRegistrationBean<>(new MalformedQueryFilter(outcomes, audit));
            registration.addUrlPatterns("/fhir/*");
            return registration;
        }
    }
}

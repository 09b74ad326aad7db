package org.mediwox.server.ratelimit;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.mediwox.server.audit.AuditTrail;
import org.mediwox.server.web.OperationOutcomeWriter;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Limits FHIR API requests per client: runs after Spring Security has validated the access token, so the client is the
 * token's ({@code client_id}, else {@code azp}) and cannot be claimed by a forged one; requests without a token (the
 * CapabilityStatement, SMART discovery) count per IP address. Over the limit: 429, {@code Retry-After}, an
 * OperationOutcome with issue code {@code throttled}, audited.
 */
class ApiRateLimitFilter extends OncePerRequestFilter {

    private final KeyedLimit limit;
    private final OperationOutcomeWriter outcomes;
    private final AuditTrail audit;

    ApiRateLimitFilter(KeyedLimit limit, OperationOutcomeWriter outcomes, AuditTrail audit) {
        this.limit = limit;
        this.outcomes = outcomes;
        this.audit = audit;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String client = client(request);
        Optional<Duration> wait = limit.tryTake(client);
        if (wait.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        long retryAfter = KeyedLimit.retryAfterSeconds(wait.get());
        String message = "Too many requests from " + (client.startsWith("client:") ? "this client" : "this address")
                + " (limit " + limit.describe() + "). Retry after " + retryAfter + " s.";
        audit.refused(request, 429, message);
        response.setHeader("Retry-After", Long.toString(retryAfter));
        outcomes.write(response, 429, IssueType.THROTTLED, message);
    }

    private static String client(HttpServletRequest request) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof JwtAuthenticationToken token) {
            String clientId = token.getToken().getClaimAsString("client_id");
            if (clientId == null || clientId.isBlank()) {
                clientId = token.getToken().getClaimAsString("azp");
            }
            if (clientId != null && !clientId.isBlank()) {
                return "client:" + clientId;
            }
        }
        return "ip:" + request.getRemoteAddr();
    }
}

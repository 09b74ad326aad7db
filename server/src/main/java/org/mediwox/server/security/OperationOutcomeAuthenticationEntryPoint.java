package org.mediwox.server.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.mediwox.server.audit.AuditTrail;
import org.mediwox.server.web.OperationOutcomeWriter;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;

/**
 * Answers a missing or refused access token with 401, the RFC 6750 {@code WWW-Authenticate} header and an
 * OperationOutcome saying what to do, and records the refusal in the audit trail.
 */
@Component
class OperationOutcomeAuthenticationEntryPoint implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
    private final BearerTokenAccessDeniedHandler denied = new BearerTokenAccessDeniedHandler();
    private final OperationOutcomeWriter writer;
    private final AuditTrail audit;

    OperationOutcomeAuthenticationEntryPoint(OperationOutcomeWriter writer, AuditTrail audit) {
        this.writer = writer;
        this.audit = audit;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
            throws IOException {
        bearer.commence(request, response, exception);
        String message;
        if (exception instanceof OAuth2AuthenticationException oauth) {
            String description = oauth.getError().getDescription();
            message = "The access token was refused"
                    + (description == null ? "" : ": " + firstLine(description))
                    + ". Get a new one from the token endpoint named in /.well-known/smart-configuration.";
        } else {
            message = "This request needs an access token (Authorization: Bearer <token>). Get one from the token"
                    + " endpoint named in /.well-known/smart-configuration.";
        }
        audit.refused(request, 401, message);
        writer.write(response, 401, IssueType.LOGIN, message);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException exception)
            throws IOException {
        denied.handle(request, response, exception);
        String message = "The access token does not permit this request";
        audit.refused(request, 403, message);
        writer.write(response, 403, IssueType.FORBIDDEN, message);
    }

    /** Nimbus and Spring describe failures in one line, but never echo more than that (no stack, no token). */
    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        String line = newline < 0 ? text : text.substring(0, newline);
        return line.length() > 200 ? line.substring(0, 200) : line;
    }
}

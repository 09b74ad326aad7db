package org.mediwox.server.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.mediwox.server.audit.AuditTrail;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Replaces Spring Boot's whitelabel error page: any error that reaches the servlet container (unknown path, a filter
 * refusing a request, a container-level failure) is answered with an OperationOutcome, never with a stack trace. Such
 * a refusal of a FHIR request, and a malformed request (400) anywhere, is audited: HAPI never saw it, so its own
 * audit hooks did not.
 */
@RestController
class FhirErrorController implements ErrorController {

    private static final MediaType FHIR_JSON = MediaType.parseMediaType("application/fhir+json");

    private final OperationOutcomeWriter outcomes;
    private final AuditTrail audit;

    FhirErrorController(OperationOutcomeWriter outcomes, AuditTrail audit) {
        this.outcomes = outcomes;
        this.audit = audit;
    }

    @RequestMapping("/error")
    ResponseEntity<String> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = HttpStatus.resolve(code instanceof Integer value ? value : 500);
        if (status == null) {
            status = HttpStatus.INTERNAL_SERVER_ERROR;
        }
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String message = describe(status.value(), uri);
        String path = uri == null
                ? ""
                : uri.toString().substring(request.getContextPath().length());
        if (path.equals("/fhir") || path.startsWith("/fhir/") || status == HttpStatus.BAD_REQUEST) {
            audit.refused(new OriginalRequest(request, String.valueOf(uri)), status.value(), message);
        }
        return ResponseEntity.status(status)
                .contentType(FHIR_JSON)
                .body(outcomes.encode(issueType(status.value()), message));
    }

    static String describe(int code, Object uri) {
        HttpStatus status = HttpStatus.resolve(code);
        if (status == null) {
            return "The request failed (HTTP " + code + ").";
        }
        return switch (status) {
            case NOT_FOUND -> "Nothing is served at " + uri + ". The FHIR base is /fhir.";
            case METHOD_NOT_ALLOWED -> "Method not allowed on " + uri + ".";
            case UNAUTHORIZED -> "Authentication required: send a bearer token.";
            case FORBIDDEN -> "Access denied.";
            case BAD_REQUEST ->
                "The request is malformed: a character in the URL or a header is not allowed. Percent-encode"
                        + " reserved and non-ASCII characters (e.g. a literal '%' as %25) and send it again.";
            default -> status.getReasonPhrase() + ".";
        };
    }

    static IssueType issueType(int code) {
        HttpStatus status = HttpStatus.resolve(code);
        if (status == null) {
            return code < 500 ? IssueType.INVALID : IssueType.EXCEPTION;
        }
        return switch (status) {
            case NOT_FOUND -> IssueType.NOTFOUND;
            case UNAUTHORIZED -> IssueType.LOGIN;
            case FORBIDDEN -> IssueType.FORBIDDEN;
            case PAYLOAD_TOO_LARGE -> IssueType.TOOLONG;
            default -> status.is4xxClientError() ? IssueType.INVALID : IssueType.EXCEPTION;
        };
    }

    /** The error dispatch goes to /error: the audit trail records the request the client sent. */
    private static final class OriginalRequest extends HttpServletRequestWrapper {
        private final String uri;

        OriginalRequest(HttpServletRequest request, String uri) {
            super(request);
            this.uri = uri;
        }

        @Override
        public String getRequestURI() {
            return uri;
        }

        @Override
        public String getQueryString() {
            Object query = getAttribute("jakarta.servlet.error.query_string");
            if (query == null) {
                query = getAttribute(RequestDispatcher.FORWARD_QUERY_STRING);
            }
            return query == null ? null : query.toString();
        }

        @Override
        public StringBuffer getRequestURL() {
            StringBuffer url = new StringBuffer(getScheme()).append("://").append(getServerName());
            if (getServerPort() > 0) {
                url.append(':').append(getServerPort());
            }
            return url.append(uri);
        }
    }
}

package org.mediwox.server.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Replaces Spring Boot's whitelabel error page: any error that reaches the servlet container (unknown path, a filter
 * refusing a request, a container-level failure) is answered with an OperationOutcome, never with a stack trace.
 */
@RestController
class FhirErrorController implements ErrorController {

    private static final MediaType FHIR_JSON = MediaType.parseMediaType("application/fhir+json");

    private final OperationOutcomeWriter outcomes;

    FhirErrorController(OperationOutcomeWriter outcomes) {
        this.outcomes = outcomes;
    }

    @RequestMapping("/error")
    ResponseEntity<String> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = HttpStatus.resolve(code instanceof Integer value ? value : 500);
        if (status == null) {
            status = HttpStatus.INTERNAL_SERVER_ERROR;
        }
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String message = switch (status) {
            case NOT_FOUND -> "Nothing is served at " + uri + ". The FHIR base is /fhir.";
            case METHOD_NOT_ALLOWED -> "Method not allowed on " + uri + ".";
            case UNAUTHORIZED -> "Authentication required: send a bearer token.";
            case FORBIDDEN -> "Access denied.";
            default -> status.getReasonPhrase() + ".";
        };
        return ResponseEntity.status(status).contentType(FHIR_JSON).body(outcomes.encode(issueType(status), message));
    }

    private static IssueType issueType(HttpStatus status) {
        return switch (status) {
            case NOT_FOUND -> IssueType.NOTFOUND;
            case UNAUTHORIZED -> IssueType.LOGIN;
            case FORBIDDEN -> IssueType.FORBIDDEN;
            case PAYLOAD_TOO_LARGE -> IssueType.TOOLONG;
            default -> status.is4xxClientError() ? IssueType.INVALID : IssueType.EXCEPTION;
        };
    }
}

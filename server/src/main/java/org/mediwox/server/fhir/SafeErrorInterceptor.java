package org.mediwox.server.fhir;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps internals out of responses: an unexpected failure (anything HAPI would answer with 500) is logged with its
 * stack trace under an incident id, and the client gets an OperationOutcome that names only that id. Deliberate
 * errors (4xx with a user-facing message) pass unchanged, and a value HAPI could not parse is the client's 400.
 */
@Interceptor
class SafeErrorInterceptor {

    private static final Logger log = LoggerFactory.getLogger(SafeErrorInterceptor.class);

    @Hook(Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION)
    BaseServerResponseException hideInternals(RequestDetails request, Throwable exception) {
        if (exception instanceof BaseServerResponseException response && response.getStatusCode() < 500) {
            return response;
        }
        if (exception instanceof DataFormatException malformed) {
            // a value the client sent that HAPI could not parse (e.g. date=gt20231021): the client's error, and its
            // message names the value and the format expected
            return new InvalidRequestException(malformed.getMessage());
        }
        if (exception instanceof ServiceUnavailableException unavailable) {
            log.warn(
                    "{} {}: {} ({})",
                    request.getRequestType(),
                    request.getCompleteUrl(),
                    unavailable.getMessage(),
                    unavailable.getCause() == null
                            ? "no cause"
                            : unavailable.getCause().toString());
            return unavailable;
        }
        String incident = UUID.randomUUID().toString();
        log.error("Incident {} on {} {}", incident, request.getRequestType(), request.getCompleteUrl(), exception);
        int status = exception instanceof BaseServerResponseException response ? response.getStatusCode() : 500;
        String message = status == 503
                ? "The service is temporarily unavailable; retry later (incident " + incident + ")."
                : "The server failed to process the request (incident " + incident + ").";
        return new SanitizedFailure(status, message);
    }

    /** A 5xx answer whose message carries nothing but an incident id. */
    static final class SanitizedFailure extends BaseServerResponseException {
        SanitizedFailure(int status, String message) {
            super(status, message);
        }
    }
}

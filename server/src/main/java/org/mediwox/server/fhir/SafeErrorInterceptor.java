package org.mediwox.server.fhir;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.UUID;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.mediwox.server.database.DatabaseUnavailable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps internals out of responses: an unexpected failure (anything HAPI would answer with 500) is logged with its
 * stack trace under an incident id, and the client gets an OperationOutcome that names only that id. Deliberate
 * errors (4xx with a user-facing message) pass unchanged, a 4xx whose message quotes SQL or code keeps its status but
 * not its text, a value HAPI could not parse is the client's 400, and a database that cannot be reached is a 503 (a
 * {@code Retry-After} is added by the admission filter).
 */
@Interceptor
class SafeErrorInterceptor {

    private static final Logger log = LoggerFactory.getLogger(SafeErrorInterceptor.class);

    /** SQL, JDBC/ORM and Java class names, stack frames: what a library's exception message carries. */
    private static final Pattern INTERNALS = Pattern.compile(
            "SQL|could not execute|\\b(?i:insert into|delete from) \\w"
                    + "|\\borg\\.(?:hibernate|postgresql|springframework)\\.|\\bjava\\.|\\bjakarta\\.|[a-z]\\w*Exception\\b|\\tat ");

    static final String DATABASE_UNAVAILABLE = "The database is unavailable at the moment; retry later. A write that"
            + " failed with this answer may or may not have been stored: retry it with If-None-Exist (or $book's"
            + " Idempotency-Key) so that it is not stored twice.";

    @Hook(Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION)
    BaseServerResponseException hideInternals(RequestDetails request, Throwable exception) {
        if (exception instanceof BaseServerResponseException response && response.getStatusCode() < 500) {
            if (!exposesInternals(response.getMessage())) {
                return response;
            }
            // a refusal built from a library's failure (e.g. HAPI's 409 for a failed insert, which quotes the SQL):
            // the status stands, the text goes to the log only
            String incident = UUID.randomUUID().toString();
            log.warn("Incident {} on {} {}", incident, request.getRequestType(), request.getCompleteUrl(), exception);
            return new SanitizedFailure(
                    response.getStatusCode(),
                    "The request was refused (HTTP " + response.getStatusCode()
                            + "); details are in the server log under incident " + incident + ".");
        }
        DataFormatException malformed = dataFormatCause(exception);
        if (malformed != null) {
            // a value the client sent that HAPI could not parse (e.g. date=gt20231021, birthdate=20231021): the
            // client's error, and its message names the value and the format expected
            return new InvalidRequestException(malformed.getMessage());
        }
        if (!(exception instanceof ServiceUnavailableException) && DatabaseUnavailable.causes(exception)) {
            // PostgreSQL down or restarting: the service's temporary failure, not the request's; the pool reconnects
            log.warn(
                    "{} {}: the database is unavailable ({})",
                    request.getRequestType(),
                    request.getCompleteUrl(),
                    rootCause(exception).toString());
            OperationOutcome outcome = new OperationOutcome();
            outcome.addIssue()
                    .setSeverity(OperationOutcome.IssueSeverity.ERROR)
                    .setCode(OperationOutcome.IssueType.NOSTORE)
                    .setDiagnostics(DATABASE_UNAVAILABLE);
            return new ServiceUnavailableException(DATABASE_UNAVAILABLE, exception, outcome);
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

    /** Whether a message names code, SQL or a stack: text for the log, not for a client. */
    static boolean exposesInternals(String message) {
        return message != null && INTERNALS.matcher(message).find();
    }

    private static Throwable rootCause(Throwable exception) {
        Throwable root = exception;
        for (int depth = 0; root.getCause() != null && root.getCause() != root && depth < 32; depth++) {
            root = root.getCause();
        }
        return root;
    }

    /** HAPI wraps a parse failure of a search parameter into other exceptions on some paths. */
    private static DataFormatException dataFormatCause(Throwable exception) {
        for (Throwable next = exception; next != null; next = next.getCause()) {
            if (next instanceof DataFormatException malformed) {
                return malformed;
            }
            if (next.getCause() == next) {
                break;
            }
        }
        return null;
    }

    /** An answer whose message carries nothing but the status and an incident id. */
    static final class SanitizedFailure extends BaseServerResponseException {
        SanitizedFailure(int status, String message) {
            super(status, message);
        }
    }
}

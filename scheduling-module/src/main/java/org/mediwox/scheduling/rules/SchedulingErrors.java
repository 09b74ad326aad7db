package org.mediwox.scheduling.rules;

import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.OperationOutcome.OperationOutcomeIssueComponent;
import org.mediwox.plugin.vocabulary.BookingRefusal;

/**
 * The refusals of the booking operations and the booking rule, each an OperationOutcome with the issue type that fits,
 * the English diagnostics and the reason as a {@link BookingRefusal} code in {@code issue.details.coding}, which clients
 * decide by.
 */
public final class SchedulingErrors {

    private SchedulingErrors() {}

    /** 400: the request itself is malformed. */
    public static InvalidRequestException invalid(BookingRefusal reason, String message) {
        return new InvalidRequestException(message, outcome(IssueType.INVALID, reason, message));
    }

    /** 403: the request is not permitted. */
    public static ForbiddenOperationException forbidden(BookingRefusal reason, String message) {
        return new ForbiddenOperationException(message, outcome(IssueType.FORBIDDEN, reason, message));
    }

    /** 404: what the request names is not on file. */
    public static ResourceNotFoundException notFound(BookingRefusal reason, String message) {
        return new ResourceNotFoundException(message, outcome(IssueType.NOTFOUND, reason, message));
    }

    /** 409: the state of a Slot or Appointment does not allow it (taken, held, changed meanwhile). */
    public static ResourceVersionConflictException conflict(BookingRefusal reason, String message) {
        return new ResourceVersionConflictException(message, outcome(IssueType.CONFLICT, reason, message));
    }

    /** 422: a business rule refuses it. */
    public static UnprocessableEntityException rule(BookingRefusal reason, String message) {
        return new UnprocessableEntityException(message, outcome(IssueType.BUSINESSRULE, reason, message));
    }

    /** An OperationOutcome of one error issue carrying the reason's code. */
    public static OperationOutcome outcome(IssueType type, BookingRefusal reason, String message) {
        OperationOutcome outcome = new OperationOutcome();
        code(outcome.addIssue().setSeverity(IssueSeverity.ERROR).setCode(type).setDiagnostics(message), reason);
        return outcome;
    }

    /** Puts the reason's code (with its display, and no text: the diagnostics say it) on an issue. */
    public static OperationOutcomeIssueComponent code(OperationOutcomeIssueComponent issue, BookingRefusal reason) {
        issue.getDetails().addCoding(new Coding(BookingRefusal.SYSTEM, reason.code(), reason.display()));
        return issue;
    }

    /** Whether an issue of the outcome already carries a refusal code. */
    public static boolean coded(OperationOutcome outcome) {
        return outcome.getIssue().stream()
                .flatMap(issue -> issue.getDetails().getCoding().stream())
                .anyMatch(coding -> BookingRefusal.SYSTEM.equals(coding.getSystem()));
    }
}

package org.mediwox.scheduling.booking;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/** The errors of the booking operations, each an OperationOutcome with the issue type that fits. */
public final class SchedulingErrors {

    private SchedulingErrors() {}

    /** 400: the request itself is malformed. */
    public static InvalidRequestException invalid(String message) {
        return new InvalidRequestException(message, outcome(IssueType.INVALID, message));
    }

    /** 409: the state of a Slot or Appointment does not allow it (taken, held, changed meanwhile). */
    public static ResourceVersionConflictException conflict(String message) {
        return new ResourceVersionConflictException(message, outcome(IssueType.CONFLICT, message));
    }

    /** 422: a business rule refuses it. */
    public static UnprocessableEntityException rule(String message) {
        return new UnprocessableEntityException(message, outcome(IssueType.BUSINESSRULE, message));
    }

    private static OperationOutcome outcome(IssueType type, String message) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue().setSeverity(IssueSeverity.ERROR).setCode(type).setDiagnostics(message);
        return outcome;
    }
}

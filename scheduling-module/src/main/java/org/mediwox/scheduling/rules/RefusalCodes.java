package org.mediwox.scheduling.rules;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.util.Set;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.mediwox.plugin.vocabulary.BookingRefusal;

/**
 * Every refusal of a booking operation carries a {@link BookingRefusal} code, also those the module does not word itself:
 * the security layer's 401/403 ({@code not-permitted}), HAPI's parameter binding (400, {@code invalid-input}), the
 * profile validation of a resource given whole (422, {@code invalid-input}), an unknown instance (404, {@code
 * unknown-appointment}) and a concurrent update of the same Appointment (409, {@code changed-meanwhile}). Refusals the
 * module made are already coded and left as they are. Runs first among the exception handlers, on the refusal as the
 * server's outgoing-exception hooks left it (those may replace it: a parse failure becomes a plain 400), and changes its
 * OperationOutcome in place for the handlers that write the answer ({@link org.mediwox.scheduling.booking.IheRefusal},
 * HAPI's own).
 */
@Interceptor
public class RefusalCodes {

    static final Set<String> OPERATIONS = Set.of("$find", "$hold", "$book", "$cancel");

    @Hook(value = Pointcut.SERVER_HANDLE_EXCEPTION, order = -1000)
    public boolean code(RequestDetails request, BaseServerResponseException refusal) {
        if (request.getOperation() == null || !OPERATIONS.contains(request.getOperation())) {
            return true;
        }
        BookingRefusal reason = reasonOf(refusal.getStatusCode(), request);
        if (reason == null) {
            return true;
        }
        OperationOutcome outcome = refusal.getOperationOutcome() instanceof OperationOutcome given ? given : null;
        if (outcome == null) {
            outcome = new OperationOutcome();
            outcome.addIssue()
                    .setSeverity(IssueSeverity.ERROR)
                    .setCode(IssueType.PROCESSING)
                    .setDiagnostics(refusal.getMessage());
            refusal.setOperationOutcome(outcome);
        }
        if (!SchedulingErrors.coded(outcome) && outcome.hasIssue()) {
            SchedulingErrors.code(outcome.getIssueFirstRep(), reason);
        }
        return true;
    }

    private static BookingRefusal reasonOf(int status, RequestDetails request) {
        return switch (status) {
            case 400, 422 -> BookingRefusal.INVALID_INPUT;
            case 401, 403 -> BookingRefusal.NOT_PERMITTED;
            case 404 ->
                request.getId() != null && request.getId().hasIdPart() ? BookingRefusal.UNKNOWN_APPOINTMENT : null;
            case 409 -> BookingRefusal.CHANGED_MEANWHILE;
            default -> null;
        };
    }
}

package org.mediwox.scheduling.rules;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.util.Date;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Slot;

/**
 * A Slot or Appointment must end after it starts. R4 has no such invariant (only app-2: start and end together), but a
 * booking over a negative or empty time range is meaningless and would defeat overlap checks, so Mediwox refuses it on
 * every write path (REST, transactions, operations) with 422.
 */
@Interceptor
public class TimeWindowRuleInterceptor {

    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
    public void onCreate(IBaseResource resource) {
        check(resource);
    }

    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
    public void onUpdate(IBaseResource previous, IBaseResource resource) {
        check(resource);
    }

    static void check(IBaseResource resource) {
        if (resource instanceof Slot slot) {
            requireEndAfterStart("Slot", slot.getStart(), slot.getEnd());
        } else if (resource instanceof Appointment appointment) {
            requireEndAfterStart("Appointment", appointment.getStart(), appointment.getEnd());
        }
    }

    private static void requireEndAfterStart(String type, Date start, Date end) {
        if (start != null && end != null && !end.after(start)) {
            String message = type + ".end (" + end.toInstant() + ") must be after " + type + ".start ("
                    + start.toInstant() + ")";
            OperationOutcome outcome = new OperationOutcome();
            outcome.addIssue()
                    .setSeverity(IssueSeverity.ERROR)
                    .setCode(IssueType.BUSINESSRULE)
                    .setDiagnostics(message)
                    .addExpression(type + ".end");
            throw new UnprocessableEntityException(message, outcome);
        }
    }
}

package org.mediwox.scheduling.rules;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.util.Date;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Slot;
import org.mediwox.plugin.vocabulary.BookingRefusal;

/**
 * A Slot or Appointment must end after it starts. R4 has no such invariant (only app-2: start and end together), but a
 * booking over a negative or empty time range is meaningless and would defeat overlap checks, so Mediwox refuses it on
 * every write path (REST, transactions, operations) with 422.
 *
 * <p>The same goes for a group Slot: SMART Scheduling Links' {@code slot-capacity} above 1 says the Slot takes several
 * Appointments, but Mediwox's booking rule gives a Slot one active Appointment, so such a Slot is refused with 422
 * rather than stored and then booked only once.
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

    /** SMART Scheduling Links' extension for the number of Appointments a Slot takes. */
    public static final String SLOT_CAPACITY =
            "http://fhir-registry.smarthealthit.org/StructureDefinition/slot-capacity";

    static void check(IBaseResource resource) {
        if (resource instanceof Slot slot) {
            requireEndAfterStart("Slot", slot.getStart(), slot.getEnd());
            refuseGroupSlot(slot);
        } else if (resource instanceof Appointment appointment) {
            requireEndAfterStart("Appointment", appointment.getStart(), appointment.getEnd());
        }
    }

    private static void refuseGroupSlot(Slot slot) {
        var capacity = slot.getExtensionByUrl(SLOT_CAPACITY);
        if (capacity != null
                && capacity.getValue() instanceof org.hl7.fhir.r4.model.IntegerType value
                && value.getValue() != null
                && value.getValue() > 1) {
            refuse(
                    BookingRefusal.GROUP_SLOT,
                    "Group slots are not supported: slot-capacity " + value.getValue()
                            + " asks for several appointments in one Slot, and a Slot takes one. Create one Slot per"
                            + " place instead (they may share start and end).",
                    "Slot.extension");
        }
    }

    private static void requireEndAfterStart(String type, Date start, Date end) {
        if (start != null && end != null && !end.after(start)) {
            refuse(
                    BookingRefusal.WINDOW_INVALID,
                    type + ".end (" + end.toInstant() + ") must be after " + type + ".start (" + start.toInstant()
                            + ")",
                    type + ".end");
        }
    }

    private static void refuse(BookingRefusal reason, String message, String expression) {
        OperationOutcome outcome = SchedulingErrors.outcome(IssueType.BUSINESSRULE, reason, message);
        outcome.getIssueFirstRep().addExpression(expression);
        throw new UnprocessableEntityException(message, outcome);
    }
}

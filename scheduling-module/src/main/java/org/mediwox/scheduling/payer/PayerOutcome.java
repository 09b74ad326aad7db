package org.mediwox.scheduling.payer;

import java.util.List;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.mediwox.plugin.vocabulary.MediwoxExtensions;

/**
 * What {@code $book}'s outcome entry says of the payer check: nothing when the payer answered (its cards are on the
 * Appointment) or was not asked; when it did not answer in time, a warning coded {@code payer-check-status#pending}
 * — the booking stands and the check is retried.
 */
public final class PayerOutcome {

    private PayerOutcome() {}

    /** The booking's outcome with the check's issue added; a new OperationOutcome when there was none. */
    public static OperationOutcome with(OperationOutcome outcome, PayerHook.Status status) {
        if (status != PayerHook.Status.PENDING) {
            return outcome;
        }
        OperationOutcome answered = outcome != null ? outcome : new OperationOutcome();
        answered.addIssue()
                .setSeverity(IssueSeverity.WARNING)
                .setCode(IssueType.TIMEOUT)
                .setDetails(new CodeableConcept()
                        .setCoding(List.of(new Coding(MediwoxExtensions.PAYER_CHECK_STATUS, "pending", "Pending"))))
                .setDiagnostics("Booked. The insurer did not answer in time; its check is retried in the background"
                        + " and its answer will be on the Appointment (payer-card)");
        return answered;
    }
}

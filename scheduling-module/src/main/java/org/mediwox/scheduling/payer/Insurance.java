package org.mediwox.scheduling.payer;

import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;
import org.mediwox.plugin.vocabulary.BookingRefusal;
import org.mediwox.scheduling.rules.SchedulingErrors;

/**
 * The patient's insurance as a booking request gives it: IHE's {@code insurance-reference} (references to the patient's
 * Coverage) and Argonaut's {@code coverage} (Coverage resources given whole). Not checked yet: {@link CoverageCheck}
 * decides, once the patient is known, whether each is the patient's.
 *
 * @param coverageIds the ids of the Coverages referred to
 * @param given the Coverages given whole
 */
public record Insurance(List<String> coverageIds, List<Coverage> given) {

    /** No insurance given. */
    public static final Insurance NONE = new Insurance(List.of(), List.of());

    public Insurance {
        coverageIds = List.copyOf(coverageIds);
        given = List.copyOf(given);
    }

    /**
     * Reads the inputs; 400 for a reference that is not a Coverage. IHE's published {@code insurance-reference} targets
     * InsurancePlan, a product rather than the patient's membership of it: a payer check needs the membership, so a
     * Coverage is asked for, and an InsurancePlan is refused naming that.
     */
    public static Insurance of(List<Reference> references, List<Coverage> resources) {
        List<String> ids = new ArrayList<>();
        for (Reference reference : references == null ? List.<Reference>of() : references) {
            if (!reference.hasReference()) {
                throw SchedulingErrors.invalid(
                        BookingRefusal.INVALID_INPUT,
                        "insurance-reference must refer to the patient's Coverage by reference (Coverage/[id]);"
                                + " an identifier alone cannot be checked");
            }
            IdType id = new IdType(reference.getReference());
            if (id.hasResourceType() && !"Coverage".equals(id.getResourceType())) {
                throw SchedulingErrors.invalid(
                        BookingRefusal.INVALID_INPUT,
                        "insurance-reference must refer to the patient's Coverage, got " + reference.getReference()
                                + ": a payer is asked about the patient's membership (Coverage), not a plan");
            }
            if (!id.hasIdPart()) {
                throw SchedulingErrors.invalid(
                        BookingRefusal.INVALID_INPUT, "insurance-reference has no id: " + reference.getReference());
            }
            ids.add(id.getIdPart());
        }
        return new Insurance(ids, resources == null ? List.of() : resources);
    }

    public boolean isEmpty() {
        return coverageIds.isEmpty() && given.isEmpty();
    }

    /** A stable text of what was given, for the request digest of an Idempotency-Key; empty when nothing was. */
    public String digestText(ca.uhn.fhir.context.FhirContext fhirContext) {
        if (isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder("\ninsurance:").append(String.join(",", coverageIds));
        given.forEach(c -> text.append('\n').append(fhirContext.newJsonParser().encodeResourceToString(c)));
        return text.toString();
    }
}

package org.mediwox.scheduling.payer;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.IdType;
import org.mediwox.plugin.vocabulary.BookingRefusal;
import org.mediwox.scheduling.rules.SchedulingErrors;

/**
 * Whether the insurance a request gives is the patient's: each Coverage referred to must be on file (404 otherwise)
 * and each Coverage, referred to or given whole, must have the patient as its beneficiary (422 otherwise). A Coverage
 * given whole with the id of a stored one is that stored one. A patient's token cannot even name another patient's
 * Coverage: the operations declare these inputs to the security layer, which refuses that with 403 first.
 */
public class CoverageCheck {

    private final DaoRegistry daoRegistry;

    public CoverageCheck(DaoRegistry daoRegistry) {
        this.daoRegistry = daoRegistry;
    }

    /** The patient's Coverages the request gives, checked; empty when it gives none. */
    public List<Coverage> verify(Insurance insurance, String patientId, RequestDetails details) {
        if (insurance == null || insurance.isEmpty()) {
            return List.of();
        }
        if (patientId == null) {
            throw SchedulingErrors.invalid(
                    BookingRefusal.INVALID_INPUT,
                    "insurance-reference/coverage need the patient: give patient-reference as well");
        }
        List<Coverage> coverages = new ArrayList<>();
        insurance.coverageIds().forEach(id -> coverages.add(stored(id, details)));
        for (Coverage given : insurance.given()) {
            coverages.add(
                    given.getIdElement().hasIdPart()
                            ? stored(given.getIdElement().getIdPart(), details)
                            : given);
        }
        for (Coverage coverage : coverages) {
            String beneficiary = coverage.getBeneficiary()
                    .getReferenceElement()
                    .toUnqualifiedVersionless()
                    .getValue();
            if (!("Patient/" + patientId).equals(beneficiary)) {
                throw SchedulingErrors.rule(
                        BookingRefusal.NOT_PATIENTS_COVERAGE,
                        (coverage.getIdElement().hasIdPart()
                                        ? "Coverage/" + coverage.getIdElement().getIdPart()
                                        : "The Coverage given")
                                + " is not Patient/" + patientId + "'s (its beneficiary is "
                                + (beneficiary == null ? "not given" : beneficiary)
                                + "): give the patient's own Coverage");
            }
        }
        return coverages;
    }

    /** The patient's active Coverages on file (the payer is asked about them when the request names none). */
    public List<Coverage> onFile(String patientId, RequestDetails details) {
        SearchParameterMap active = SearchParameterMap.newSynchronous()
                .add(Coverage.SP_BENEFICIARY, new ReferenceParam("Patient/" + patientId))
                .add(Coverage.SP_STATUS, new TokenParam("active"));
        return daoRegistry.getResourceDao(Coverage.class).search(active, details).getAllResources().stream()
                .map(Coverage.class::cast)
                .toList();
    }

    private Coverage stored(String id, RequestDetails details) {
        try {
            return daoRegistry.getResourceDao(Coverage.class).read(new IdType("Coverage", id), details);
        } catch (ResourceNotFoundException | ResourceGoneException e) {
            throw SchedulingErrors.notFound(BookingRefusal.UNKNOWN_COVERAGE, "Coverage/" + id + " is not on file");
        }
    }
}

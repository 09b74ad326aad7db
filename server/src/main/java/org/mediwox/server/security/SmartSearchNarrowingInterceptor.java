package org.mediwox.server.security;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.interceptor.auth.AuthorizedList;
import ca.uhn.fhir.rest.server.interceptor.auth.SearchNarrowingInterceptor;
import java.util.Set;

/**
 * Narrows the searches of a token limited to one patient to that patient's compartment, so that a patient app asking
 * for {@code Appointment?date=ge2026-01-01} gets its own appointments rather than a 403.
 */
public class SmartSearchNarrowingInterceptor extends SearchNarrowingInterceptor {

    private final Set<String> patientCompartmentTypes;

    public SmartSearchNarrowingInterceptor(FhirContext fhirContext) {
        this.patientCompartmentTypes = SmartResourceTypes.patientCompartmentTypes(fhirContext);
    }

    @Override
    protected AuthorizedList buildAuthorizedList(RequestDetails request) {
        SmartAccess access = SmartAccess.current().orElse(null);
        String type = request.getResourceName();
        if (access == null
                || !access.hasPatientContext()
                || type == null
                || !patientCompartmentTypes.contains(type)
                || access.grantsBeyondPatient(type, 's')) {
            return null;
        }
        return new AuthorizedList().addCompartment("Patient/" + access.patient());
    }
}

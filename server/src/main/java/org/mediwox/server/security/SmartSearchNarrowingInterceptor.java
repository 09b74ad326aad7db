package org.mediwox.server.security;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.interceptor.auth.AuthorizedList;
import ca.uhn.fhir.rest.server.interceptor.auth.SearchNarrowingInterceptor;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
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

    /**
     * A token whose only search scope on a type carries a filter ({@code system/Slot.rs?status=free}) searches within it:
     * the filter's parameters are added to the search (results outside it would be refused by the rules).
     */
    @Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
    public void narrowToScopeFilter(RequestDetails request) {
        if (request.getRestOperationType() != RestOperationTypeEnum.SEARCH_TYPE || request.getResourceName() == null) {
            return;
        }
        SmartAccess access = SmartAccess.current().orElse(null);
        if (access == null) {
            return;
        }
        List<SmartScope> searching = access.scopesFor(request.getResourceName()).stream()
                .filter(s -> s.grants('s'))
                .toList();
        if (searching.size() != 1 || searching.get(0).filter().isEmpty()) {
            return;
        }
        for (String pair : searching.get(0).filter().split("&")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String name = URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            String[] existing = request.getParameters().get(name);
            String[] values = existing == null ? new String[] {value} : append(existing, value);
            request.addParameter(name, values);
        }
    }

    private static String[] append(String[] values, String value) {
        String[] longer = java.util.Arrays.copyOf(values, values.length + 1);
        longer[values.length] = value;
        return longer;
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

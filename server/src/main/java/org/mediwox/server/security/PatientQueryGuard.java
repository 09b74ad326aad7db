package org.mediwox.server.security;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.util.UrlUtil;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.Bundle;

/**
 * Keeps the searches of a token limited to one patient inside that patient's data where search narrowing cannot reach:
 *
 * <ul>
 *   <li>{@code _has} (reverse chaining) anywhere — top level, inside a chain ({@code practitioner._has:…}), in an
 *       {@code _include}/{@code _revinclude} value, in a conditional URL — and {@code _filter}, which can express both:
 *       they select resources by other resources that narrowing does not confine;
 *   <li>chained parameters on the clinic directory ({@code Slot?schedule.actor:Patient.name=…}), whose searches are
 *       not narrowed to the patient and whose chains may end in another patient's record;
 *   <li>conditional entries of a transaction or batch ({@code ifNoneExist}, {@code PUT Appointment?…}): HAPI narrows
 *       the conditional URL of a plain conditional create, update, patch or delete to the patient's compartment
 *       ({@link SmartSearchNarrowingInterceptor}), not those inside a Bundle, where a match would answer with another
 *       patient's resource or count.
 * </ul>
 */
@Interceptor
public class PatientQueryGuard {

    private final Set<String> patientCompartmentTypes;

    public PatientQueryGuard(FhirContext fhirContext) {
        this.patientCompartmentTypes = SmartResourceTypes.patientCompartmentTypes(fhirContext);
    }

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
    public void check(RequestDetails request, RestOperationTypeEnum operation) {
        SmartAccess access = SmartAccess.current().orElse(null);
        if (access == null || !access.hasPatientContext()) {
            return;
        }
        if ((operation == RestOperationTypeEnum.TRANSACTION || operation == RestOperationTypeEnum.BATCH)
                && request.getResource() instanceof Bundle bundle) {
            for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
                checkEntry(access, entry.getRequest());
            }
            return;
        }
        String type = request.getResourceName();
        if (type == null || !access.limitedToPatient(type)) {
            return;
        }
        checkParameters(type, request.getParameters());
        String ifNoneExist = request.getHeader(Constants.HEADER_IF_NONE_EXIST);
        if (ifNoneExist != null && !ifNoneExist.isBlank()) {
            checkParameters(type, UrlUtil.parseQueryString(query(ifNoneExist)));
        }
    }

    private void checkEntry(SmartAccess access, Bundle.BundleEntryRequestComponent entry) {
        String url = entry.getUrl() == null ? "" : entry.getUrl();
        int q = url.indexOf('?');
        String type = (q < 0 ? url : url.substring(0, q)).split("/")[0];
        if (type.isEmpty() || !access.limitedToPatient(type)) {
            return;
        }
        boolean conditional = entry.hasIfNoneExist() || (q >= 0 && entry.getMethod() != Bundle.HTTPVerb.GET);
        if (conditional) {
            throw new ForbiddenOperationException("Conditional " + entry.getMethod() + " " + type
                    + " inside a Bundle is not available to a token limited to one patient; send it on its own");
        }
        if (q >= 0) {
            checkParameters(type, UrlUtil.parseQueryString(url.substring(q + 1)));
        }
    }

    private void checkParameters(String type, Map<String, String[]> parameters) {
        for (Map.Entry<String, String[]> parameter : parameters.entrySet()) {
            String name = parameter.getKey();
            boolean has = name.contains(Constants.PARAM_HAS);
            for (String value : parameter.getValue()) {
                has |= value != null && value.contains(Constants.PARAM_HAS);
            }
            if (has) {
                throw new ForbiddenOperationException(
                        "_has (reverse chaining) is not available to a token limited to one patient");
            }
            if (name.equals(Constants.PARAM_FILTER)) {
                throw new ForbiddenOperationException("_filter is not available to a token limited to one patient");
            }
            if (!name.startsWith("_") && name.contains(".") && !patientCompartmentTypes.contains(type)) {
                throw new ForbiddenOperationException("Chained parameters (" + name + ") on " + type
                        + " are not available to a token limited to one patient");
            }
        }
    }

    private static String query(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(q + 1);
    }
}

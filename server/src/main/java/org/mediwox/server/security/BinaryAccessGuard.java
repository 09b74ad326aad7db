package org.mediwox.server.security;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.binary.interceptor.BinaryStorageInterceptor;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.IdType;

/**
 * Authorizes {@code $binary-access-read} and {@code $binary-access-write}, which hand out or replace the raw bytes of
 * an attachment and so bypass the resource rules HAPI would apply to a read or an update: the token needs {@code r}
 * (read) or {@code u} (write) on the resource's type, and a token limited to one patient only reaches resources in that
 * patient's compartment (a Binary counts when its {@code securityContext} is the patient).
 */
@Interceptor
public class BinaryAccessGuard {

    private static final Set<String> READ = Set.of("$binary-access-read");
    private static final Set<String> WRITE = Set.of("$binary-access-write");

    private final DaoRegistry daoRegistry;
    private final FhirContext fhirContext;

    public BinaryAccessGuard(DaoRegistry daoRegistry, FhirContext fhirContext) {
        this.daoRegistry = daoRegistry;
        this.fhirContext = fhirContext;
    }

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
    public void check(RequestDetails request) {
        String operation = request.getOperation();
        if (operation == null || !(READ.contains(operation) || WRITE.contains(operation))) {
            return;
        }
        SmartAccess access = SmartAccess.current().orElse(null);
        if (access == null || request.getId() == null || !request.getId().hasIdPart()) {
            return; // no token: the authorization rules refuse; no id: HAPI answers 400
        }
        String type = request.getResourceName();
        char permission = WRITE.contains(operation) ? 'u' : 'r';
        if (!access.grants(type, permission)) {
            throw new ForbiddenOperationException(operation + " on " + type + " needs a scope with '" + permission
                    + "' on " + type + " (for example patient/" + type + "." + permission + ")");
        }
        if (access.grantsBeyondPatient(type, permission)) {
            return;
        }
        IdType target = new IdType(type, request.getId().getIdPart());
        IBaseResource resource;
        try {
            SystemRequestDetails system = new SystemRequestDetails();
            system.getUserData().put(BinaryStorageInterceptor.AUTO_INFLATE_BINARY_CONTENT_KEY, Boolean.FALSE);
            resource = daoRegistry.getResourceDao(type).read(target, system);
        } catch (ResourceNotFoundException | ResourceGoneException e) {
            return; // the operation answers 404 / 410 itself
        }
        IdType patient = new IdType("Patient", access.patient());
        if (!access.hasPatientContext() || !inCompartment(resource, target, patient)) {
            throw new ForbiddenOperationException(
                    target.getValue() + " does not belong to " + patient.getValue() + ", the patient of this token");
        }
    }

    private boolean inCompartment(IBaseResource resource, IdType target, IdType patient) {
        if (target.getResourceType().equals("Patient")) {
            return target.getIdPart().equals(patient.getIdPart());
        }
        if (resource instanceof Binary binary) {
            return binary.hasSecurityContext()
                    && patient.getValue()
                            .equals(new IdType(binary.getSecurityContext().getReference())
                                    .toUnqualifiedVersionless()
                                    .getValue());
        }
        return fhirContext.newTerser().isSourceInCompartmentForTarget("Patient", resource, patient);
    }
}

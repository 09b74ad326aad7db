package org.mediwox.server.security;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.binary.interceptor.BinaryStorageInterceptor;
import ca.uhn.fhir.jpa.searchparam.matcher.SearchParamMatcher;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.IdType;

/**
 * Authorizes {@code $binary-access-read} and {@code $binary-access-write}, which hand out or replace the raw bytes of
 * an attachment and so bypass the resource rules HAPI would apply to a read or an update. The exact version asked for
 * ({@code DocumentReference/5/_history/1/$binary-access-read} too) must be reachable by one scope of the token that
 * grants {@code r} (read) or {@code u} (write) on its type: a patient-level scope only reaches resources in the
 * patient's compartment (a Binary counts when its {@code securityContext} is the patient), and a scope with a filter
 * only resources matching it. A deleted or unknown resource is not found, whatever its history held.
 */
@Interceptor
public class BinaryAccessGuard {

    private static final Set<String> READ = Set.of("$binary-access-read");
    private static final Set<String> WRITE = Set.of("$binary-access-write");

    private final DaoRegistry daoRegistry;
    private final FhirContext fhirContext;
    private final SearchParamMatcher matcher;

    public BinaryAccessGuard(DaoRegistry daoRegistry, FhirContext fhirContext, SearchParamMatcher matcher) {
        this.daoRegistry = daoRegistry;
        this.fhirContext = fhirContext;
        this.matcher = matcher;
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
        List<SmartScope> scopes = access.scopesFor(type).stream()
                .filter(s -> s.grants(permission))
                .toList();
        if (scopes.isEmpty()) {
            throw new ForbiddenOperationException(operation + " on " + type + " needs a scope with '" + permission
                    + "' on " + type + " (for example patient/" + type + "." + permission + ")");
        }
        if (scopes.stream()
                .anyMatch(
                        s -> s.level() != SmartScope.Level.PATIENT && s.filter().isEmpty())) {
            return; // every resource of the type, every version
        }
        IdType target =
                new IdType(type, request.getId().getIdPart(), request.getId().getVersionIdPart());
        IBaseResource resource = read(target);
        IdType patient = access.hasPatientContext() ? new IdType("Patient", access.patient()) : null;
        for (SmartScope scope : scopes) {
            boolean reachable = scope.level() != SmartScope.Level.PATIENT
                    || (patient != null && inCompartment(resource, target, patient));
            if (reachable && matchesFilter(scope, type, resource, request)) {
                return;
            }
        }
        throw new ForbiddenOperationException(target.toUnqualified().getValue()
                + " is not within the scopes of this token"
                + (patient == null ? "" : " (patient " + patient.getValue() + ")"));
    }

    /** The version asked for; a deleted or missing resource is 404 for a token that only reaches some resources. */
    private IBaseResource read(IdType target) {
        SystemRequestDetails system = new SystemRequestDetails();
        system.getUserData().put(BinaryStorageInterceptor.AUTO_INFLATE_BINARY_CONTENT_KEY, Boolean.FALSE);
        try {
            IBaseResource resource =
                    daoRegistry.getResourceDao(target.getResourceType()).read(target, system);
            if (target.hasVersionIdPart()) {
                // a version of a resource deleted since is not handed out either
                daoRegistry.getResourceDao(target.getResourceType()).read(target.toVersionless(), system);
            }
            return resource;
        } catch (ResourceNotFoundException | ResourceGoneException e) {
            throw new ResourceNotFoundException(target.toVersionless().getValue() + " is not known");
        }
    }

    private boolean matchesFilter(SmartScope scope, String type, IBaseResource resource, RequestDetails request) {
        return scope.filter().isEmpty()
                || matcher.match(type + "?" + scope.filter(), resource, request).matched();
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

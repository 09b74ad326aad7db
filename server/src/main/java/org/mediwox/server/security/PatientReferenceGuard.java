package org.mediwox.server.security;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.util.ResourceReferenceInfo;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;

/**
 * Keeps a token limited to one patient from writing into another patient's record: every resource it creates, updates
 * or patches — on its own or as an entry of a transaction or batch — may name no Patient but the token's own
 * ({@code Appointment.participant.actor}, {@code DocumentReference.subject}, {@code Binary.securityContext}, any
 * reference, contained resources included). HAPI's compartment rules only ask that one reference makes the resource
 * the patient's; this asks it of all of them. Checked where every write passes, before it is stored.
 *
 * <p>Conditional references ({@code Patient?identifier=…}) are refused to such a token too: resolving one tells
 * whether, and how often, another patient's data matches. The writes an operation makes on the caller's behalf
 * ({@code $book}, {@code $cancel}) are checked by {@link PatientOperationGuard} instead.
 */
@Interceptor
public class PatientReferenceGuard {

    private static final Set<RestOperationTypeEnum> WRITES = Set.of(
            RestOperationTypeEnum.CREATE,
            RestOperationTypeEnum.UPDATE,
            RestOperationTypeEnum.PATCH,
            RestOperationTypeEnum.TRANSACTION,
            RestOperationTypeEnum.BATCH);

    private final FhirContext fhirContext;

    public PatientReferenceGuard(FhirContext fhirContext) {
        this.fhirContext = fhirContext;
    }

    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
    public void created(IBaseResource resource, RequestDetails request) {
        check(resource, request);
    }

    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
    public void updated(IBaseResource previous, IBaseResource resource, RequestDetails request) {
        check(resource, request);
    }

    private void check(IBaseResource resource, RequestDetails request) {
        if (request == null
                || request.getRestOperationType() == null
                || !WRITES.contains(request.getRestOperationType())) {
            return; // the server's own writes, and those of operations
        }
        SmartAccess access = SmartAccess.current().orElse(null);
        String type = fhirContext.getResourceType(resource);
        if (access == null || !access.limitedToPatient(type)) {
            return;
        }
        for (ResourceReferenceInfo info : fhirContext.newTerser().getAllResourceReferences(resource)) {
            String reference = info.getResourceReference().getReferenceElement().getValue();
            if (reference == null || reference.startsWith("#") || reference.startsWith("urn:")) {
                continue; // a logical or contained reference, or an entry of the same Bundle (authorized itself)
            }
            String where = type + "." + info.getName() + " (" + reference + ")";
            if (reference.contains("?")) {
                throw new ForbiddenOperationException(
                        where + ": conditional references are not available to a token limited to one patient");
            }
            IdType target = new IdType(reference);
            if ("Patient".equals(target.getResourceType()) && !access.patient().equals(target.getIdPart())) {
                throw new ForbiddenOperationException(
                        where + " names another patient; this token writes for Patient/" + access.patient() + " only");
            }
        }
    }
}

package org.mediwox.server.security;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.mediwox.plugin.access.OperationAccess;

/**
 * {@code POST /fhir/$smart-launch}: an EHR (a user- or system-level token that may read Patients) registers the patient
 * and encounter it is about to launch a SMART app for, and gets the opaque {@code launch} value to hand the app. The
 * built-in authorization server resolves it into the token's {@code patient} and {@code encounter}.
 */
public class LaunchContextProvider {

    private final LaunchContexts contexts;
    private final DaoRegistry daoRegistry;

    public LaunchContextProvider(LaunchContexts contexts, DaoRegistry daoRegistry) {
        this.contexts = contexts;
        this.daoRegistry = daoRegistry;
    }

    @Operation(name = "$smart-launch", idempotent = false)
    @OperationAccess(
            anyOf =
                    @OperationAccess.Grant(
                            type = "Patient",
                            permission = 'r',
                            scopes = OperationAccess.Scopes.BEYOND_PATIENT))
    public Parameters launch(
            @OperationParam(name = "patient", min = 1) Reference patient,
            @OperationParam(name = "encounter") Reference encounter,
            RequestDetails request) {
        IdType patientId = idOf(patient, "patient", "Patient");
        // reads with the caller's rights: an EHR can only launch for a patient it may see
        daoRegistry.getResourceDao("Patient").read(patientId, request);
        String encounterId = null;
        if (encounter != null && encounter.hasReference()) {
            IdType id = idOf(encounter, "encounter", "Encounter");
            daoRegistry.getResourceDao("Encounter").read(id, request);
            encounterId = id.getIdPart();
        }
        String createdBy = SmartAccess.current().map(SmartAccess::who).orElse("unknown");
        String launch = contexts.create(patientId.getIdPart(), encounterId, createdBy);
        Parameters out = new Parameters();
        out.addParameter().setName("launch").setValue(new StringType(launch));
        out.addParameter().setName("expires-in").setValue(new IntegerType((int) LaunchContexts.LIFETIME.toSeconds()));
        return out;
    }

    private static IdType idOf(Reference reference, String name, String type) {
        IdType id = new IdType(reference.getReference() == null ? "" : reference.getReference());
        if (!type.equals(id.getResourceType()) || !id.hasIdPart()) {
            throw new InvalidRequestException(name + " must be a reference to a " + type + " (" + type + "/[id])");
        }
        return id.toUnqualifiedVersionless();
    }
}

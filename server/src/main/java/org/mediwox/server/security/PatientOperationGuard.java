package org.mediwox.server.security;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.util.FhirTerser;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;
import org.mediwox.plugin.access.OperationAccess;
import org.mediwox.plugin.access.ProposalPatients;

/**
 * Keeps a token limited to one patient to that patient in operations, whose patient is an input rather than a resource
 * HAPI's rules could see. Which inputs name a patient or a patient's resource each operation declares itself ({@link
 * OperationAccess}): every patient they name must be the token's, every resource they name must be the token's
 * patient's, and an operation that {@link OperationAccess#namesPatient() must name its patient} must name it.
 */
@Interceptor
public class PatientOperationGuard {

    private final DeclaredOperations operations;
    private final DaoRegistry daoRegistry;
    private final FhirTerser terser;
    private final List<ProposalPatients> proposals;

    public PatientOperationGuard(
            DeclaredOperations operations,
            DaoRegistry daoRegistry,
            FhirContext fhirContext,
            List<ProposalPatients> proposals) {
        this.operations = operations;
        this.daoRegistry = daoRegistry;
        this.terser = fhirContext.newTerser();
        this.proposals = List.copyOf(proposals);
    }

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
    public void check(RequestDetails request) {
        if (request.getOperation() == null) {
            return;
        }
        DeclaredOperation operation = operations
                .of(request)
                .filter(DeclaredOperation::actsForPatients)
                .orElse(null);
        SmartAccess access = SmartAccess.current().orElse(null);
        if (operation == null || access == null || operation.permitsBeyondPatient(access)) {
            return;
        }
        String name = request.getOperation();
        if (!access.hasPatientContext()) {
            if (access.scopes().stream().anyMatch(s -> s.level() == SmartScope.Level.PATIENT)) {
                throw new ForbiddenOperationException(
                        name + " with patient/ scopes needs a token that names its patient");
            }
            return;
        }
        String own = "Patient/" + access.patient();
        Set<String> named = new LinkedHashSet<>();
        OperationInputs inputs = OperationInputs.of(request);
        for (String input : operation.patientInputs()) {
            inputs.values(input).forEach(value -> named.add(patientNamedBy(value)));
        }
        for (String input : operation.patientResourceInputs()) {
            for (OperationInputs.Value value : inputs.values(input)) {
                named.addAll(patientsOfResource(value, operation.resourceType(), own));
            }
        }
        if (operation.access().instanceOfPatient()
                && request.getId() != null
                && request.getId().hasIdPart()) {
            String reference = operation.resourceType() + "/" + request.getId().getIdPart();
            if ("Patient".equals(operation.resourceType())) {
                named.add(reference); // a Patient instance is its own patient
            } else {
                named.addAll(patientsOfResource(
                        new OperationInputs.Value(reference, null, reference), operation.resourceType(), own));
            }
        }
        if (operation.access().namesPatient() && named.isEmpty()) {
            throw new ForbiddenOperationException(
                    name + " with a patient's token must name that patient (patient-reference " + own + ")");
        }
        for (String patient : named) {
            if (!patient.equals(own)) {
                throw new ForbiddenOperationException(
                        "This token acts for " + own + " only; the request names " + patient);
            }
        }
    }

    /** The patient a patient input names, as {@code Patient/[id]}, or a description of what else it names. */
    private static String patientNamedBy(OperationInputs.Value value) {
        if (value.resource() != null) {
            IdType id = new IdType(value.resource().getIdElement().getValue());
            return value.resource().fhirType().equals("Patient") && id.hasIdPart()
                    ? "Patient/" + id.getIdPart()
                    : value.given() + " not on file";
        }
        if (value.unverifiable()) {
            return value.given();
        }
        IdType id = new IdType(value.reference()).toUnqualifiedVersionless();
        if (id.getResourceType() != null && !id.getResourceType().equals("Patient")) {
            return value.given();
        }
        return "Patient/" + id.getIdPart();
    }

    /**
     * The patients a resource input names: a stored resource (or proposal) must be the token's patient's, and then
     * names that patient; a resource given whole names every Patient it refers to.
     */
    private Set<String> patientsOfResource(OperationInputs.Value value, String defaultType, String own) {
        Set<String> patients = new LinkedHashSet<>();
        if (value.unverifiable()) {
            patients.add(value.given());
            return patients;
        }
        IdType id;
        if (value.resource() != null) {
            patients.addAll(patientReferences(value.resource()));
            id = new IdType(value.resource().getIdElement().getValue());
            if (!id.hasIdPart()) {
                return patients;
            }
            id = new IdType(value.resource().fhirType(), id.getIdPart());
        } else {
            id = new IdType(value.reference()).toUnqualifiedVersionless();
        }
        String type = id.getResourceType() != null ? id.getResourceType() : defaultType;
        if (type == null || !id.hasIdPart()) {
            return patients;
        }
        Optional<String> proposed = proposalPatient(type, id.getIdPart());
        if (proposed.isPresent()) {
            patients.add("Patient/" + proposed.get()); // a signed proposal names its patient itself
            return patients;
        }
        IBaseResource stored = stored(type, id.getIdPart());
        if (stored == null) {
            return patients; // the operation answers 404 itself
        }
        if (!patientReferences(stored).contains(own)) {
            throw new ForbiddenOperationException(
                    type + "/" + id.getIdPart() + " is not a resource of " + own + ", the patient of this token");
        }
        patients.add(own); // a stored resource of this patient names the patient (IHE's $book by reference)
        return patients;
    }

    private Optional<String> proposalPatient(String type, String id) {
        for (ProposalPatients proposal : proposals) {
            Optional<String> patient = proposal.patientOf(type, id);
            if (patient.isPresent()) {
                return patient;
            }
        }
        return Optional.empty();
    }

    private IBaseResource stored(String type, String id) {
        if (!daoRegistry.isResourceTypeSupported(type)) {
            return null;
        }
        try {
            return daoRegistry.getResourceDao(type).read(new IdType(type, id), new SystemRequestDetails());
        } catch (ResourceNotFoundException | ResourceGoneException e) {
            return null;
        }
    }

    private Set<String> patientReferences(IBaseResource resource) {
        Set<String> patients = new LinkedHashSet<>();
        terser.getAllResourceReferences(resource).forEach(found -> {
            IdType id = new IdType(
                    found.getResourceReference().getReferenceElement().getValue());
            if ("Patient".equals(id.getResourceType()) && id.hasIdPart()) {
                patients.add("Patient/" + id.getIdPart());
            }
        });
        return patients;
    }
}

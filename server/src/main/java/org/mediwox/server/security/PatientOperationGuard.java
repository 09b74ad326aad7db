package org.mediwox.server.security;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Type;

/**
 * Keeps a token limited to one patient to that patient in the scheduling operations, whose patient is a parameter
 * rather than a resource HAPI's rules could see: {@code $find}, {@code $hold} and {@code $book} must name the token's
 * patient (and no other), and every Appointment they or {@code $cancel} touch must be that patient's.
 */
@Interceptor
public class PatientOperationGuard {

    private static final Set<String> OPERATIONS = Set.of("$find", "$hold", "$book", "$cancel");
    private static final List<String> PATIENT_PARAMETERS = List.of("patient-reference", "patient-id");
    private static final List<String> APPOINTMENT_PARAMETERS =
            List.of("appointment-reference", "appt-id", "cancelled-appt-id");

    private final DaoRegistry daoRegistry;
    private final Function<String, Optional<String>> proposalPatient;

    /**
     * @param proposalPatient the patient id a signed {@code $find} proposal id names (empty: not a proposal of this
     *     server, or a proposal for no patient)
     */
    public PatientOperationGuard(DaoRegistry daoRegistry, Function<String, Optional<String>> proposalPatient) {
        this.daoRegistry = daoRegistry;
        this.proposalPatient = proposalPatient;
    }

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
    public void check(RequestDetails request, RestOperationTypeEnum operation) {
        if (request.getOperation() == null
                || !OPERATIONS.contains(request.getOperation())
                || !"Appointment".equals(request.getResourceName())) {
            return;
        }
        SmartAccess access = SmartAccess.current().orElse(null);
        if (access == null || access.grantsBeyondPatient("Appointment", 'c')) {
            return;
        }
        if (!access.hasPatientContext()) {
            if (access.scopes().stream().anyMatch(s -> s.level() == SmartScope.Level.PATIENT)) {
                throw new ForbiddenOperationException(
                        request.getOperation() + " with patient/ scopes needs a token that names its patient");
            }
            return;
        }
        String own = "Patient/" + access.patient();
        List<String> patients = new ArrayList<>();
        for (String name : PATIENT_PARAMETERS) {
            for (String value : values(request, name)) {
                patients.add(
                        value.contains("/")
                                ? new IdType(value).toUnqualifiedVersionless().getValue()
                                : "Patient/" + value);
            }
        }
        for (Appointment proposed : appointments(request)) {
            patients.addAll(patientsOf(proposed));
        }
        List<String> appointmentIds = new ArrayList<>();
        if (request.getId() != null && request.getId().hasIdPart()) {
            appointmentIds.add(request.getId().getIdPart());
        }
        for (String name : APPOINTMENT_PARAMETERS) {
            values(request, name).forEach(v -> appointmentIds.add(new IdType(v).getIdPart()));
        }
        // an Appointment given whole may name a stored one (IHE's "book to cancel"): that one must be this patient's
        // too
        for (Appointment given : appointments(request)) {
            if (given.getIdElement().hasIdPart()) {
                appointmentIds.add(given.getIdElement().getIdPart());
            }
        }
        for (String id : appointmentIds) {
            Optional<String> proposed = proposalPatient.apply(id);
            if (proposed.isPresent()) {
                patients.add("Patient/" + proposed.get()); // a signed proposal names its patient itself
                continue;
            }
            Appointment stored;
            try {
                stored = (Appointment) daoRegistry
                        .getResourceDao("Appointment")
                        .read(new IdType("Appointment", id), new SystemRequestDetails());
            } catch (ResourceNotFoundException e) {
                continue; // the operation answers 404 itself
            }
            if (!patientsOf(stored).contains(own)) {
                throw new ForbiddenOperationException(
                        "Appointment/" + id + " is not an appointment of " + own + ", the patient of this token");
            }
            patients.add(
                    own); // a held or booked Appointment of this patient names the patient (IHE's $book by reference)
        }
        boolean booking =
                request.getOperation().equals("$book") || request.getOperation().equals("$hold");
        if (booking && patients.isEmpty()) {
            throw new ForbiddenOperationException(request.getOperation()
                    + " with a patient's token must name that patient (patient-reference " + own + ")");
        }
        for (String patient : patients) {
            if (!patient.equals(own)) {
                throw new ForbiddenOperationException(
                        "This token acts for " + own + " only; the request names " + patient);
            }
        }
    }

    private static List<String> patientsOf(Appointment appointment) {
        List<String> patients = new ArrayList<>();
        for (Appointment.AppointmentParticipantComponent participant : appointment.getParticipant()) {
            String reference = participant.getActor().getReference();
            if (reference != null && reference.startsWith("Patient/")) {
                patients.add(new IdType(reference).toUnqualifiedVersionless().getValue());
            }
        }
        return patients;
    }

    private static List<Appointment> appointments(RequestDetails request) {
        List<Appointment> found = new ArrayList<>();
        if (request.getResource() instanceof Parameters parameters) {
            for (Parameters.ParametersParameterComponent p : parameters.getParameter()) {
                if (p.getResource() instanceof Appointment appointment) {
                    found.add(appointment);
                }
            }
        }
        return found;
    }

    /** A parameter's values, from the Parameters body of a POST or the query of a GET. */
    private static List<String> values(RequestDetails request, String name) {
        List<String> values = new ArrayList<>();
        if (request.getResource() instanceof Parameters parameters) {
            for (Parameters.ParametersParameterComponent p : parameters.getParameter()) {
                if (name.equals(p.getName()) && p.getValue() != null) {
                    Type value = p.getValue();
                    values.add(
                            value instanceof Reference reference ? reference.getReference() : value.primitiveValue());
                }
            }
        }
        String[] query = request.getParameters().get(name);
        if (query != null) {
            values.addAll(List.of(query));
        }
        values.removeIf(v -> v == null || v.isBlank());
        return values;
    }
}

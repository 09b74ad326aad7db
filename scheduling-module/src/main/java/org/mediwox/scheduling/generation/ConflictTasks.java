package org.mediwox.scheduling.generation;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task;
import org.mediwox.plugin.vocabulary.MediwoxExtensions;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * An Appointment booked in time its provider no longer works (leave, a closure, changed hours) becomes a {@code Task}
 * for the clinic ({@code requested}, code {@code schedule-management#availability-conflict}, focus the Appointment,
 * for its patient, owned by the role's Organization). Mediwox never cancels a booked visit by itself: the clinic moves
 * it ({@code $book} with {@code cancelled-appt-id}) or cancels it, and the patient is told as for any move or cancel.
 */
public class ConflictTasks {

    /** The code of a conflict Task, in {@link MediwoxExtensions#SCHEDULE_MANAGEMENT}. */
    public static final String CODE = "availability-conflict";

    private final DaoRegistry daoRegistry;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    public ConflictTasks(DaoRegistry daoRegistry, JdbcTemplate jdbc, Clock clock) {
        this.daoRegistry = daoRegistry;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Raises the Task for the Appointment that holds {@code slotId}; returns its id, or null when there is none to
     * raise (no stored Appointment holds the Slot, or the server keeps no Tasks).
     */
    public String raise(String slotId, PractitionerRole role, SystemRequestDetails system) {
        if (!daoRegistry.isResourceTypeSupported("Task")) {
            return null;
        }
        List<String> owners = jdbc.queryForList(
                "select owner from mediwox.appointment_claim where kind = 'slot' and subject = ? limit 1",
                String.class,
                "Slot/" + slotId);
        if (owners.isEmpty()) {
            return null;
        }
        Appointment appointment;
        try {
            appointment = daoRegistry
                    .getResourceDao(Appointment.class)
                    .read(new IdType("Appointment", owners.get(0)), system);
        } catch (ResourceGoneException | ResourceNotFoundException | IllegalArgumentException e) {
            return null; // a booking still being made: its own transaction decides
        }
        String appointmentId = appointment.getIdElement().getIdPart();
        Task task = new Task();
        task.addIdentifier()
                .setSystem(MediwoxExtensions.SCHEDULE_MANAGEMENT + "/" + CODE)
                .setValue(appointmentId + "/" + slotId);
        task.setStatus(Task.TaskStatus.REQUESTED);
        task.setIntent(Task.TaskIntent.ORDER);
        task.setCode(new CodeableConcept(
                new Coding(MediwoxExtensions.SCHEDULE_MANAGEMENT, CODE, "Booked outside the provider's availability")));
        task.setFocus(new Reference("Appointment/" + appointmentId));
        appointment.getParticipant().stream()
                .map(Appointment.AppointmentParticipantComponent::getActor)
                .filter(actor -> "Patient".equals(actor.getReferenceElement().getResourceType()))
                .findFirst()
                .ifPresent(patient -> task.setFor(new Reference(patient.getReference())));
        if (role != null && role.hasOrganization()) {
            task.setOwner(new Reference(role.getOrganization().getReference()));
        }
        task.setAuthoredOn(Date.from(clock.instant()));
        task.setDescription("Appointment/" + appointmentId + " on "
                + appointment.getStartElement().getValueAsString()
                + " is booked in time its provider no longer works (leave, a closure or changed hours)."
                + " Move it ($book with cancelled-appt-id) or cancel it; the patient is told either way.");
        return daoRegistry
                .getResourceDao(Task.class)
                .create(task, system)
                .getId()
                .getIdPart();
    }
}

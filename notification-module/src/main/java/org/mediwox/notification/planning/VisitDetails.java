package org.mediwox.notification.planning;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.Optional;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;

/**
 * What a message says about the visit: the provider's name (from the Practitioner or the PractitionerRole's
 * Practitioner, "Dr." when the name has no prefix) and the place (the Location's name and first address line), read
 * from storage unless the reference carries a display.
 */
final class VisitDetails {

    private final DaoRegistry daoRegistry;

    VisitDetails(DaoRegistry daoRegistry) {
        this.daoRegistry = daoRegistry;
    }

    Optional<String> provider(Appointment appointment) {
        for (Appointment.AppointmentParticipantComponent participant : appointment.getParticipant()) {
            Reference actor = participant.getActor();
            String reference = actor.getReference();
            if (reference == null) {
                continue;
            }
            if (reference.startsWith("Practitioner/")) {
                return practitionerName(actor);
            }
            if (reference.startsWith("PractitionerRole/")) {
                PractitionerRole role = read(new IdType(reference), PractitionerRole.class);
                if (role != null && role.hasPractitioner()) {
                    return practitionerName(role.getPractitioner());
                }
            }
        }
        return Optional.empty();
    }

    private Optional<String> practitionerName(Reference reference) {
        if (reference.hasDisplay()) {
            return Optional.of(reference.getDisplay());
        }
        if (reference.getReference() == null || !reference.getReference().startsWith("Practitioner/")) {
            return Optional.empty();
        }
        Practitioner practitioner = read(new IdType(reference.getReference()), Practitioner.class);
        if (practitioner == null || !practitioner.hasName()) {
            return Optional.empty();
        }
        var name = practitioner.getNameFirstRep();
        String text = name.hasText() ? name.getText() : (name.getGivenAsSingleString() + " " + name.getFamily()).trim();
        return Optional.of(name.hasPrefix() || name.hasText() ? text : "Dr. " + text);
    }

    Optional<String> place(Appointment appointment) {
        for (Appointment.AppointmentParticipantComponent participant : appointment.getParticipant()) {
            Reference actor = participant.getActor();
            if (actor.getReference() != null && actor.getReference().startsWith("Location/")) {
                if (actor.hasDisplay()) {
                    return Optional.of(actor.getDisplay());
                }
                Location location = read(new IdType(actor.getReference()), Location.class);
                if (location != null && location.hasName()) {
                    String line = location.getAddress().hasLine()
                            ? ", " + location.getAddress().getLine().get(0).getValue()
                            : "";
                    return Optional.of(location.getName() + line);
                }
            }
        }
        return Optional.empty();
    }

    <T extends org.hl7.fhir.r4.model.Resource> T read(IdType id, Class<T> type) {
        try {
            return daoRegistry.getResourceDao(type).read(id.toUnqualifiedVersionless(), new SystemRequestDetails());
        } catch (ResourceNotFoundException | ResourceGoneException e) {
            return null;
        }
    }
}

package org.mediwox.scheduling.staff;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.LinkedHashSet;
import java.util.Set;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Schedule;
import org.hl7.fhir.r4.model.Slot;

/**
 * Where an Appointment is ({@link Place}), read as the server: its Location participant; else the Location of the
 * Schedule of a Slot it books, or that Schedule's PractitionerRole's Locations; else its PractitionerRole participant's
 * Locations. The Organizations are looked up only when asked (for a manager).
 */
class StaffPlaces {

    private final DaoRegistry daoRegistry;

    StaffPlaces(DaoRegistry daoRegistry) {
        this.daoRegistry = daoRegistry;
    }

    Place of(Appointment appointment, boolean withOrganizations) {
        Set<String> locations = new LinkedHashSet<>();
        Set<String> organizations = new LinkedHashSet<>();
        appointment
                .getParticipant()
                .forEach(p -> StaffDirectory.idOf(p.getActor(), "Location").ifPresent(locations::add));
        if (locations.isEmpty()) {
            for (Reference slotReference : appointment.getSlot()) {
                Slot slot = read(Slot.class, slotReference, "Slot");
                Schedule schedule = slot == null ? null : read(Schedule.class, slot.getSchedule(), "Schedule");
                if (schedule != null) {
                    scheduleLocations(schedule, locations, organizations);
                }
            }
        }
        if (locations.isEmpty()) {
            appointment.getParticipant().forEach(p -> roleLocations(p.getActor(), locations, organizations));
        }
        if (withOrganizations) {
            for (String id : locations) {
                Location location = read(Location.class, new Reference("Location/" + id), "Location");
                if (location != null) {
                    StaffDirectory.idOf(location.getManagingOrganization(), "Organization")
                            .ifPresent(organizations::add);
                }
            }
        }
        return new Place(locations, withOrganizations ? organizations : Set.of());
    }

    private void scheduleLocations(Schedule schedule, Set<String> locations, Set<String> organizations) {
        schedule.getActor().forEach(a -> StaffDirectory.idOf(a, "Location").ifPresent(locations::add));
        if (locations.isEmpty()) {
            schedule.getActor().forEach(a -> roleLocations(a, locations, organizations));
        }
    }

    private void roleLocations(Reference actor, Set<String> locations, Set<String> organizations) {
        if (StaffDirectory.idOf(actor, "PractitionerRole").isEmpty()) {
            return;
        }
        PractitionerRole role = read(PractitionerRole.class, actor, "PractitionerRole");
        if (role != null) {
            role.getLocation().forEach(l -> StaffDirectory.idOf(l, "Location").ifPresent(locations::add));
            StaffDirectory.idOf(role.getOrganization(), "Organization").ifPresent(organizations::add);
        }
    }

    private <T extends Resource> T read(Class<T> type, Reference reference, String typeName) {
        var id = StaffDirectory.idOf(reference, typeName);
        if (id.isEmpty()) {
            return null;
        }
        try {
            return daoRegistry.getResourceDao(type).read(new IdType(typeName, id.get()), new SystemRequestDetails());
        } catch (ResourceNotFoundException | ResourceGoneException e) {
            return null;
        }
    }
}

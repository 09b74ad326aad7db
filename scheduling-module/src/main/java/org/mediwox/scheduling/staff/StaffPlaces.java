package org.mediwox.scheduling.staff;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Schedule;
import org.hl7.fhir.r4.model.Slot;

/**
 * Where a write is ({@link Place}), read as the server. An Appointment: its Location participant; else the Location of
 * the Schedule of a Slot it books, or that Schedule's PractitionerRole's Locations; else its PractitionerRole
 * participant's Locations; the Organizations are looked up only when asked (for a manager). Availability (asked for a
 * manager only): a PractitionerRole by its {@code location}s and {@code organization}; a Schedule as an Appointment on
 * it would be (its Location actors, else its PractitionerRole actors'); a Slot by its Schedule; a Location by itself
 * and its {@code managingOrganization}. Each with the {@code managingOrganization} of its Locations.
 *
 * <p>One instance per check. The resources it reads are kept in {@code reads} (the interceptor passes one map per
 * database transaction, so the entries of a transaction Bundle share their lookups). It notes when a reference it
 * follows cannot be read ({@link #unresolved()}): a transaction's placeholder ({@code urn:uuid:}, {@code urn:oid:})
 * that HAPI has not replaced yet, or a resource not stored (yet) — then the place it answers may be incomplete.
 */
class StaffPlaces {

    private final DaoRegistry daoRegistry;
    private final Map<String, Resource> reads;
    private boolean unresolved;

    StaffPlaces(DaoRegistry daoRegistry, Map<String, Resource> reads) {
        this.daoRegistry = daoRegistry;
        this.reads = reads;
    }

    /** Whether a reference followed so far named nothing that could be read: a placeholder or a missing resource. */
    boolean unresolved() {
        return unresolved;
    }

    Place of(Appointment appointment, boolean withOrganizations) {
        Set<String> locations = new LinkedHashSet<>();
        Set<String> organizations = new LinkedHashSet<>();
        appointment.getParticipant().forEach(p -> id(p.getActor(), "Location").ifPresent(locations::add));
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
            addManagingOrganizations(locations, organizations);
        }
        return new Place(locations, withOrganizations ? organizations : Set.of());
    }

    /** Where availability is (one version of it), with the Organizations; {@link Place#UNKNOWN} if it cannot be told. */
    Place ofAvailability(IBaseResource resource) {
        Set<String> locations = new LinkedHashSet<>();
        Set<String> organizations = new LinkedHashSet<>();
        if (resource instanceof PractitionerRole role) {
            role.getLocation().forEach(l -> id(l, "Location").ifPresent(locations::add));
            id(role.getOrganization(), "Organization").ifPresent(organizations::add);
        } else if (resource instanceof Schedule schedule) {
            scheduleLocations(schedule, locations, organizations);
        } else if (resource instanceof Slot slot) {
            Schedule schedule = read(Schedule.class, slot.getSchedule(), "Schedule");
            if (schedule != null) {
                scheduleLocations(schedule, locations, organizations);
            }
        } else if (resource instanceof Location location) {
            // this version's managingOrganization, not the stored one: a change of it is checked at both ends
            if (location.getIdElement().hasIdPart()) {
                locations.add(location.getIdElement().getIdPart());
            }
            id(location.getManagingOrganization(), "Organization").ifPresent(organizations::add);
            return new Place(locations, organizations);
        }
        addManagingOrganizations(locations, organizations);
        return new Place(locations, organizations);
    }

    private void addManagingOrganizations(Set<String> locations, Set<String> organizations) {
        for (String id : locations) {
            Location location = read(Location.class, new Reference("Location/" + id), "Location");
            if (location != null) {
                id(location.getManagingOrganization(), "Organization").ifPresent(organizations::add);
            }
        }
    }

    private void scheduleLocations(Schedule schedule, Set<String> locations, Set<String> organizations) {
        schedule.getActor().forEach(a -> id(a, "Location").ifPresent(locations::add));
        if (locations.isEmpty()) {
            schedule.getActor().forEach(a -> roleLocations(a, locations, organizations));
        }
    }

    private void roleLocations(Reference actor, Set<String> locations, Set<String> organizations) {
        if (id(actor, "PractitionerRole").isEmpty()) {
            return;
        }
        PractitionerRole role = read(PractitionerRole.class, actor, "PractitionerRole");
        if (role != null) {
            role.getLocation().forEach(l -> id(l, "Location").ifPresent(locations::add));
            id(role.getOrganization(), "Organization").ifPresent(organizations::add);
        }
    }

    /** The resource a reference names, read as the server within the current transaction; null if none. */
    private <T extends Resource> T read(Class<T> type, Reference reference, String typeName) {
        var id = id(reference, typeName);
        if (id.isEmpty()) {
            return null;
        }
        String key = typeName + "/" + id.get();
        Resource known = reads.get(key);
        if (known != null) {
            return type.cast(known);
        }
        try {
            T read = daoRegistry.getResourceDao(type).read(new IdType(typeName, id.get()), new SystemRequestDetails());
            reads.put(key, read);
            return read;
        } catch (ResourceNotFoundException | ResourceGoneException e) {
            // not kept: a transaction may store it later on (a PUT with the client's id)
            unresolved = true;
            return null;
        }
    }

    /** The id a reference names, when it names a {@code type}; a transaction's placeholder is noted as unresolved. */
    private Optional<String> id(Reference reference, String type) {
        String value = reference.getReference();
        if (value != null && value.startsWith("urn:")) {
            unresolved = true;
        }
        return StaffDirectory.idOf(reference, type);
    }
}

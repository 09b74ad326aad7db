package org.mediwox.scheduling.staff;

import java.util.Set;

/**
 * Where a write is: the Location(s) it may be at and the Organizations they belong to. For an Appointment: its Location
 * participant; else its Slot's Schedule's Location or that Schedule's role's Locations; else its PractitionerRole
 * participant's Locations, with the Locations' {@code managingOrganization} and the Organization of the role it books.
 * For availability see {@link StaffPlaces#ofAvailability}.
 *
 * @param locationIds the Locations; empty: unknown
 * @param organizationIds the Organizations (looked up only for a manager)
 */
record Place(Set<String> locationIds, Set<String> organizationIds) {

    static final Place UNKNOWN = new Place(Set.of(), Set.of());

    Place {
        locationIds = Set.copyOf(locationIds);
        organizationIds = Set.copyOf(organizationIds);
    }

    boolean known() {
        return !locationIds.isEmpty();
    }

    /** Whether availability here can be placed at all: a Location or an Organization. */
    boolean placed() {
        return !locationIds.isEmpty() || !organizationIds.isEmpty();
    }

    /** The Locations and Organizations, as references: "Location/north (Organization/clinic)". */
    String describeWithOrganizations() {
        String organizations = organizationIds.stream()
                .sorted()
                .map(id -> "Organization/" + id)
                .reduce((a, b) -> a + ", " + b)
                .orElse("no Organization");
        return locationIds.isEmpty() ? organizations : describe() + " (" + organizations + ")";
    }

    String describe() {
        return locationIds.stream()
                .sorted()
                .map(id -> "Location/" + id)
                .reduce((a, b) -> a + " or " + b)
                .orElse("?");
    }
}

package org.mediwox.scheduling.staff;

import java.util.Set;

/**
 * Where an Appointment is: the Location(s) it may be at (its Location participant; else its Slot's Schedule's Location
 * or that Schedule's role's Locations; else its PractitionerRole participant's Locations) and the Organizations they
 * belong to (the Locations' {@code managingOrganization}, and the Organization of the role it books).
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

    String describe() {
        return locationIds.stream()
                .sorted()
                .map(id -> "Location/" + id)
                .reduce((a, b) -> a + " or " + b)
                .orElse("?");
    }
}

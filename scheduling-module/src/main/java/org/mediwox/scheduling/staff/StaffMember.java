package org.mediwox.scheduling.staff;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.mediwox.plugin.vocabulary.StaffRole;

/**
 * A practitioner as the clinic's staff: their PractitionerRoles, of which only the active ones give rights. A role
 * without a {@code staff-role} code counts as {@link StaffRole#CLINICIAN}.
 *
 * @param practitionerId the Practitioner's id
 * @param roles every PractitionerRole of theirs, active or not
 */
public record StaffMember(String practitionerId, List<Role> roles) {

    /**
     * One PractitionerRole.
     *
     * @param id its id
     * @param active whether it is active (a role without {@code active} is not)
     * @param staffRoles its {@code staff-role} codes; empty: a clinician
     * @param locationIds the ids of its Locations
     * @param organizationId the id of its Organization, or null
     */
    public record Role(
            String id, boolean active, Set<StaffRole> staffRoles, Set<String> locationIds, String organizationId) {

        public Role {
            staffRoles = Set.copyOf(staffRoles);
            locationIds = Set.copyOf(locationIds);
        }

        /** What it makes its holder: its codes, or clinician without one. */
        public Set<StaffRole> kinds() {
            return staffRoles.isEmpty() ? Set.of(StaffRole.CLINICIAN) : staffRoles;
        }
    }

    public StaffMember {
        roles = List.copyOf(roles);
    }

    /** The ids of all their roles, active or not, in order (their own workload figures are these roles'). */
    public Set<String> roleIds() {
        return roles.stream().map(Role::id).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** What their active roles make them. */
    public Set<StaffRole> staffRoles() {
        return active().flatMap(r -> r.kinds().stream()).collect(Collectors.toUnmodifiableSet());
    }

    /** Whether one of their active roles is coded {@code staff-role#manager}. */
    public boolean isManager() {
        return staffRoles().contains(StaffRole.MANAGER);
    }

    /** The Locations of their active roles. */
    public Set<String> locationIds() {
        return active().flatMap(r -> r.locationIds().stream()).collect(Collectors.toCollection(TreeSet::new));
    }

    /** The Organizations of their active roles. */
    public Set<String> organizationIds() {
        return organizationsOf(active().toList());
    }

    /** The Organizations of their active manager roles: where a manager's rights reach beyond their own Locations. */
    public Set<String> managedOrganizationIds() {
        return organizationsOf(
                active().filter(r -> r.kinds().contains(StaffRole.MANAGER)).toList());
    }

    private Stream<Role> active() {
        return roles.stream().filter(Role::active);
    }

    private static Set<String> organizationsOf(Collection<Role> roles) {
        return roles.stream()
                .map(Role::organizationId)
                .filter(id -> id != null && !id.isEmpty())
                .collect(Collectors.toCollection(TreeSet::new));
    }
}

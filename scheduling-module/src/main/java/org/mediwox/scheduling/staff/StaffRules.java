package org.mediwox.scheduling.staff;

import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.mediwox.plugin.vocabulary.MediwoxExtensions;
import org.mediwox.plugin.vocabulary.StaffRefusal;
import org.mediwox.plugin.vocabulary.StaffRole;

/**
 * What a member of the staff may write, decided from who they are and what the write touches, nothing looked up:
 *
 * <ul>
 *   <li>an Appointment — created, changed (before and after) or deleted — at a Location of one of their active roles
 *       (front desk, clinician, manager alike); a manager also anywhere in the Organizations of their manager roles;
 *       an Appointment whose place cannot be told is refused;
 *   <li>availability — Schedules, Slots written directly, a Location's closures and {@code managingOrganization},
 *       PractitionerRoles — by managers only, and only where it belongs to one of their Locations or to an
 *       Organization of their manager roles, before and after the change ({@link StaffPlaces#ofAvailability}); what
 *       cannot be placed is refused; except that a practitioner (a manager too) may change the {@code notAvailable}
 *       (leave) of their own role and nothing else in it, wherever it is.
 * </ul>
 */
final class StaffRules {

    /** A refusal: its code and the sentence that says what to do. */
    record Refusal(StaffRefusal reason, String message) {}

    private StaffRules() {}

    /** An Appointment write at {@code place} (one version of it). */
    static Optional<Refusal> appointment(StaffMember member, String appointment, Place place) {
        String who = "Practitioner/" + member.practitionerId();
        if (!place.known()) {
            return Optional.of(new Refusal(
                    StaffRefusal.PLACE_UNKNOWN,
                    appointment + " names no Location, nor a Slot or PractitionerRole that has one, so it cannot be"
                            + " checked against " + who + "'s locations: add the Location as a participant or book one"
                            + " of its Slots"));
        }
        if (!Collections.disjoint(member.locationIds(), place.locationIds())) {
            return Optional.empty();
        }
        boolean manager = member.isManager();
        if (manager && !Collections.disjoint(member.managedOrganizationIds(), place.organizationIds())) {
            return Optional.empty();
        }
        String mine = member.locationIds().isEmpty()
                ? "none (no active PractitionerRole names a Location)"
                : references("Location", member.locationIds());
        String organizations = manager
                ? "; as a manager also those of "
                        + (member.managedOrganizationIds().isEmpty()
                                ? "their manager roles' Organizations (none is named)"
                                : references("Organization", member.managedOrganizationIds()))
                : "";
        return Optional.of(new Refusal(
                StaffRefusal.NOT_AT_STAFF_LOCATION,
                who + " may write Appointments only at the Locations of their active PractitionerRoles (" + mine + ")"
                        + organizations + "; " + appointment + " is at " + place.describe()
                        + ". Ask the staff of that Location, or a manager to add a PractitionerRole there"));
    }

    /**
     * A write of availability ({@code what}: {@code Schedule/4}, a Location's closures…) created ({@code before} null),
     * changed, or deleted ({@code after} null): a manager's, where both versions are at one of their places ({@code
     * placeOf}: asked only for a manager).
     */
    static Optional<Refusal> availability(
            StaffMember member,
            String what,
            IBaseResource before,
            IBaseResource after,
            Function<IBaseResource, Place> placeOf) {
        if (!member.isManager()) {
            return Optional.of(managerOnly(member, what, ""));
        }
        if (after != null) {
            Optional<Refusal> refusal = managed(member, what, placeOf.apply(after), "is");
            if (refusal.isPresent()) {
                return refusal;
            }
        }
        return before == null
                ? Optional.empty()
                : managed(member, what, placeOf.apply(before), after == null ? "is" : "was until this change");
    }

    /** Whether availability at {@code place} is the manager's: at one of their Locations or in their Organizations. */
    static Optional<Refusal> managed(StaffMember member, String what, Place place, String tense) {
        String who = "Practitioner/" + member.practitionerId();
        if (!place.placed()) {
            return Optional.of(new Refusal(
                    StaffRefusal.PLACE_UNKNOWN,
                    what + " names no Location or Organization (nor a Schedule or PractitionerRole that has one), so"
                            + " it cannot be checked against the places " + who + " manages: give it a Location or an"
                            + " Organization"));
        }
        if (!Collections.disjoint(member.locationIds(), place.locationIds())
                || !Collections.disjoint(member.managedOrganizationIds(), place.organizationIds())) {
            return Optional.empty();
        }
        String mine = member.locationIds().isEmpty() ? "none" : references("Location", member.locationIds());
        String organizations = member.managedOrganizationIds().isEmpty()
                ? "none is named"
                : references("Organization", member.managedOrganizationIds());
        return Optional.of(new Refusal(
                StaffRefusal.NOT_IN_MANAGED_PLACES,
                who + " may edit availability only at the Locations of their active PractitionerRoles (" + mine
                        + ") and in the Organizations of their manager roles (" + organizations + "); " + what + " "
                        + tense + " at " + place.describeWithOrganizations() + ", so it was not changed. Ask a"
                        + " manager of that clinic to make the change"));
    }

    /**
     * A PractitionerRole created ({@code before} null), changed, or deleted ({@code after} null): a manager's where it
     * is at their places before and after ({@link #availability}), or the practitioner's own leave ({@code
     * notAvailable}) with nothing else changed.
     */
    static Optional<Refusal> role(
            StaffMember member,
            PractitionerRole before,
            PractitionerRole after,
            Function<IBaseResource, Place> placeOf) {
        if (before != null && after != null && own(member, before) && own(member, after) && onlyLeave(before, after)) {
            return Optional.empty();
        }
        PractitionerRole role = after != null ? after : before;
        String what = role.getIdElement().hasIdPart()
                ? "PractitionerRole/" + role.getIdElement().getIdPart()
                : "a new PractitionerRole";
        if (member.isManager()) {
            return availability(member, what, before, after, placeOf);
        }
        return Optional.of(managerOnly(
                member,
                what,
                " A practitioner may change only the leave (notAvailable) of their own PractitionerRole, nothing"
                        + " else in it."));
    }

    /**
     * A Location write: its closures ({@code location-closure}) are availability, and so is its {@code
     * managingOrganization} (which decides whose availability it is); the rest is not governed here.
     */
    static Optional<Refusal> location(
            StaffMember member, Location before, Location after, Function<IBaseResource, Place> placeOf) {
        boolean closures = !sameClosures(before, after);
        if (!closures && sameOrganization(before, after)) {
            return Optional.empty();
        }
        Location location = after != null ? after : before;
        String what = (closures
                        ? "the closures (" + MediwoxExtensions.LOCATION_CLOSURE + ") of "
                        : "the managingOrganization of ")
                + (location.getIdElement().hasIdPart()
                        ? "Location/" + location.getIdElement().getIdPart()
                        : "a new Location");
        return availability(member, what, before, after, placeOf);
    }

    private static Refusal managerOnly(StaffMember member, String what, String more) {
        return new Refusal(
                StaffRefusal.MANAGER_ONLY,
                "Availability (Schedules, Slots, a Location's closures and Organization, PractitionerRoles) is edited"
                        + " by managers only, and"
                        + " Practitioner/" + member.practitionerId() + " has no active PractitionerRole coded "
                        + StaffRole.SYSTEM + "#" + StaffRole.MANAGER.code() + ": " + what + " was not changed."
                        + more + " Ask a manager to make the change.");
    }

    private static boolean own(StaffMember member, PractitionerRole role) {
        return StaffDirectory.idOf(role.getPractitioner(), "Practitioner")
                .map(member.practitionerId()::equals)
                .orElse(false);
    }

    /** Whether the two versions differ in nothing but {@code notAvailable} (and what the server keeps: meta). */
    static boolean onlyLeave(PractitionerRole before, PractitionerRole after) {
        PractitionerRole a = before.copy();
        PractitionerRole b = after.copy();
        for (PractitionerRole r : new PractitionerRole[] {a, b}) {
            r.setNotAvailable(null);
            r.setMeta(null);
            r.setIdElement(null);
        }
        return a.equalsDeep(b);
    }

    /**
     * Whether a change keeps the managing Organization; a Location created or deleted changes none (its closures, if
     * it has any, are checked).
     */
    private static boolean sameOrganization(Location before, Location after) {
        return before == null
                || after == null
                || Objects.equals(
                        before.getManagingOrganization().getReference(),
                        after.getManagingOrganization().getReference());
    }

    /** Whether the two versions have the same closures, in the same order. */
    private static boolean sameClosures(Location before, Location after) {
        List<Extension> a = closures(before);
        List<Extension> b = closures(after);
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).equalsDeep(b.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static List<Extension> closures(Location location) {
        return location == null ? List.of() : location.getExtensionsByUrl(MediwoxExtensions.LOCATION_CLOSURE);
    }

    private static String references(String type, Set<String> ids) {
        return ids.stream().sorted().map(id -> type + "/" + id).collect(Collectors.joining(", "));
    }
}

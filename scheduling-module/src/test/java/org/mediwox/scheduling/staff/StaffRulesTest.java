package org.mediwox.scheduling.staff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Schedule;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;
import org.mediwox.plugin.vocabulary.MediwoxExtensions;
import org.mediwox.plugin.vocabulary.StaffRefusal;
import org.mediwox.plugin.vocabulary.StaffRole;

class StaffRulesTest {

    private static final Place NORTH = new Place(Set.of("north"), Set.of("clinic"));
    private static final Place MAIN = new Place(Set.of("main"), Set.of("clinic"));
    private static final Place ELSEWHERE = new Place(Set.of("far"), Set.of("other-clinic"));

    private static StaffMember.Role role(String id, boolean active, Set<StaffRole> codes, String location, String org) {
        return new StaffMember.Role(id, active, codes, location == null ? Set.of() : Set.of(location), org);
    }

    private static StaffMember member(StaffMember.Role... roles) {
        return new StaffMember("7", List.of(roles));
    }

    private static final StaffMember FRONT_DESK_NORTH =
            member(role("r1", true, Set.of(StaffRole.FRONT_DESK), "north", "clinic"));
    private static final StaffMember CLINICIAN_MAIN = member(role("r2", true, Set.of(), "main", "clinic"));
    private static final StaffMember MANAGER = member(role("r3", true, Set.of(StaffRole.MANAGER), null, "clinic"));

    /** The clinic of each Location of these tests, as the server reads a Location's managingOrganization. */
    private static final Map<String, String> ORGANIZATION_OF =
            Map.of("north", "clinic", "main", "clinic", "far", "other-clinic");

    /**
     * Where availability is, as {@link StaffPlaces#ofAvailability} places it: a Schedule by its Location actors, a
     * role by its Locations and Organization, a Location by itself and its managingOrganization.
     */
    private static final Function<IBaseResource, Place> PLACED = resource -> {
        Set<String> locations = new HashSet<>();
        Set<String> organizations = new HashSet<>();
        if (resource instanceof Schedule schedule) {
            schedule.getActor().forEach(a -> StaffDirectory.idOf(a, "Location").ifPresent(locations::add));
        } else if (resource instanceof PractitionerRole role) {
            role.getLocation().forEach(l -> StaffDirectory.idOf(l, "Location").ifPresent(locations::add));
            StaffDirectory.idOf(role.getOrganization(), "Organization").ifPresent(organizations::add);
        } else if (resource instanceof Location location) {
            locations.add(location.getIdElement().getIdPart());
            StaffDirectory.idOf(location.getManagingOrganization(), "Organization")
                    .ifPresent(organizations::add);
            return new Place(locations, organizations);
        }
        locations.forEach(id -> organizations.add(ORGANIZATION_OF.get(id)));
        return new Place(locations, organizations);
    };

    private static Schedule schedule(String locationId) {
        Schedule schedule = new Schedule().setActive(true);
        schedule.setId("Schedule/4");
        schedule.addActor(new Reference("Location/" + locationId));
        return schedule;
    }

    private static Optional<StaffRefusal> availability(StaffMember member, Schedule before, Schedule after) {
        return StaffRules.availability(member, "Schedule/4", before, after, PLACED)
                .map(StaffRules.Refusal::reason);
    }

    private static Optional<StaffRefusal> appointmentAt(StaffMember member, Place place) {
        return StaffRules.appointment(member, "Appointment/9", place).map(StaffRules.Refusal::reason);
    }

    @Test
    void frontDesk_writesAppointmentsAtTheirLocation_only() {
        assertThat(appointmentAt(FRONT_DESK_NORTH, NORTH)).isEmpty();
        assertThat(appointmentAt(FRONT_DESK_NORTH, MAIN)).contains(StaffRefusal.NOT_AT_STAFF_LOCATION);
    }

    @Test
    void aRoleWithoutAStaffRoleCode_isAClinician_atItsLocation() {
        assertThat(CLINICIAN_MAIN.staffRoles()).containsExactly(StaffRole.CLINICIAN);
        assertThat(CLINICIAN_MAIN.isManager()).isFalse();
        assertThat(appointmentAt(CLINICIAN_MAIN, MAIN)).isEmpty();
        assertThat(appointmentAt(CLINICIAN_MAIN, NORTH)).contains(StaffRefusal.NOT_AT_STAFF_LOCATION);
    }

    @Test
    void aPlaceWithSeveralPossibleLocations_isAllowedWhenOneIsTheirs() {
        assertThat(appointmentAt(FRONT_DESK_NORTH, new Place(Set.of("main", "north"), Set.of())))
                .isEmpty();
    }

    @Test
    void aManager_writesAnywhereInTheirOrganization_butNotInAnother() {
        assertThat(appointmentAt(MANAGER, NORTH)).isEmpty();
        assertThat(appointmentAt(MANAGER, MAIN)).isEmpty();
        assertThat(appointmentAt(MANAGER, ELSEWHERE)).contains(StaffRefusal.NOT_AT_STAFF_LOCATION);
    }

    @Test
    void theOrganizationOfANonManagerRole_givesNoRightsBeyondItsLocations() {
        StaffMember both = member(
                role("m", true, Set.of(StaffRole.MANAGER), null, "other-clinic"),
                role("c", true, Set.of(StaffRole.CLINICIAN), "north", "clinic"));

        assertThat(appointmentAt(both, NORTH)).isEmpty();
        assertThat(appointmentAt(both, MAIN)).contains(StaffRefusal.NOT_AT_STAFF_LOCATION);
        assertThat(appointmentAt(both, ELSEWHERE)).isEmpty();
    }

    @Test
    void inactiveRoles_giveNoRights_butStayTheirsForTheirFigures() {
        StaffMember former = member(
                role("old", false, Set.of(StaffRole.MANAGER), "main", "clinic"),
                role("now", true, Set.of(StaffRole.FRONT_DESK), "north", "clinic"));

        assertThat(former.isManager()).isFalse();
        assertThat(former.locationIds()).containsExactly("north");
        assertThat(former.roleIds()).containsExactly("old", "now");
        assertThat(appointmentAt(former, MAIN)).contains(StaffRefusal.NOT_AT_STAFF_LOCATION);
        assertThat(StaffRules.availability(former, "Schedule/4", null, schedule("main"), PLACED))
                .isPresent();
    }

    @Test
    void noActiveRoleAtAll_isRefusedEverywhere_sayingSo() {
        StaffMember nobody = member();

        Optional<StaffRules.Refusal> refusal = StaffRules.appointment(nobody, "Appointment/9", NORTH);

        assertThat(refusal).map(StaffRules.Refusal::reason).contains(StaffRefusal.NOT_AT_STAFF_LOCATION);
        assertThat(refusal.orElseThrow().message()).contains("no active PractitionerRole names a Location");
    }

    @Test
    void anUnknownPlace_isRefusedForEveryone_evenAManager() {
        assertThat(appointmentAt(FRONT_DESK_NORTH, Place.UNKNOWN)).contains(StaffRefusal.PLACE_UNKNOWN);
        assertThat(appointmentAt(MANAGER, Place.UNKNOWN)).contains(StaffRefusal.PLACE_UNKNOWN);
        assertThat(StaffRules.appointment(MANAGER, "Appointment/9", Place.UNKNOWN)
                        .orElseThrow()
                        .message())
                .contains("add the Location as a participant");
    }

    @Test
    void theRefusal_namesTheirLocationsAndTheAppointmentsPlace() {
        String message = StaffRules.appointment(FRONT_DESK_NORTH, "Appointment/9", MAIN)
                .orElseThrow()
                .message();

        assertThat(message)
                .contains("Practitioner/7")
                .contains("Location/north")
                .contains("Appointment/9 is at Location/main")
                .contains("Ask the staff of that Location");
    }

    @Test
    void availability_isAManagersOnly() {
        assertThat(StaffRules.availability(MANAGER, "Schedule/4", null, schedule("main"), PLACED))
                .isEmpty();
        Optional<StaffRules.Refusal> clinician =
                StaffRules.availability(CLINICIAN_MAIN, "Schedule/4", null, schedule("main"), PLACED);
        assertThat(clinician).map(StaffRules.Refusal::reason).contains(StaffRefusal.MANAGER_ONLY);
        assertThat(clinician.orElseThrow().message()).contains("Schedule/4").contains("staff-role#manager");
        assertThat(StaffRules.availability(FRONT_DESK_NORTH, "Slot/5", schedule("north"), null, PLACED))
                .map(StaffRules.Refusal::reason)
                .contains(StaffRefusal.MANAGER_ONLY);
    }

    @Test
    void aManager_editsAvailabilityInTheirOrganization_notInAnother() {
        assertThat(availability(MANAGER, schedule("north"), schedule("north"))).isEmpty();
        assertThat(availability(MANAGER, null, schedule("main"))).isEmpty();
        assertThat(availability(MANAGER, schedule("far"), schedule("far")))
                .contains(StaffRefusal.NOT_IN_MANAGED_PLACES);
        assertThat(availability(MANAGER, null, schedule("far"))).contains(StaffRefusal.NOT_IN_MANAGED_PLACES);
    }

    @Test
    void aManagerWhoseManagerRoleNamesOnlyALocation_editsAvailabilityThereOnly() {
        StaffMember farManager = member(role("m", true, Set.of(StaffRole.MANAGER), "far", null));

        assertThat(availability(farManager, schedule("far"), schedule("far"))).isEmpty();
        assertThat(availability(farManager, schedule("north"), schedule("north")))
                .contains(StaffRefusal.NOT_IN_MANAGED_PLACES);
    }

    @Test
    void theOrganizationOfANonManagerRole_givesNoAvailabilityRights_itsLocationDoes() {
        StaffMember both = member(
                role("m", true, Set.of(StaffRole.MANAGER), null, "other-clinic"),
                role("c", true, Set.of(StaffRole.CLINICIAN), "north", "clinic"));

        assertThat(availability(both, null, schedule("north"))).isEmpty();
        assertThat(availability(both, null, schedule("far"))).isEmpty();
        assertThat(availability(both, null, schedule("main"))).contains(StaffRefusal.NOT_IN_MANAGED_PLACES);
    }

    @Test
    void deletingAvailability_isCheckedWhereItWas() {
        assertThat(availability(MANAGER, schedule("north"), null)).isEmpty();
        assertThat(availability(MANAGER, schedule("far"), null)).contains(StaffRefusal.NOT_IN_MANAGED_PLACES);
    }

    @Test
    void movingAvailabilityOutOfOrIntoAnotherClinic_isRefused_bothWays() {
        Optional<StaffRules.Refusal> out =
                StaffRules.availability(MANAGER, "Schedule/4", schedule("north"), schedule("far"), PLACED);
        Optional<StaffRules.Refusal> in =
                StaffRules.availability(MANAGER, "Schedule/4", schedule("far"), schedule("north"), PLACED);

        assertThat(out).map(StaffRules.Refusal::reason).contains(StaffRefusal.NOT_IN_MANAGED_PLACES);
        assertThat(out.orElseThrow().message()).contains("Schedule/4 is at Location/far (Organization/other-clinic)");
        assertThat(in).map(StaffRules.Refusal::reason).contains(StaffRefusal.NOT_IN_MANAGED_PLACES);
        assertThat(in.orElseThrow().message()).contains("Schedule/4 was until this change at Location/far");
    }

    @Test
    void theRefusalOfAnotherClinicsAvailability_namesTheManagersPlacesAndWhereItIs() {
        StaffMember manager = member(role("m", true, Set.of(StaffRole.MANAGER), "north", "clinic"));

        String message = StaffRules.availability(manager, "Slot/5", null, schedule("far"), PLACED)
                .orElseThrow()
                .message();

        assertThat(message)
                .contains("Practitioner/7")
                .contains("(Location/north)")
                .contains("(Organization/clinic)")
                .contains("Slot/5 is at Location/far (Organization/other-clinic)")
                .contains("Ask a manager of that clinic");
    }

    @Test
    void availabilityThatCannotBePlaced_isRefused_evenForAManager() {
        Optional<StaffRules.Refusal> refusal =
                StaffRules.availability(MANAGER, "Schedule/4", null, new Schedule(), PLACED);

        assertThat(refusal).map(StaffRules.Refusal::reason).contains(StaffRefusal.PLACE_UNKNOWN);
        assertThat(refusal.orElseThrow().message()).contains("give it a Location or an Organization");
    }

    @Test
    void aManager_movingARoleToAnotherClinic_isRefused_withinTheirClinic_allowed() {
        PractitionerRole before = practitionerRole("8");
        PractitionerRole moved = before.copy();
        moved.getLocation().clear();
        moved.addLocation(new Reference("Location/far"));
        PractitionerRole toMain = before.copy();
        toMain.getLocation().clear();
        toMain.addLocation(new Reference("Location/main"));

        assertThat(StaffRules.role(MANAGER, before, moved, PLACED))
                .map(StaffRules.Refusal::reason)
                .contains(StaffRefusal.NOT_IN_MANAGED_PLACES);
        assertThat(StaffRules.role(MANAGER, moved, before, PLACED))
                .map(StaffRules.Refusal::reason)
                .contains(StaffRefusal.NOT_IN_MANAGED_PLACES);
        assertThat(StaffRules.role(MANAGER, before, toMain, PLACED)).isEmpty();
    }

    @Test
    void aManager_changesTheLeaveOfTheirOwnRole_evenOutsideTheirClinic() {
        PractitionerRole own = practitionerRole("7");
        own.getLocation().clear();
        own.addLocation(new Reference("Location/far"));
        PractitionerRole onLeave = own.copy();
        onLeave.addNotAvailable().setDescription("Annual leave");
        PractitionerRole colleague = practitionerRole("8");
        colleague.getLocation().clear();
        colleague.addLocation(new Reference("Location/far"));
        PractitionerRole colleagueOnLeave = colleague.copy();
        colleagueOnLeave.addNotAvailable().setDescription("Annual leave");

        assertThat(StaffRules.role(MANAGER, own, onLeave, PLACED)).isEmpty();
        assertThat(StaffRules.role(MANAGER, colleague, colleagueOnLeave, PLACED))
                .map(StaffRules.Refusal::reason)
                .contains(StaffRefusal.NOT_IN_MANAGED_PLACES);
    }

    @Test
    void aManager_editsTheClosuresOfTheirClinicsLocations_only_andCannotMoveALocationIntoTheirClinic() {
        Location far = new Location().setName("Far away");
        far.setId("Location/far");
        far.setManagingOrganization(new Reference("Organization/other-clinic"));
        Location farClosed = far.copy();
        farClosed.addExtension().setUrl(MediwoxExtensions.LOCATION_CLOSURE);
        Location taken = far.copy().setManagingOrganization(new Reference("Organization/clinic"));
        Location north = new Location().setName("Mediwox North");
        north.setId("Location/north");
        north.setManagingOrganization(new Reference("Organization/clinic"));
        Location northClosed = north.copy();
        northClosed.addExtension().setUrl(MediwoxExtensions.LOCATION_CLOSURE);

        assertThat(StaffRules.location(MANAGER, north, northClosed, PLACED)).isEmpty();
        assertThat(StaffRules.location(MANAGER, far, farClosed, PLACED))
                .map(StaffRules.Refusal::reason)
                .contains(StaffRefusal.NOT_IN_MANAGED_PLACES);
        assertThat(StaffRules.location(MANAGER, far, taken, PLACED))
                .as("a Location moved into the manager's Organization was another clinic's until then")
                .map(StaffRules.Refusal::reason)
                .contains(StaffRefusal.NOT_IN_MANAGED_PLACES);
        assertThat(StaffRules.location(FRONT_DESK_NORTH, north, north.copy().setManagingOrganization(null), PLACED))
                .map(StaffRules.Refusal::reason)
                .contains(StaffRefusal.MANAGER_ONLY);
    }

    @Test
    void aPractitioner_addsLeaveToTheirOwnRole() {
        PractitionerRole before = practitionerRole("7");
        PractitionerRole after = before.copy();
        after.addNotAvailable()
                .setDescription("Annual leave")
                .setDuring(new Period().setStart(new Date(0)).setEnd(new Date(86_400_000L)));

        assertThat(StaffRules.role(CLINICIAN_MAIN, before, after, PLACED)).isEmpty();
        assertThat(StaffRules.role(FRONT_DESK_NORTH, before, after, PLACED)).isEmpty();
    }

    @Test
    void aPractitioner_removesTheirOwnLeave_evenWithAnotherVersionInMeta() {
        PractitionerRole before = practitionerRole("7");
        before.addNotAvailable().setDescription("Annual leave");
        before.getMeta().setVersionId("3");
        PractitionerRole after = before.copy();
        after.getNotAvailable().clear();
        after.getMeta().setVersionId("4");

        assertThat(StaffRules.role(CLINICIAN_MAIN, before, after, PLACED)).isEmpty();
    }

    @Test
    void leaveTogetherWithAnyOtherChange_isAManagersOnly() {
        PractitionerRole before = practitionerRole("7");
        PractitionerRole after = before.copy();
        after.addNotAvailable().setDescription("Annual leave");
        after.addLocation(new Reference("Location/main"));

        Optional<StaffRules.Refusal> refusal = StaffRules.role(CLINICIAN_MAIN, before, after, PLACED);

        assertThat(refusal).map(StaffRules.Refusal::reason).contains(StaffRefusal.MANAGER_ONLY);
        assertThat(refusal.orElseThrow().message()).contains("only the leave (notAvailable) of their own");
    }

    @Test
    void makingOneselfAManager_isRefused() {
        PractitionerRole before = practitionerRole("7");
        PractitionerRole after = before.copy();
        after.addCode(new CodeableConcept(new Coding(StaffRole.SYSTEM, StaffRole.MANAGER.code(), null)));

        assertThat(StaffRules.role(CLINICIAN_MAIN, before, after, PLACED))
                .map(StaffRules.Refusal::reason)
                .contains(StaffRefusal.MANAGER_ONLY);
    }

    @Test
    void leaveOnAColleaguesRole_isAManagersOnly() {
        PractitionerRole before = practitionerRole("8");
        PractitionerRole after = before.copy();
        after.addNotAvailable().setDescription("Annual leave");

        assertThat(StaffRules.role(CLINICIAN_MAIN, before, after, PLACED))
                .map(StaffRules.Refusal::reason)
                .contains(StaffRefusal.MANAGER_ONLY);
        assertThat(StaffRules.role(MANAGER, before, after, PLACED)).isEmpty();
    }

    @Test
    void takingOverAColleaguesRole_isRefused() {
        PractitionerRole before = practitionerRole("8");
        PractitionerRole after = before.copy();
        after.setPractitioner(new Reference("Practitioner/7"));

        assertThat(StaffRules.role(CLINICIAN_MAIN, before, after, PLACED)).isPresent();
    }

    @Test
    void creatingOrDeletingARole_isAManagersOnly_alsoTheirOwn() {
        PractitionerRole own = practitionerRole("7");

        assertThat(StaffRules.role(CLINICIAN_MAIN, null, own, PLACED)).isPresent();
        assertThat(StaffRules.role(CLINICIAN_MAIN, own, null, PLACED)).isPresent();
        assertThat(StaffRules.role(MANAGER, null, own, PLACED)).isEmpty();
    }

    @Test
    void aLocationsClosures_areAvailability_itsOtherDataIsNotGovernedHere() {
        Location before = new Location().setName("Mediwox North");
        before.setId("Location/north");
        before.setManagingOrganization(new Reference("Organization/clinic"));
        Location renamed = before.copy().setName("Mediwox North Harbour");
        Location closed = before.copy();
        Extension closure = closed.addExtension().setUrl(MediwoxExtensions.LOCATION_CLOSURE);
        closure.addExtension("description", new StringType("Public holiday"));
        closure.addExtension("period", new Period().setStart(new Date(0)).setEnd(new Date(86_400_000L)));

        assertThat(StaffRules.location(FRONT_DESK_NORTH, before, renamed, PLACED))
                .isEmpty();
        assertThat(StaffRules.location(FRONT_DESK_NORTH, before, closed, PLACED))
                .map(StaffRules.Refusal::reason)
                .contains(StaffRefusal.MANAGER_ONLY);
        assertThat(StaffRules.location(FRONT_DESK_NORTH, closed, before, PLACED))
                .isPresent();
        assertThat(StaffRules.location(FRONT_DESK_NORTH, closed, closed.copy().setName("North"), PLACED))
                .as("the same closures")
                .isEmpty();
        assertThat(StaffRules.location(MANAGER, before, closed, PLACED)).isEmpty();
    }

    @Test
    void theDirectory_readsCodesLocationsAndOrganizationFromARole() {
        PractitionerRole role = practitionerRole("7");
        role.setId("PractitionerRole/r9");
        role.addCode(new CodeableConcept(new Coding(StaffRole.SYSTEM, "front-desk", null)));
        role.addCode(new CodeableConcept(new Coding("http://example.org/other", "manager", null)));
        role.addLocation(new Reference("Location/north"));
        role.setOrganization(new Reference("Organization/clinic"));

        StaffMember.Role read = StaffDirectory.role(role);

        assertThat(read.id()).isEqualTo("r9");
        assertThat(read.active()).isTrue();
        assertThat(read.staffRoles())
                .as("a manager code of another system is no staff role")
                .containsExactly(StaffRole.FRONT_DESK);
        assertThat(read.locationIds()).containsExactly("north");
        assertThat(read.organizationId()).isEqualTo("clinic");
    }

    private static PractitionerRole practitionerRole(String practitionerId) {
        PractitionerRole role = new PractitionerRole().setActive(true);
        role.setId("PractitionerRole/r1");
        role.setPractitioner(new Reference("Practitioner/" + practitionerId));
        role.addLocation(new Reference("Location/north"));
        role.addAvailableTime().setAvailableStartTime("09:00:00").setAvailableEndTime("17:00:00");
        return role;
    }
}

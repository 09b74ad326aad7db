package org.mediwox.server;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.ContactPoint.ContactPointSystem;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.RelatedPerson;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Schedule;
import org.hl7.fhir.r4.model.Slot;
import org.junit.jupiter.api.Test;
import org.mediwox.plugin.vocabulary.StaffRole;
import org.mediwox.server.support.ServerIT;

/** The zero-setup run comes with a consistent demo clinic that booking can work on right away. */
class DemoDataIT extends ServerIT {

    private static final String DEMO = "https://mediwox.org/fhir/demo|";
    private static final String GENERAL_PRACTICE = "394814009";
    private static final String DERMATOLOGY = "394582007";

    @Test
    void demoClinic_hasATimeZoneAndTwoPoolsOfActiveProviders() {
        Organization clinic = fetchAll(Organization.class, "Organization?identifier=" + DEMO + "clinic")
                .get(0);
        String zone = ((CodeType) clinic.getExtensionByUrl("http://hl7.org/fhir/StructureDefinition/timezone")
                        .getValue())
                .getValue();
        assertThat(ZoneId.of(zone)).isNotNull();

        List<PractitionerRole> roles = fetchAll(PractitionerRole.class, "PractitionerRole?identifier=" + DEMO);
        Map<String, Long> poolSizes = roles.stream()
                .peek(role -> assertThat(role.getActive()).isTrue())
                .filter(PractitionerRole::hasSpecialty) // the staff who are no providers are in no pool
                .collect(Collectors.groupingBy(
                        role -> role.getSpecialtyFirstRep().getCodingFirstRep().getCode(), Collectors.counting()));
        assertThat(poolSizes).containsEntry(GENERAL_PRACTICE, 5L).containsEntry(DERMATOLOGY, 3L);
    }

    @Test
    void demoStaff_samIsFrontDeskAtNorth_andNoorIsTheClinicsManager_bothInNoPool() {
        Map<String, PractitionerRole> roles =
                fetchAll(PractitionerRole.class, "PractitionerRole?identifier=" + DEMO).stream()
                        .filter(role ->
                                role.getIdentifierFirstRep().getValue().matches("role-(front-desk-north|manager)"))
                        .collect(Collectors.toMap(
                                role -> role.getIdentifierFirstRep().getValue(), role -> role));
        String north = fetchAll(Location.class, "Location?identifier=" + DEMO + "location-north")
                .get(0)
                .getIdElement()
                .getIdPart();

        PractitionerRole sam = roles.get("role-front-desk-north");
        PractitionerRole noor = roles.get("role-manager");
        assertThat(sam.getCodeFirstRep().getCodingFirstRep().getSystem()).isEqualTo(StaffRole.SYSTEM);
        assertThat(sam.getCodeFirstRep().getCodingFirstRep().getCode()).isEqualTo(StaffRole.FRONT_DESK.code());
        assertThat(sam.getLocationFirstRep().getReferenceElement().getIdPart()).isEqualTo(north);
        assertThat(noor.getCodeFirstRep().getCodingFirstRep().getCode()).isEqualTo(StaffRole.MANAGER.code());
        assertThat(noor.getOrganization().hasReference()).isTrue();
        assertThat(List.of(sam, noor))
                .allSatisfy(role -> assertThat(role.hasSpecialty()).isFalse());
        Practitioner samPerson = fetchAll(Practitioner.class, "Practitioner?email=sam.rivera@clinic.example.org")
                .get(0);
        assertThat(sam.getPractitioner().getReferenceElement().getIdPart())
                .isEqualTo(samPerson.getIdElement().getIdPart());
        assertThat(fetchAll(Practitioner.class, "Practitioner?email=noor.haddad@clinic.example.org"))
                .hasSize(1);
    }

    @Test
    void everyDemoSlot_isFree_inWorkingHours_andBelongsToAScheduleOfAnActivePractitionerRole() {
        Map<String, PractitionerRole> roles =
                byId(fetchAll(PractitionerRole.class, "PractitionerRole?identifier=" + DEMO));
        Map<String, Schedule> schedules = byId(fetchAll(Schedule.class, "Schedule?identifier=" + DEMO));
        List<Slot> slots = fetchAll(Slot.class, "Slot?schedule.identifier=" + DEMO + "&_count=200");
        ZoneId zone = ZoneId.of("America/New_York");
        ZonedDateTime now = ZonedDateTime.now(zone);

        assertThat(schedules).hasSize(8);
        assertThat(slots).hasSize(8 * 10 * 16); // 8 providers, 10 working days in 14, 16 half-hour slots a day
        for (Slot slot : slots) {
            Schedule schedule =
                    schedules.get(slot.getSchedule().getReferenceElement().getIdPart());
            assertThat(schedule).as("schedule of %s", slot.getId()).isNotNull();
            PractitionerRole role = schedule.getActor().stream()
                    .map(Reference::getReferenceElement)
                    .filter(ref -> "PractitionerRole".equals(ref.getResourceType()))
                    .map(ref -> roles.get(ref.getIdPart()))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(schedule.getId() + " has no PractitionerRole actor"));
            assertThat(role.getActive()).isTrue();
            if ("1".equals(slot.getMeta().getVersionId())) {
                // as loaded; other tests of the run may have booked demo Slots since (they are version 2 and later)
                assertThat(slot.getStatus()).as("%s as loaded", slot.getId()).isEqualTo(Slot.SlotStatus.FREE);
            }

            ZonedDateTime start = slot.getStart().toInstant().atZone(zone);
            ZonedDateTime end = slot.getEnd().toInstant().atZone(zone);
            assertThat(end).isAfter(start);
            assertThat(start).isAfter(now).isBefore(now.plusDays(15));
            assertThat(start.getDayOfWeek()).isNotIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
            assertThat(start.toLocalTime()).isBetween(LocalTime.of(9, 0), LocalTime.of(16, 30));
        }
    }

    @Test
    void demoPatients_haveEmailPhoneAndPreferredLanguage_orAParentWhoIsTheirProxy() {
        // the six demo patients as loaded; other tests may add patients under the demo's identifier system
        Set<String> demo = Set.of("patient-1", "patient-2", "patient-3", "patient-4", "patient-5", "patient-6");
        List<Patient> patients = fetchAll(Patient.class, "Patient?identifier=" + DEMO).stream()
                .filter(p -> p.getIdentifier().stream().anyMatch(i -> demo.contains(i.getValue())))
                .toList();
        List<RelatedPerson> proxies = fetchAll(RelatedPerson.class, "RelatedPerson?patient.identifier=" + DEMO);

        assertThat(patients).hasSize(6);
        assertThat(patients)
                .extracting(p -> p.getCommunicationFirstRep()
                        .getLanguage()
                        .getCodingFirstRep()
                        .getCode())
                .contains("en", "es");
        for (Patient patient : patients) {
            String id = patient.getIdElement().getIdPart();
            List<RelatedPerson> parents = proxies.stream()
                    .filter(p ->
                            p.getPatient().getReferenceElement().getIdPart().equals(id))
                    .toList();
            if (patient.hasTelecom()) {
                assertThat(patient.getTelecom())
                        .extracting(t -> t.getSystem())
                        .contains(ContactPointSystem.EMAIL, ContactPointSystem.PHONE);
            } else {
                assertThat(parents)
                        .as("a child without contacts of its own has a parent as proxy")
                        .singleElement()
                        .satisfies(parent -> {
                            assertThat(parent.getRelationshipFirstRep()
                                            .getCodingFirstRep()
                                            .getCode())
                                    .isEqualTo("FTH");
                            assertThat(parent.getTelecom())
                                    .extracting(t -> t.getSystem())
                                    .contains(ContactPointSystem.EMAIL, ContactPointSystem.PHONE);
                        });
            }
        }
    }

    private <T extends Resource> List<T> fetchAll(Class<T> type, String url) {
        IGenericClient client = client();
        List<T> all = new ArrayList<>();
        Bundle page = client.search().byUrl(url).returnBundle(Bundle.class).execute();
        while (true) {
            page.getEntry().stream()
                    .map(Bundle.BundleEntryComponent::getResource)
                    .filter(type::isInstance)
                    .map(type::cast)
                    .forEach(all::add);
            if (page.getLink(Bundle.LINK_NEXT) == null) {
                return all;
            }
            page = client.loadPage().next(page).execute();
        }
    }

    private static <T extends Resource> Map<String, T> byId(List<T> resources) {
        return resources.stream().collect(Collectors.toMap(r -> r.getIdElement().getIdPart(), Function.identity()));
    }
}

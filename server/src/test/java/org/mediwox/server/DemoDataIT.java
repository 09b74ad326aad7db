package org.mediwox.server;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
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
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.RelatedPerson;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Schedule;
import org.hl7.fhir.r4.model.Slot;
import org.junit.jupiter.api.Test;
import org.mediwox.plugin.vocabulary.MediwoxExtensions;
import org.mediwox.plugin.vocabulary.StaffRole;
import org.mediwox.scheduling.generation.SlotGenerator;
import org.mediwox.server.support.ServerIT;
import org.springframework.beans.factory.annotation.Autowired;

/** The zero-setup run comes with a consistent demo clinic that booking can work on right away. */
class DemoDataIT extends ServerIT {

    private static final String DEMO = "https://mediwox.org/fhir/demo|";

    @Autowired
    private SlotGenerator generator;

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
    void everyDemoSchedule_isGenerated_withAVisitTypeAndSlotLength_andHasSlotsOnceTheLoadIsDone() {
        List<Schedule> schedules = fetchAll(Schedule.class, "Schedule?identifier=" + DEMO);

        assertThat(schedules).hasSize(8);
        assertThat(schedules).allSatisfy(schedule -> {
            assertThat(schedule.getMeta().getTag(MediwoxExtensions.SCHEDULE_MANAGEMENT, MediwoxExtensions.GENERATED))
                    .as("%s is tagged generated", schedule.getId())
                    .isNotNull();
            assertThat(schedule.getServiceTypeFirstRep().getCodingFirstRep().getCode())
                    .isEqualTo("11429006");
            assertThat(slotLength(schedule)).isIn(Duration.ofMinutes(20), Duration.ofMinutes(30));
            assertThat(client().search()
                            .byUrl("Slot?_summary=count&schedule=Schedule/" + schedule.getIdPart())
                            .returnBundle(Bundle.class)
                            .execute()
                            .getTotal())
                    .as("Slots of %s", schedule.getId())
                    .isGreaterThan(0);
        });
    }

    @Test
    void everyDemoSlot_asGenerated_isFree_withinItsRolesHours_offLeaveAndHolidays_andOfItsSchedulesLength() {
        Map<String, PractitionerRole> roles =
                byId(fetchAll(PractitionerRole.class, "PractitionerRole?identifier=" + DEMO));
        Map<String, Location> locations = byId(fetchAll(Location.class, "Location?identifier=" + DEMO));
        Map<String, Schedule> schedules = byId(fetchAll(Schedule.class, "Schedule?identifier=" + DEMO));
        // the load generated the first 14 days; the rest of the horizon is the sweep's, run here rather than awaited
        schedules.keySet().forEach(this::generateWholeHorizon);
        List<Slot> slots = fetchAll(Slot.class, "Slot?schedule.identifier=" + DEMO + "&_count=200");
        ZoneId zone = ZoneId.of("America/New_York");
        ZonedDateTime now = ZonedDateTime.now(zone);

        // 8 providers over the 8-week horizon (generation.horizon-days, 56): far more than the 14 days of old
        assertThat(slots).hasSizeGreaterThan(2000);
        assertThat(slots).allSatisfy(slot -> {
            if (!"1".equals(slot.getMeta().getVersionId())) {
                return; // booked, moved or retired by other tests of the run since the load
            }
            Schedule schedule =
                    schedules.get(slot.getSchedule().getReferenceElement().getIdPart());
            assertThat(schedule).as("schedule of %s", slot.getId()).isNotNull();
            PractitionerRole role = roles.get(actor(schedule, "PractitionerRole"));
            Location location = locations.get(actor(schedule, "Location"));
            assertThat(role.getActive()).isTrue();
            assertThat(slot.getStatus()).as("%s as generated", slot.getId()).isEqualTo(Slot.SlotStatus.FREE);

            ZonedDateTime start = slot.getStart().toInstant().atZone(zone);
            ZonedDateTime end = slot.getEnd().toInstant().atZone(zone);
            assertThat(Duration.between(start, end)).isEqualTo(slotLength(schedule));
            assertThat(start).isAfter(now.minusMinutes(5)).isBefore(now.plusDays(57));
            assertThat(role.getAvailableTime())
                    .as("%s at %s lies within one of the role's weekly hours", slot.getId(), start)
                    .anySatisfy(hours -> {
                        assertThat(hours.getDaysOfWeek())
                                .extracting(day -> day.getValue().toCode())
                                .contains(start.getDayOfWeek()
                                        .name()
                                        .substring(0, 3)
                                        .toLowerCase(java.util.Locale.ROOT));
                        assertThat(start.toLocalTime())
                                .isAfterOrEqualTo(LocalTime.parse(hours.getAvailableStartTime()));
                        assertThat(end.toLocalTime()).isBeforeOrEqualTo(LocalTime.parse(hours.getAvailableEndTime()));
                    });
            assertThat(role.getNotAvailable())
                    .extracting(leave -> leave.getDuring().getStartElement().getValueAsString())
                    .as("%s is not on the role's leave", slot.getId())
                    .doesNotContain(start.toLocalDate().toString());
            assertThat(location.getExtensionsByUrl(MediwoxExtensions.LOCATION_CLOSURE))
                    .extracting(closure -> ((Period)
                                    closure.getExtensionByUrl("period").getValue())
                            .getStartElement()
                            .getValueAsString())
                    .as("%s is not on a holiday of its Location", slot.getId())
                    .doesNotContain(start.toLocalDate().toString());
        });
    }

    @Test
    void demoAvailability_hasALunchBreak_aPartTimer_aDayOfLeaveNextWeek_andHolidayClosures() {
        Map<String, PractitionerRole> roles =
                fetchAll(PractitionerRole.class, "PractitionerRole?identifier=" + DEMO).stream()
                        .collect(Collectors.toMap(
                                role -> role.getIdentifierFirstRep().getValue(), role -> role));
        ZoneId zone = ZoneId.of("America/New_York");
        LocalDate today = LocalDate.now(zone);

        PractitionerRole okafor = roles.get("role-gp-1");
        assertThat(okafor.getAvailableTime())
                .extracting(PractitionerRole.PractitionerRoleAvailableTimeComponent::getAvailableEndTime)
                .contains("12:30:00");
        assertThat(roles.get("role-gp-5").getAvailableTime().get(0).getDaysOfWeek())
                .as("a part-timer")
                .hasSize(2);
        PractitionerRole rossi = roles.get("role-derm-1");
        LocalDate leave = LocalDate.parse(
                rossi.getNotAvailableFirstRep().getDuring().getStartElement().getValueAsString());
        assertThat(leave.getDayOfWeek()).isEqualTo(DayOfWeek.WEDNESDAY);
        assertThat(leave).isAfter(today).isBefore(today.plusDays(15));
        assertThat(client().search()
                        .byUrl("Slot?_summary=count&schedule.actor=PractitionerRole/" + rossi.getIdPart() + "&start=ge"
                                + leave + "&start=lt" + leave.plusDays(1))
                        .returnBundle(Bundle.class)
                        .execute()
                        .getTotal())
                .as("no Slot of Dr. Rossi on her day of leave")
                .isZero();
        assertThat(fetchAll(Location.class, "Location?identifier=" + DEMO + "location-main")
                        .get(0)
                        .getExtensionsByUrl(MediwoxExtensions.LOCATION_CLOSURE))
                .as("a year of federal holidays (an observed New Year's Day may fall in the year before)")
                .hasSizeBetween(10, 12);
    }

    private void generateWholeHorizon(String scheduleId) {
        for (int attempt = 0; attempt < 100; attempt++) {
            if (!generator.generate(scheduleId).skipped()) {
                return;
            }
            sleep(100); // the background sweep holds it: ask again when it is done
        }
        throw new AssertionError("Schedule/" + scheduleId + " stayed locked by another generator");
    }

    private static String actor(Schedule schedule, String type) {
        return schedule.getActor().stream()
                .map(Reference::getReferenceElement)
                .filter(ref -> type.equals(ref.getResourceType()))
                .map(ref -> ref.getIdPart())
                .findFirst()
                .orElseThrow(() -> new AssertionError(schedule.getId() + " has no " + type + " actor"));
    }

    private static Duration slotLength(Schedule schedule) {
        var length = (org.hl7.fhir.r4.model.Duration)
                schedule.getExtensionByUrl(MediwoxExtensions.SLOT_LENGTH).getValue();
        assertThat(length.getCode()).isEqualTo("min");
        return Duration.ofMinutes(length.getValue().longValueExact());
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

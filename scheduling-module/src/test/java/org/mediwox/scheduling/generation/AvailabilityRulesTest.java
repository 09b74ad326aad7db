package org.mediwox.scheduling.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.PractitionerRole.DaysOfWeek;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Schedule;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;
import org.mediwox.plugin.vocabulary.MediwoxExtensions;

class AvailabilityRulesTest {

    private static final ZoneId MADRID = ZoneId.of("Europe/Madrid");

    private static Location location(String id, String zone) {
        Location location = new Location();
        location.setId("Location/" + id);
        if (zone != null) {
            location.addExtension(AvailabilityRules.TIMEZONE, new StringType(zone));
        }
        return location;
    }

    private static PractitionerRole twoSites() {
        PractitionerRole role = new PractitionerRole();
        // Monday to Friday 9–13 at site a, Saturday all day at site b, Wednesday afternoon anywhere
        var weekdays = role.addAvailableTime().setAvailableStartTime("09:00:00").setAvailableEndTime("13:00:00");
        for (DaysOfWeek day :
                new DaysOfWeek[] {DaysOfWeek.MON, DaysOfWeek.TUE, DaysOfWeek.WED, DaysOfWeek.THU, DaysOfWeek.FRI}) {
            weekdays.addDaysOfWeek(day);
        }
        weekdays.addExtension(MediwoxExtensions.AVAILABILITY_LOCATION, new Reference("Location/a"));
        role.addAvailableTime()
                .addDaysOfWeek(DaysOfWeek.SAT)
                .setAllDay(true)
                .addExtension(MediwoxExtensions.AVAILABILITY_LOCATION, new Reference("Location/b"));
        role.addAvailableTime()
                .addDaysOfWeek(DaysOfWeek.WED)
                .setAvailableStartTime("15:00:00")
                .setAvailableEndTime("24:00:00");
        // a day of leave, written as a date: the whole local day
        role.addNotAvailable()
                .setDescription("Conference")
                .setDuring(new Period()
                        .setStartElement(new org.hl7.fhir.r4.model.DateTimeType("2027-01-06"))
                        .setEndElement(new org.hl7.fhir.r4.model.DateTimeType("2027-01-06")));
        return role;
    }

    @Test
    void hoursAtOneSite_leaveAsWholeLocalDays_closuresAndZone_areReadFromR4Elements() {
        Location a = location("a", "Europe/Madrid");
        Extension closure = a.addExtension().setUrl(MediwoxExtensions.LOCATION_CLOSURE);
        closure.addExtension(
                "period",
                new Period()
                        .setStartElement(new org.hl7.fhir.r4.model.DateTimeType("2027-01-01"))
                        .setEndElement(new org.hl7.fhir.r4.model.DateTimeType("2027-01-01")));
        closure.addExtension("description", new StringType("New Year"));
        Schedule schedule = new Schedule();
        schedule.addExtension(
                MediwoxExtensions.SLOT_LENGTH,
                new org.hl7.fhir.r4.model.Duration()
                        .setValue(new BigDecimal(20))
                        .setSystem("http://unitsofmeasure.org")
                        .setCode("min"));

        AvailabilityRules rules =
                AvailabilityRules.of(schedule, twoSites(), a, ZoneId.of("UTC"), Duration.ofMinutes(30));

        assertThat(rules.zone()).isEqualTo(MADRID);
        assertThat(rules.slotLength()).isEqualTo(Duration.ofMinutes(20));
        assertThat(rules.weekly())
                .as("site a's weekday mornings and the hours without a site; not site b's Saturdays")
                .containsExactly(
                        new AvailabilityRules.Weekly(
                                java.util.EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
                                LocalTime.of(9, 0),
                                LocalTime.of(13, 0)),
                        new AvailabilityRules.Weekly(
                                java.util.EnumSet.of(DayOfWeek.WEDNESDAY), LocalTime.of(15, 0), null));
        assertThat(rules.away())
                .extracting(AvailabilityRules.Away::why, AvailabilityRules.Away::start, AvailabilityRules.Away::end)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "Conference",
                                LocalDate.of(2027, 1, 6).atStartOfDay(MADRID).toInstant(),
                                LocalDate.of(2027, 1, 7).atStartOfDay(MADRID).toInstant()),
                        org.assertj.core.groups.Tuple.tuple(
                                "New Year",
                                LocalDate.of(2027, 1, 1).atStartOfDay(MADRID).toInstant(),
                                LocalDate.of(2027, 1, 2).atStartOfDay(MADRID).toInstant()));

        // the week of 2027-01-04 at site a: Mon, Tue, Thu, Fri mornings (12 × 20 min each) and Wednesday's afternoon
        // to midnight — but Wednesday the 6th is the conference day: 4 days × 12
        var plan = SlotPlan.plan(rules, LocalDate.of(2027, 1, 4), LocalDate.of(2027, 1, 11), java.time.Instant.EPOCH);
        assertThat(plan).hasSize(4 * 12);
    }

    @Test
    void oneSchedulePerVisitType_eachGetsTheHoursNamingItsServiceType_theOthersGetTheUnnamedHours_atTheirOwnLength() {
        // Monday to Friday 09–13 consultations (no visit type named), Tuesday 14–17 procedures (named)
        PractitionerRole role = new PractitionerRole();
        var consultations =
                role.addAvailableTime().setAvailableStartTime("09:00:00").setAvailableEndTime("13:00:00");
        for (DaysOfWeek day :
                new DaysOfWeek[] {DaysOfWeek.MON, DaysOfWeek.TUE, DaysOfWeek.WED, DaysOfWeek.THU, DaysOfWeek.FRI}) {
            consultations.addDaysOfWeek(day);
        }
        role.addAvailableTime()
                .addDaysOfWeek(DaysOfWeek.TUE)
                .setAvailableStartTime("14:00:00")
                .setAvailableEndTime("17:00:00")
                .addExtension(MediwoxExtensions.AVAILABILITY_SERVICE_TYPE, visitType("procedure"));
        Schedule consultation = visitSchedule("consultation", 20);
        Schedule procedure = visitSchedule("procedure", 60);
        Schedule untyped = new Schedule();

        AvailabilityRules forConsultation =
                AvailabilityRules.of(consultation, role, null, MADRID, Duration.ofMinutes(30));
        AvailabilityRules forProcedure = AvailabilityRules.of(procedure, role, null, MADRID, Duration.ofMinutes(30));
        AvailabilityRules forUntyped = AvailabilityRules.of(untyped, role, null, MADRID, Duration.ofMinutes(30));

        assertThat(forConsultation.weekly())
                .containsExactly(new AvailabilityRules.Weekly(
                        java.util.EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
                        LocalTime.of(9, 0),
                        LocalTime.of(13, 0)));
        assertThat(forUntyped.weekly()).isEqualTo(forConsultation.weekly());
        assertThat(forProcedure.weekly())
                .containsExactly(new AvailabilityRules.Weekly(
                        java.util.EnumSet.of(DayOfWeek.TUESDAY), LocalTime.of(14, 0), LocalTime.of(17, 0)));
        // the week of 2027-01-04: 5 mornings of 12 twenty-minute consultations; one afternoon of 3 one-hour procedures
        LocalDate monday = LocalDate.of(2027, 1, 4);
        assertThat(SlotPlan.plan(forConsultation, monday, monday.plusDays(7), java.time.Instant.EPOCH))
                .hasSize(5 * 12);
        assertThat(SlotPlan.plan(forProcedure, monday, monday.plusDays(7), java.time.Instant.EPOCH))
                .hasSize(3)
                .allSatisfy(slot ->
                        assertThat(Duration.between(slot.start(), slot.end())).isEqualTo(Duration.ofHours(1)));
    }

    @Test
    void aVisitTypeWithoutACoding_isRefusedWithTheReason() {
        PractitionerRole role = new PractitionerRole();
        role.addAvailableTime()
                .addDaysOfWeek(DaysOfWeek.MON)
                .setAllDay(true)
                .addExtension(
                        MediwoxExtensions.AVAILABILITY_SERVICE_TYPE,
                        new org.hl7.fhir.r4.model.CodeableConcept().setText("Procedures"));

        assertThatThrownBy(() -> AvailabilityRules.of(new Schedule(), role, null, MADRID, Duration.ofMinutes(15)))
                .isInstanceOf(AvailabilityRules.InvalidRules.class)
                .hasMessageContaining("availability-service-type");
    }

    private static org.hl7.fhir.r4.model.CodeableConcept visitType(String code) {
        return new org.hl7.fhir.r4.model.CodeableConcept()
                .addCoding(new org.hl7.fhir.r4.model.Coding("https://clinic.example/visit-type", code, null));
    }

    private static Schedule visitSchedule(String code, int minutes) {
        Schedule schedule = new Schedule();
        schedule.addServiceType(visitType(code));
        org.hl7.fhir.r4.model.Duration length = new org.hl7.fhir.r4.model.Duration();
        length.setValue(new BigDecimal(minutes))
                .setSystem("http://unitsofmeasure.org")
                .setCode("min");
        schedule.addExtension(MediwoxExtensions.SLOT_LENGTH, length);
        return schedule;
    }

    @Test
    void withoutZoneOrLength_theDefaultsApply_andAnUnknownZoneIsRefusedNamingTheLocation() {
        AvailabilityRules rules = AvailabilityRules.of(
                new Schedule(), new PractitionerRole(), location("c", null), MADRID, Duration.ofMinutes(15));
        assertThat(rules.zone()).isEqualTo(MADRID);
        assertThat(rules.slotLength()).isEqualTo(Duration.ofMinutes(15));
        assertThat(rules.weekly()).isEmpty();

        assertThatThrownBy(() -> AvailabilityRules.of(
                        new Schedule(),
                        new PractitionerRole(),
                        location("d", "Mars/Olympus"),
                        MADRID,
                        Duration.ofMinutes(15)))
                .isInstanceOf(AvailabilityRules.InvalidRules.class)
                .hasMessageContaining("Location/d")
                .hasMessageContaining("Mars/Olympus");
    }

    @Test
    void hoursWithoutTimes_orEndingBeforeTheyStart_areRefusedWithTheReason() {
        PractitionerRole noTimes = new PractitionerRole();
        noTimes.addAvailableTime().addDaysOfWeek(DaysOfWeek.MON);
        assertThatThrownBy(() -> AvailabilityRules.of(new Schedule(), noTimes, null, MADRID, Duration.ofMinutes(15)))
                .hasMessageContaining("availableStartTime and availableEndTime, or allDay");

        PractitionerRole backwards = new PractitionerRole();
        backwards.addAvailableTime().setAvailableStartTime("17:00:00").setAvailableEndTime("09:00:00");
        assertThatThrownBy(() -> AvailabilityRules.of(new Schedule(), backwards, null, MADRID, Duration.ofMinutes(15)))
                .hasMessageContaining("end (09:00) before they start (17:00)");
    }
}

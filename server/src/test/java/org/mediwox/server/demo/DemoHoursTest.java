package org.mediwox.server.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.junit.jupiter.api.Test;
import org.mediwox.plugin.vocabulary.MediwoxExtensions;

class DemoHoursTest {

    private static final LocalDate SATURDAY = LocalDate.of(2026, 12, 5);

    @Test
    void holidays_areTheObservedFederalOnesOfTheComingYear() {
        var holidays = DemoHours.holidays(SATURDAY);

        assertThat(holidays).hasSize(11);
        assertThat(holidays.get(0)).isEqualTo(new DemoHours.Holiday(LocalDate.of(2026, 12, 25), "Christmas Day"));
        assertThat(holidays)
                .contains(
                        new DemoHours.Holiday(LocalDate.of(2027, 1, 1), "New Year's Day"),
                        // July 4th 2027 is a Sunday: observed on Monday
                        new DemoHours.Holiday(LocalDate.of(2027, 7, 5), "Independence Day"),
                        new DemoHours.Holiday(LocalDate.of(2027, 11, 25), "Thanksgiving Day"));
        assertThat(holidays)
                .allSatisfy(h -> assertThat(h.day().getDayOfWeek()).isNotIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY));
    }

    @Test
    void everyLocation_getsAClosurePerHoliday_asWholeLocalDays() {
        Location location = new Location();

        DemoHours.addHolidayClosures(location, SATURDAY);

        assertThat(location.getExtensionsByUrl(MediwoxExtensions.LOCATION_CLOSURE))
                .hasSize(11)
                .first()
                .satisfies(closure -> {
                    var period = (org.hl7.fhir.r4.model.Period)
                            closure.getExtensionByUrl("period").getValue();
                    assertThat(period.getStartElement().getValueAsString()).isEqualTo("2026-12-25");
                    assertThat(period.getEndElement().getValueAsString()).isEqualTo("2026-12-25");
                });
    }

    @Test
    void workingHours_haveALunchBreak_andOnlyTheProviderOnLeaveHasLeave_onWednesdayNextWeek() {
        PractitionerRole okafor = new PractitionerRole();
        PractitionerRole rossi = new PractitionerRole();

        DemoHours.addWorkingHours(okafor, "gp-1", SATURDAY);
        DemoHours.addWorkingHours(rossi, DemoHours.ON_LEAVE, SATURDAY);

        assertThat(okafor.getAvailableTime()).hasSize(2);
        assertThat(okafor.getAvailableTime().get(0).getAvailableEndTime()).isEqualTo("12:30:00");
        assertThat(okafor.getAvailableTime().get(1).getAvailableStartTime()).isEqualTo("13:30:00");
        assertThat(okafor.getAvailableTime().get(0).getDaysOfWeek()).hasSize(5);
        assertThat(okafor.hasNotAvailable()).isFalse();
        assertThat(rossi.getNotAvailableFirstRep().getDuring().getStartElement().getValueAsString())
                .isEqualTo("2026-12-09");
    }

    @Test
    void everyDemoProvider_hasHours_andEachPoolASlotLength() {
        for (DemoClinic.Provider provider : DemoClinic.providers()) {
            PractitionerRole role = new PractitionerRole();
            DemoHours.addWorkingHours(role, provider.key(), SATURDAY);
            assertThat(role.getAvailableTime()).as(provider.key()).isNotEmpty();
            assertThat(DemoHours.slotLength(provider.pool()).getValue()).isPositive();
        }
    }
}

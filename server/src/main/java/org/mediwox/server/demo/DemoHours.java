package org.mediwox.server.demo;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Duration;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.PractitionerRole.DaysOfWeek;
import org.hl7.fhir.r4.model.StringType;
import org.mediwox.plugin.vocabulary.MediwoxExtensions;

/**
 * The demo clinic's availability rules, as FHIR R4 writes them: each provider's weekly hours ({@code
 * PractitionerRole.availableTime}, a lunch break as the gap between two entries; some providers part-time), one
 * provider's day of leave next week ({@code notAvailable}), the US federal holidays of the coming year as closures of
 * both Locations ({@code location-closure}), and the Slot length of each pool's Schedules ({@code slot-length}).
 */
final class DemoHours {

    /** The provider on leave for a day next week (its Wednesday). */
    static final String ON_LEAVE = "derm-1";

    /** Weekly hours by provider key: days, then local start–end pairs, one availableTime entry per pair. */
    private static final Map<String, String[]> HOURS = Map.of(
            "gp-1", new String[] {"MON,TUE,WED,THU,FRI", "09:00-12:30", "13:30-17:00"},
            "gp-2", new String[] {"MON,TUE,WED,THU", "08:00-12:00", "13:00-16:00"},
            "gp-3", new String[] {"MON,WED,FRI", "09:00-13:00"},
            "gp-4", new String[] {"TUE,WED,THU,FRI", "10:00-13:00", "14:00-18:00"},
            "gp-5", new String[] {"TUE,THU", "09:00-12:00", "13:00-17:00"},
            "derm-1", new String[] {"MON,TUE,WED,THU,FRI", "09:00-12:00", "13:00-17:00"},
            "derm-2", new String[] {"MON,TUE,THU", "08:30-12:30", "13:30-16:30"},
            "derm-3", new String[] {"WED,THU,FRI", "09:00-13:00", "14:00-17:00"});

    /** Slot length in minutes by pool: a general consultation takes longer than a skin check. */
    private static final Map<String, Integer> SLOT_MINUTES = Map.of("gp", 30, "derm", 20);

    private DemoHours() {}

    /** Adds the weekly hours of provider {@code key} to its role, and its leave if it is {@link #ON_LEAVE}. */
    static void addWorkingHours(PractitionerRole role, String key, LocalDate loadDate) {
        String[] hours = HOURS.get(key);
        if (hours == null) {
            throw new IllegalArgumentException("no demo hours for provider " + key);
        }
        for (int i = 1; i < hours.length; i++) {
            String[] span = hours[i].split("-");
            var available = role.addAvailableTime()
                    .setAvailableStartTime(span[0] + ":00")
                    .setAvailableEndTime(span[1] + ":00");
            for (String day : hours[0].split(",")) {
                available.addDaysOfWeek(DaysOfWeek.fromCode(day.toLowerCase(java.util.Locale.ROOT)));
            }
        }
        if (ON_LEAVE.equals(key)) {
            String day = leaveDay(loadDate).toString();
            role.addNotAvailable()
                    .setDescription("Training day")
                    .setDuring(
                            new Period().setStartElement(new DateTimeType(day)).setEndElement(new DateTimeType(day)));
        }
    }

    /** The day of leave: Wednesday of the week after the load. */
    static LocalDate leaveDay(LocalDate loadDate) {
        return loadDate.with(TemporalAdjusters.next(DayOfWeek.MONDAY)).plusDays(2);
    }

    /** The Slot length of a pool's Schedules, as the {@code slot-length} extension's Duration (UCUM minutes). */
    static Duration slotLength(String pool) {
        Duration length = new Duration();
        length.setValue(new BigDecimal(SLOT_MINUTES.get(pool)))
                .setUnit("min")
                .setSystem("http://unitsofmeasure.org")
                .setCode("min");
        return length;
    }

    /** Closes {@code location} on each federal holiday (the observed day) from {@code loadDate} for a year. */
    static void addHolidayClosures(Location location, LocalDate loadDate) {
        for (Holiday holiday : holidays(loadDate)) {
            Extension closure = location.addExtension().setUrl(MediwoxExtensions.LOCATION_CLOSURE);
            String day = holiday.day().toString();
            closure.addExtension(
                    "period",
                    new Period().setStartElement(new DateTimeType(day)).setEndElement(new DateTimeType(day)));
            closure.addExtension("description", new StringType(holiday.name()));
        }
    }

    record Holiday(LocalDate day, String name) {}

    /** The US federal holidays observed on a day in {@code [from, from + 1 year)}, in date order. */
    static List<Holiday> holidays(LocalDate from) {
        List<Holiday> holidays = new ArrayList<>();
        for (int year = from.getYear(); year <= from.getYear() + 1; year++) {
            for (Holiday holiday : federalHolidays(year)) {
                if (!holiday.day().isBefore(from) && holiday.day().isBefore(from.plusYears(1))) {
                    holidays.add(holiday);
                }
            }
        }
        holidays.sort(java.util.Comparator.comparing(Holiday::day));
        return holidays;
    }

    private static List<Holiday> federalHolidays(int year) {
        return List.of(
                new Holiday(observed(LocalDate.of(year, Month.JANUARY, 1)), "New Year's Day"),
                new Holiday(nth(year, Month.JANUARY, 3, DayOfWeek.MONDAY), "Martin Luther King Jr. Day"),
                new Holiday(nth(year, Month.FEBRUARY, 3, DayOfWeek.MONDAY), "Washington's Birthday"),
                new Holiday(
                        LocalDate.of(year, Month.MAY, 1).with(TemporalAdjusters.lastInMonth(DayOfWeek.MONDAY)),
                        "Memorial Day"),
                new Holiday(observed(LocalDate.of(year, Month.JUNE, 19)), "Juneteenth"),
                new Holiday(observed(LocalDate.of(year, Month.JULY, 4)), "Independence Day"),
                new Holiday(nth(year, Month.SEPTEMBER, 1, DayOfWeek.MONDAY), "Labor Day"),
                new Holiday(nth(year, Month.OCTOBER, 2, DayOfWeek.MONDAY), "Columbus Day"),
                new Holiday(observed(LocalDate.of(year, Month.NOVEMBER, 11)), "Veterans Day"),
                new Holiday(nth(year, Month.NOVEMBER, 4, DayOfWeek.THURSDAY), "Thanksgiving Day"),
                new Holiday(observed(LocalDate.of(year, Month.DECEMBER, 25)), "Christmas Day"));
    }

    /** A holiday on a Saturday is observed the Friday before, on a Sunday the Monday after. */
    private static LocalDate observed(LocalDate day) {
        return switch (day.getDayOfWeek()) {
            case SATURDAY -> day.minusDays(1);
            case SUNDAY -> day.plusDays(1);
            default -> day;
        };
    }

    private static LocalDate nth(int year, Month month, int n, DayOfWeek day) {
        return LocalDate.of(year, month, 1).with(TemporalAdjusters.dayOfWeekInMonth(n, day));
    }
}

package org.mediwox.scheduling.generation;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Enumeration;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.PractitionerRole.DaysOfWeek;
import org.hl7.fhir.r4.model.PractitionerRole.PractitionerRoleAvailableTimeComponent;
import org.hl7.fhir.r4.model.PractitionerRole.PractitionerRoleNotAvailableComponent;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Schedule;
import org.hl7.fhir.r4.model.StringType;
import org.mediwox.plugin.vocabulary.MediwoxExtensions;

/**
 * When a provider works at one place, read from FHIR R4: the weekly hours of {@code PractitionerRole.availableTime}
 * (those with the {@code availability-location} extension only at that Location; those with {@code
 * availability-service-type} only for the Schedules of that visit type, {@code Schedule.serviceType}, and those without
 * it only for Schedules whose visit type no hours name), the leave of {@code
 * PractitionerRole.notAvailable}, the Location's closures ({@code location-closure}) and zone (HL7's {@code timezone}
 * extension), and the Slot length of the Schedule ({@code slot-length}). R5's {@code Availability} datatype has the
 * same parts ({@code availableTime}, {@code notAvailableTime}), so a move to R5 maps one to one.
 *
 * @param zone the zone of the wall-clock hours
 * @param slotLength the length of every Slot
 * @param weekly the weekly hours
 * @param away the times no Slot may touch: leave and closures
 */
public record AvailabilityRules(ZoneId zone, Duration slotLength, List<Weekly> weekly, List<Away> away) {

    /** HL7's extension for a resource's time zone (an IANA name). */
    public static final String TIMEZONE = "http://hl7.org/fhir/StructureDefinition/timezone";

    /** Shortest and longest Slot the rules accept. */
    static final Duration SHORTEST = Duration.ofMinutes(5);

    static final Duration LONGEST = Duration.ofHours(8);

    public AvailabilityRules {
        if (slotLength.compareTo(SHORTEST) < 0 || slotLength.compareTo(LONGEST) > 0) {
            throw new InvalidRules("the Slot length must be between 5 minutes and 8 hours, was "
                    + slotLength.toMinutes() + " minutes");
        }
        weekly = List.copyOf(weekly);
        away = List.copyOf(away);
    }

    /**
     * Hours on some days of the week, in local wall-clock time.
     *
     * @param end exclusive; {@code null} for the end of the day (R4's {@code allDay}, or an end of 24:00)
     */
    public record Weekly(Set<DayOfWeek> days, LocalTime start, LocalTime end) {

        public Weekly {
            days = days.isEmpty() ? EnumSet.allOf(DayOfWeek.class) : EnumSet.copyOf(days);
            if (end != null && !end.isAfter(start)) {
                throw new InvalidRules("available hours end (" + end + ") before they start (" + start + ")");
            }
        }
    }

    /** A time without Slots, {@code [start, end)}; an open end is {@code null}. */
    public record Away(Instant start, Instant end, String why) {

        boolean overlaps(Instant from, Instant to) {
            return (start == null || start.isBefore(to)) && (end == null || end.isAfter(from));
        }
    }

    /** Rules that cannot be read, with what a clinic can fix. */
    public static class InvalidRules extends RuntimeException {

        public InvalidRules(String message) {
            super(message);
        }
    }

    /**
     * The rules of {@code schedule}, worked by {@code role} at {@code location} (null: the role's hours everywhere).
     *
     * @param fallbackZone the zone when the Location names none
     * @param defaultLength the Slot length when the Schedule names none
     */
    public static AvailabilityRules of(
            Schedule schedule, PractitionerRole role, Location location, ZoneId fallbackZone, Duration defaultLength) {
        ZoneId zone = zoneOf(location, fallbackZone);
        Duration length = slotLengthOf(schedule, defaultLength);
        String locationId = location == null ? null : location.getIdElement().getIdPart();
        boolean ownHours =
                role.getAvailableTime().stream().anyMatch(hours -> forServiceTypeOf(hours, schedule) == Boolean.TRUE);
        List<Weekly> weekly = new ArrayList<>();
        for (PractitionerRoleAvailableTimeComponent hours : role.getAvailableTime()) {
            Boolean forSchedule = forServiceTypeOf(hours, schedule);
            boolean ofThisVisitType = forSchedule == null ? !ownHours : forSchedule;
            if (atLocation(hours, locationId) && ofThisVisitType) {
                weekly.add(weekly(hours));
            }
        }
        List<Away> away = new ArrayList<>();
        for (PractitionerRoleNotAvailableComponent leave : role.getNotAvailable()) {
            away.add(away(leave.getDuring(), leave.getDescription(), zone));
        }
        if (location != null) {
            for (Extension closure : location.getExtensionsByUrl(MediwoxExtensions.LOCATION_CLOSURE)) {
                away.add(closure(closure, zone));
            }
        }
        return new AvailabilityRules(zone, length, weekly, away);
    }

    private static ZoneId zoneOf(Location location, ZoneId fallback) {
        if (location == null || !location.hasExtension(TIMEZONE)) {
            return fallback;
        }
        String name = location.getExtensionByUrl(TIMEZONE).getValue().primitiveValue();
        try {
            return ZoneId.of(name);
        } catch (RuntimeException e) {
            throw new InvalidRules("Location/" + location.getIdElement().getIdPart() + " names an unknown time zone '"
                    + name + "' (an IANA name such as Europe/Madrid is expected)");
        }
    }

    private static Duration slotLengthOf(Schedule schedule, Duration fallback) {
        Extension extension = schedule.getExtensionByUrl(MediwoxExtensions.SLOT_LENGTH);
        if (extension == null) {
            return fallback;
        }
        if (!(extension.getValue() instanceof org.hl7.fhir.r4.model.Duration length)
                || !length.hasValue()
                || length.hasComparator()) {
            throw new InvalidRules("the slot-length extension of the Schedule must be a Duration in minutes");
        }
        String unit = length.hasCode() ? length.getCode() : length.getUnit();
        long minutes;
        if ("min".equals(unit)) {
            minutes = length.getValue().longValueExact();
        } else if ("h".equals(unit)) {
            minutes = length.getValue().longValueExact() * 60;
        } else {
            throw new InvalidRules("the slot-length extension of the Schedule must be in min or h (UCUM), was " + unit);
        }
        return Duration.ofMinutes(minutes);
    }

    private static boolean atLocation(PractitionerRoleAvailableTimeComponent hours, String locationId) {
        Extension where = hours.getExtensionByUrl(MediwoxExtensions.AVAILABILITY_LOCATION);
        if (where == null || locationId == null) {
            return true;
        }
        return where.getValue() instanceof Reference reference
                && locationId.equals(reference.getReferenceElement().getIdPart());
    }

    /**
     * Whether {@code hours} are for the visit type of {@code schedule}: {@code null} when they name none, else whether a
     * coding of their {@code availability-service-type} (system and code) is among the Schedule's {@code serviceType}.
     */
    private static Boolean forServiceTypeOf(PractitionerRoleAvailableTimeComponent hours, Schedule schedule) {
        Extension visitType = hours.getExtensionByUrl(MediwoxExtensions.AVAILABILITY_SERVICE_TYPE);
        if (visitType == null) {
            return null;
        }
        if (!(visitType.getValue() instanceof CodeableConcept concept) || !concept.hasCoding()) {
            throw new InvalidRules("the availability-service-type extension of availableTime needs a CodeableConcept"
                    + " with a coding (system and code), as in Schedule.serviceType");
        }
        return concept.getCoding().stream()
                .anyMatch(wanted -> schedule.getServiceType().stream()
                        .flatMap(type -> type.getCoding().stream())
                        .anyMatch(have -> java.util.Objects.equals(wanted.getSystem(), have.getSystem())
                                && java.util.Objects.equals(wanted.getCode(), have.getCode())));
    }

    private static Weekly weekly(PractitionerRoleAvailableTimeComponent hours) {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (Enumeration<DaysOfWeek> day : hours.getDaysOfWeek()) {
            days.add(dayOf(day.getValue()));
        }
        if (hours.getAllDay()) {
            return new Weekly(days, LocalTime.MIDNIGHT, null);
        }
        if (!hours.hasAvailableStartTime() || !hours.hasAvailableEndTime()) {
            throw new InvalidRules("availableTime needs availableStartTime and availableEndTime, or allDay");
        }
        LocalTime start = time(hours.getAvailableStartTime());
        String endText = hours.getAvailableEndTime();
        LocalTime end = endText.startsWith("24:00") ? null : time(endText);
        return new Weekly(days, start, end);
    }

    private static LocalTime time(String text) {
        try {
            return LocalTime.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidRules("'" + text + "' is no time of day (hh:mm:ss)");
        }
    }

    private static DayOfWeek dayOf(DaysOfWeek day) {
        return switch (day) {
            case MON -> DayOfWeek.MONDAY;
            case TUE -> DayOfWeek.TUESDAY;
            case WED -> DayOfWeek.WEDNESDAY;
            case THU -> DayOfWeek.THURSDAY;
            case FRI -> DayOfWeek.FRIDAY;
            case SAT -> DayOfWeek.SATURDAY;
            case SUN -> DayOfWeek.SUNDAY;
            case NULL -> throw new InvalidRules("availableTime.daysOfWeek has an empty day");
        };
    }

    private static Away closure(Extension closure, ZoneId zone) {
        Extension during = closure.getExtensionByUrl("period");
        if (during == null || !(during.getValue() instanceof Period period)) {
            throw new InvalidRules("a location-closure extension needs its period (a Period)");
        }
        Extension description = closure.getExtensionByUrl("description");
        String why = description != null && description.getValue() instanceof StringType text ? text.getValue() : null;
        return away(period, why, zone);
    }

    /**
     * A Period as the instants it covers: a date without a time covers that whole local day (FHIR: "the end is the end
     * of the day"), a date and time is that instant.
     */
    private static Away away(Period period, String why, ZoneId zone) {
        if (period == null || (!period.hasStart() && !period.hasEnd())) {
            throw new InvalidRules("a time away (notAvailable.during, location-closure) needs a start or an end");
        }
        Instant start = period.hasStart() ? bound(period.getStartElement(), zone, false) : null;
        Instant end = period.hasEnd() ? bound(period.getEndElement(), zone, true) : null;
        if (start != null && end != null && !end.isAfter(start)) {
            throw new InvalidRules("a time away ends before it starts ("
                    + period.getStartElement().getValueAsString() + " – "
                    + period.getEndElement().getValueAsString() + ")");
        }
        return new Away(start, end, why);
    }

    private static Instant bound(DateTimeType value, ZoneId zone, boolean end) {
        if (value.getPrecision().ordinal() > ca.uhn.fhir.model.api.TemporalPrecisionEnum.DAY.ordinal()) {
            return value.getValue().toInstant();
        }
        String text = value.getValueAsString();
        LocalDate first;
        LocalDate afterLast;
        switch (text.length()) {
            case 4 -> {
                first = LocalDate.of(Integer.parseInt(text), 1, 1);
                afterLast = first.plusYears(1);
            }
            case 7 -> {
                first = LocalDate.parse(text + "-01");
                afterLast = first.plusMonths(1);
            }
            default -> {
                first = LocalDate.parse(text);
                afterLast = first.plusDays(1);
            }
        }
        return (end ? afterLast : first).atStartOfDay(zone).toInstant();
    }
}

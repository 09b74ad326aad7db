package org.mediwox.scheduling.workload;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;

/**
 * One row of {@code mediwox.appointment_fact}: an Appointment that is or was booked, for one of its providers, as it is
 * now. {@link #counters()} is what the row adds to its day in {@code mediwox.workload_day}.
 *
 * @param provider {@code PractitionerRole/12}, or {@code Practitioner/7} when the Appointment names no role
 * @param locationId the Location participant's id, or {@code ""}
 * @param poolKey the pool of the assignment explanation, or {@code ""} for a booking no pool assigned
 * @param assignment the explanation's method code ({@code rotation}, {@code urgent-earliest}), or null
 * @param status {@code Appointment.status} as stored
 * @param minutes the visit's length in whole minutes (0 without an end)
 * @param localDay the visit's start date in the clinic's time zone
 * @param bookedAt when it was first stored as booked; kept through later changes
 * @param leadMinutes minutes from booking to visit; null when it was entered after the visit had begun
 * @param cancelledAt when it was first stored as cancelled, or null
 * @param cancelledBy {@code patient} or {@code clinic} for a cancellation; null when not cancelled, rescheduled, or
 *     cancelled by Mediwox for a reason that is no cancellation of a visit
 * @param rescheduledFrom the id of the Appointment this one moved (its {@code rescheduled-from}), or null
 */
public record Fact(
        String appointmentId,
        String provider,
        String locationId,
        String poolKey,
        String assignment,
        String status,
        Instant start,
        int minutes,
        LocalDate localDay,
        boolean urgent,
        Instant bookedAt,
        Integer leadMinutes,
        Instant cancelledAt,
        String cancelledBy,
        boolean rescheduled,
        String rescheduledFrom) {

    private static final Set<String> KEPT = Set.of("booked", "arrived", "checked-in", "fulfilled", "noshow");
    private static final Set<String> ATTENDED = Set.of("arrived", "checked-in", "fulfilled");
    private static final Set<String> ACTIVE = Set.of("booked", "arrived", "checked-in");

    /** The day row this fact counts in. */
    public DayKey day() {
        return new DayKey(provider, localDay, locationId, poolKey);
    }

    /** What this fact adds to its day's counters. */
    public Counters counters() {
        boolean cancelled = "cancelled".equals(status);
        return new Counters(
                1,
                minutes,
                KEPT.contains(status) ? minutes : 0,
                ATTENDED.contains(status) ? minutes : 0,
                ACTIVE.contains(status) ? 1 : 0,
                "fulfilled".equals(status) ? 1 : 0,
                "noshow".equals(status) ? 1 : 0,
                cancelled && "patient".equals(cancelledBy) ? 1 : 0,
                cancelled && "clinic".equals(cancelledBy) ? 1 : 0,
                cancelled && rescheduled ? 1 : 0,
                urgent ? 1 : 0,
                assignment != null ? 1 : 0);
    }

    /** The key of a {@code workload_day} row. */
    public record DayKey(String provider, LocalDate localDay, String locationId, String poolKey)
            implements Comparable<DayKey> {

        /** The order every writer touches day rows in, so two transactions never wait on each other in a circle. */
        @Override
        public int compareTo(DayKey other) {
            int c = provider.compareTo(other.provider);
            if (c == 0) {
                c = localDay.compareTo(other.localDay);
            }
            if (c == 0) {
                c = locationId.compareTo(other.locationId);
            }
            return c != 0 ? c : poolKey.compareTo(other.poolKey);
        }
    }
}

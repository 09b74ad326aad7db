package org.mediwox.server.demo;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The demo clinic's past weeks as values, made by {@link HistoryPlanner}: for each working day the providers' Slots and
 * the Appointments booked into them, with what became of each. {@link HistoryWriter} writes it one day at a time.
 *
 * @param loadDate the day the demo clinic was loaded; the history ends the working day before
 * @param patients how many history patients the Appointments are spread over ({@code history-patient-1} …)
 */
record HistoryPlan(LocalDate loadDate, int patients, List<Day> days) {

    HistoryPlan {
        days = List.copyOf(days);
    }

    /** All Appointments of the plan, day by day. */
    int visitCount() {
        return days.stream().mapToInt(d -> d.visits().size()).sum();
    }

    /** One working day: every provider's Slots, and the Appointments on them in the order they were booked. */
    record Day(LocalDate date, List<PlannedSlot> slots, List<Visit> visits) {

        Day {
            slots = List.copyOf(slots);
            visits = List.copyOf(visits);
        }
    }

    /** A Slot of one provider ({@link DemoClinic.Provider#key()}). */
    record PlannedSlot(String provider, Instant start, Instant end) {}

    /** What became of a booked Appointment. */
    enum Outcome {
        FULFILLED,
        NOSHOW,
        /** Cancelled by the patient (HL7 {@code pat}). */
        CANCELLED_BY_PATIENT,
        /** Cancelled by the clinic (HL7 {@code prov}). */
        CANCELLED_BY_CLINIC,
        /** Cancelled with Mediwox's reason {@code rescheduled}; a later Visit names it in {@code rescheduledFrom}. */
        RESCHEDULED
    }

    /**
     * One Appointment.
     *
     * @param key its identifier value ({@code history-<n>}), unique in the plan
     * @param provider the provider's key; the Appointment takes that provider's Slot at {@code start}
     * @param pool the pool that assigned it ({@code gp}, {@code derm})
     * @param turn the pool's rotation turn; null for an urgent booking (earliest free Slot, outside the rotation)
     * @param position the 1-based position in the pool the turn pointed to; null when urgent
     * @param patient 1-based number of the history patient
     * @param bookedAt when it was booked ({@code Appointment.created})
     * @param cancelledAt when it was cancelled, for the cancelled outcomes; else null
     * @param rescheduledFrom the key of the Visit this one replaces, or null
     */
    record Visit(
            String key,
            String provider,
            String pool,
            int poolSize,
            Long turn,
            Integer position,
            int patient,
            Instant start,
            Instant end,
            Instant bookedAt,
            boolean urgent,
            Outcome outcome,
            Instant cancelledAt,
            String rescheduledFrom) {}
}

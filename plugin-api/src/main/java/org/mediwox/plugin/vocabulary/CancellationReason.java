package org.mediwox.plugin.vocabulary;

/**
 * Why Mediwox itself cancelled an Appointment, as a code of the IG's CodeSystem {@value #SYSTEM} in
 * {@code Appointment.cancelationReason}: the scheduling module writes it, the notification module (and any reader)
 * decides by the code, never by the display text.
 */
public enum CancellationReason implements Coded {
    /** Cancelled by {@code $book} with {@code cancelled-appt-id}: its replacement is booked in the same transaction. */
    RESCHEDULED("rescheduled", "Rescheduled"),
    /** A {@code $hold} that lapsed before it was booked. */
    HOLD_EXPIRED("hold-expired", "Hold expired"),
    /**
     * A waiting-list entry ({@code status} {@code waitlist}) that ended by itself: the booked Appointment it waited for
     * an earlier time for was cancelled, moved (also by taking an offer) or has started.
     */
    WAITLIST_ENDED("waitlist-ended", "Waiting list ended");

    /** The CodeSystem, defined in {@code ig/}. */
    public static final String SYSTEM = "https://mediwox.org/fhir/CodeSystem/cancellation-reason";

    private final String code;
    private final String display;

    CancellationReason(String code, String display) {
        this.code = code;
        this.display = display;
    }

    @Override
    public String system() {
        return SYSTEM;
    }

    @Override
    public String code() {
        return code;
    }

    @Override
    public String display() {
        return display;
    }
}

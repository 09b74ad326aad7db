package org.mediwox.notification.outbox;

import java.util.Arrays;

/**
 * What an outbox message is about. Stored as its {@link #value()} in the {@code event} text column, shown by
 * {@code $notifications} as the Communication's category and part of the dedupe keys.
 */
public enum MessageEvent {
    /** An Appointment became booked. */
    BOOKED("booked"),
    /** A booked Appointment was cancelled. */
    CANCELLED("cancelled"),
    /** A booked Appointment moved to another time. */
    RESCHEDULED("rescheduled"),
    /** An earlier time held for a patient on the waiting list (a held Appointment naming the booked one). */
    OFFERED("offered"),
    /** An SMS reminder before a booked Appointment starts. */
    REMINDER("reminder"),
    /** A topic-based rest-hook Subscription's handshake: it works. */
    HANDSHAKE("handshake"),
    /** The link that confirms the e-mail address of a new patient account (the server's {@code AccountMail}). */
    VERIFY_EMAIL("verify-email"),
    /** The link to choose a new password of a patient account. */
    RESET_PASSWORD("reset-password");

    private final String value;

    MessageEvent(String value) {
        this.value = value;
    }

    /** Whether the message is about a patient's account: its body holds a link that is a credential. */
    public boolean aboutAccount() {
        return this == VERIFY_EMAIL || this == RESET_PASSWORD;
    }

    /** The stored text. */
    public String value() {
        return value;
    }

    /** The event stored as {@code value}; an unknown one is a corrupt row. */
    public static MessageEvent ofValue(String value) {
        return Arrays.stream(values())
                .filter(e -> e.value.equals(value))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown outbox event " + value));
    }

    @Override
    public String toString() {
        return value;
    }
}

package org.mediwox.notification.outbox;

import java.util.Arrays;

/**
 * Where an outbox message stands. Stored as its {@link #value()} in the {@code status} text column (no check
 * constraint: the values below are the whole set the code writes).
 */
public enum MessageStatus {
    /** Waiting for delivery (or for a retry). */
    PENDING("pending"),
    /** Claimed by a node under a lease. */
    SENDING("sending"),
    /** Accepted by the provider (or, in the demo, by the {@code log} transport). */
    SENT("sent"),
    /** Handed to the {@code log} transport in production: recorded and logged, never sent to anyone. */
    LOGGED("logged"),
    /** Never sent, with the reason (no address, opted out, invalid number, could not be prepared). */
    SKIPPED("skipped"),
    /** Out of attempts or refused by the provider: kept for an operator to replay. */
    DEAD("dead"),
    /** No longer owed (the appointment was cancelled, moved or deleted; the Subscription turned off). */
    WITHDRAWN("withdrawn");

    private final String value;

    MessageStatus(String value) {
        this.value = value;
    }

    /** The stored text. */
    public String value() {
        return value;
    }

    /** The status stored as {@code value}; an unknown one is a corrupt row. */
    public static MessageStatus ofValue(String value) {
        return Arrays.stream(values())
                .filter(s -> s.value.equals(value))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown outbox status " + value));
    }

    @Override
    public String toString() {
        return value;
    }
}

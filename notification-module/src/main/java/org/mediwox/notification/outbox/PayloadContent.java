package org.mediwox.notification.outbox;

import java.util.Arrays;
import java.util.Optional;

/**
 * How much of the Appointment a topic-based notification carries (the R5 Backport's {@code backport-payload-content}).
 * Stored as its {@link #code()} in the outbox's {@code payload_content} column.
 */
public enum PayloadContent {
    /** Only the SubscriptionStatus: the subscriber asks the server what changed. */
    EMPTY("empty"),
    /** The focus Appointment's URL (the default). */
    ID_ONLY("id-only"),
    /** The Appointment itself, as it was when the change was committed. */
    FULL_RESOURCE("full-resource");

    private final String code;

    PayloadContent(String code) {
        this.code = code;
    }

    /** The FHIR code (also the stored text). */
    public String code() {
        return code;
    }

    /** The content named {@code code}, if it is one of the Backport's codes. */
    public static Optional<PayloadContent> find(String code) {
        return Arrays.stream(values()).filter(c -> c.code.equals(code)).findFirst();
    }

    /** The content stored as {@code code}; an unknown one is a corrupt row. */
    public static PayloadContent ofCode(String code) {
        return find(code).orElseThrow(() -> new IllegalArgumentException("Unknown payload content " + code));
    }

    @Override
    public String toString() {
        return code;
    }
}

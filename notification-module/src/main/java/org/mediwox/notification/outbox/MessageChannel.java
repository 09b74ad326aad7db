package org.mediwox.notification.outbox;

import java.util.Arrays;
import java.util.Optional;

/** How an outbox message travels. Stored as its {@link #value()} in the {@code channel} text column. */
public enum MessageChannel {
    /** An email (SES): to a patient, or a Subscription's {@code email} channel. */
    EMAIL("email"),
    /** An SMS (SNS): a patient's reminder, or a Subscription's {@code sms} channel. */
    SMS("sms"),
    /** A POST to a Subscription's endpoint. */
    REST_HOOK("rest-hook");

    private final String value;

    MessageChannel(String value) {
        this.value = value;
    }

    /** The stored text (also the FHIR {@code Subscription.channel.type} code). */
    public String value() {
        return value;
    }

    /** The channel stored as {@code value}; an unknown one is a corrupt row. */
    public static MessageChannel ofValue(String value) {
        return find(value).orElseThrow(() -> new IllegalArgumentException("Unknown outbox channel " + value));
    }

    /** The channel named {@code value} (a Subscription's channel type), if the outbox has it. */
    public static Optional<MessageChannel> find(String value) {
        return Arrays.stream(values()).filter(c -> c.value.equals(value)).findFirst();
    }

    @Override
    public String toString() {
        return value;
    }
}

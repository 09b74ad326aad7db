package org.mediwox.notification.subscription;

import java.util.Arrays;
import java.util.Optional;
import org.mediwox.notification.outbox.MessageChannel;

/**
 * The channels a stored Subscription may name and Mediwox delivers on: FHIR's {@code rest-hook}, {@code email} and
 * {@code sms} (to the Subscription's endpoint), and Mediwox's two patient channels (code system {@link
 * Subscriber#CHANNEL_TYPE_SYSTEM}, given as {@code backport-channel-type}), which reach the patient's own email
 * address or mobile number from the Patient resource.
 */
public enum SubscriberChannel {
    REST_HOOK("rest-hook", MessageChannel.REST_HOOK),
    EMAIL("email", MessageChannel.EMAIL),
    SMS("sms", MessageChannel.SMS),
    /** Confirmations, cancellations and reschedules to the patient's own email address. */
    PATIENT_EMAIL("patient-email", null),
    /** SMS reminders to the patient's own mobile number before the start. */
    PATIENT_SMS_REMINDER("patient-sms-reminder", null);

    private final String code;
    private final MessageChannel toEndpoint;

    SubscriberChannel(String code, MessageChannel toEndpoint) {
        this.code = code;
        this.toEndpoint = toEndpoint;
    }

    /** The channel type code. */
    public String code() {
        return code;
    }

    /** One of the patient channels: the recipient comes from the Patient, not from the Subscription. */
    public boolean toPatient() {
        return toEndpoint == null;
    }

    /** How a message to the Subscription's own endpoint travels; empty for the patient channels. */
    public Optional<MessageChannel> toEndpoint() {
        return Optional.ofNullable(toEndpoint);
    }

    /** The channel with type code {@code code}, if Mediwox delivers on it. */
    public static Optional<SubscriberChannel> find(String code) {
        return Arrays.stream(values()).filter(c -> c.code.equals(code)).findFirst();
    }

    @Override
    public String toString() {
        return code;
    }
}

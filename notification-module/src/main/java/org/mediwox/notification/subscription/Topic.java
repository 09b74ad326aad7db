package org.mediwox.notification.subscription;

import java.util.Arrays;
import java.util.Optional;
import org.mediwox.notification.outbox.MessageEvent;

/**
 * The SubscriptionTopics Mediwox raises events for (defined in the implementation guide as R4 {@code Basic} resources
 * in the Subscriptions R5 Backport form). Each raises one of the events the notification planner classifies changes into.
 */
public enum Topic {
    /** An Appointment became booked (not by a reschedule). */
    BOOKED("appointment-booked", MessageEvent.BOOKED),
    /** A booked Appointment was cancelled (not to be moved). */
    CANCELLED("appointment-cancelled", MessageEvent.CANCELLED),
    /** A booked Appointment moved to another time: its start changed, or {@code $book} replaced it. */
    RESCHEDULED("appointment-rescheduled", MessageEvent.RESCHEDULED);

    public static final String BASE = "https://mediwox.org/fhir/SubscriptionTopic/";

    private final String id;
    private final MessageEvent event;

    Topic(String id, MessageEvent event) {
        this.id = id;
        this.event = event;
    }

    public String canonical() {
        return BASE + id;
    }

    /** The event it raises. */
    public MessageEvent event() {
        return event;
    }

    public static Optional<Topic> byCanonical(String canonical) {
        // a canonical may carry a version: ...|1.0
        String url = canonical.contains("|") ? canonical.substring(0, canonical.indexOf('|')) : canonical;
        return Arrays.stream(values()).filter(t -> t.canonical().equals(url)).findFirst();
    }

    public static Optional<Topic> byEvent(MessageEvent event) {
        return Arrays.stream(values()).filter(t -> t.event == event).findFirst();
    }
}

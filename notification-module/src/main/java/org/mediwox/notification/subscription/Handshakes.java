package org.mediwox.notification.subscription;

import java.time.Clock;
import org.hl7.fhir.r4.model.Subscription;
import org.mediwox.notification.outbox.NewMessage;
import org.mediwox.notification.outbox.Outbox;

/**
 * A new topic-based rest-hook Subscription gets a {@code handshake} notification: the subscriber learns the
 * subscription works (and Mediwox learns the endpoint answers — a failing one shows in {@code $notifications}). Recorded
 * in the outbox in the Subscription's own transaction, so it is sent once even across crashes.
 */
public class Handshakes {

    public static final String EVENT = "handshake";

    private final Outbox outbox;
    private final Clock clock;

    public Handshakes(Outbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    public void record(Subscription subscription, Subscriber subscriber) {
        String id = subscription.getIdElement().getIdPart();
        outbox.record(new NewMessage(
                "Subscription/" + id + "/_history/"
                        + subscription.getIdElement().getVersionIdPart() + "/" + EVENT,
                "-",
                "-",
                EVENT,
                "rest-hook",
                subscriber.endpoint(),
                "en",
                subscriber.payloadMimeType(),
                "",
                Outbox.PENDING,
                null,
                clock.instant(),
                new NewMessage.ForSubscription(
                        id, subscriber.headers(), subscriber.topic().canonical(), subscriber.content(), null)));
    }
}

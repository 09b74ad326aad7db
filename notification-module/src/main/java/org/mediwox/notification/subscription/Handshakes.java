package org.mediwox.notification.subscription;

import java.time.Clock;
import org.hl7.fhir.r4.model.Subscription;
import org.mediwox.notification.outbox.MessageChannel;
import org.mediwox.notification.outbox.MessageContent;
import org.mediwox.notification.outbox.MessageEvent;
import org.mediwox.notification.outbox.NewMessage;
import org.mediwox.notification.outbox.Outbox;

/**
 * A new topic-based rest-hook Subscription gets a {@code handshake} notification: the subscriber learns the
 * subscription works (and Mediwox learns the endpoint answers — a failing one shows in {@code $notifications}). Recorded
 * in the outbox in the Subscription's own transaction, so it is sent once even across crashes.
 */
public class Handshakes {

    private final Outbox outbox;
    private final Clock clock;

    public Handshakes(Outbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    public void record(Subscription subscription, Subscriber subscriber) {
        String id = subscription.getIdElement().getIdPart();
        outbox.record(NewMessage.toSubscriber(
                "Subscription/" + id + "/_history/"
                        + subscription.getIdElement().getVersionIdPart() + "/" + MessageEvent.HANDSHAKE.value(),
                new NewMessage.About("-", "-", MessageEvent.HANDSHAKE),
                new NewMessage.Recipient(MessageChannel.REST_HOOK, subscriber.endpoint(), "en"),
                new MessageContent.Payload(subscriber.payloadMimeType(), ""), // the Bundle is built when it is sent
                clock.instant(),
                new NewMessage.ForSubscription(
                        id, subscriber.headers(), subscriber.topic().canonical(), subscriber.content(), null)));
    }
}

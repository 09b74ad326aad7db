package org.mediwox.notification.subscription;

import ca.uhn.fhir.context.FhirContext;
import java.util.Date;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.mediwox.notification.outbox.MessageEvent;
import org.mediwox.notification.outbox.OutboxMessage;
import org.mediwox.notification.outbox.PayloadContent;
import org.mediwox.plugin.server.PublicFhirBase;

/**
 * The notifications of topic-based Subscriptions in the R4 Backport form: a {@code history} Bundle whose first entry is
 * the SubscriptionStatus (a Parameters with the subscription, topic, status, type, events since the subscription
 * started and the event with its number, time and focus), then the focus Appointment — its id only, or the whole
 * resource, as the subscription's payload content says.
 */
public class NotificationBundles {

    public static final String STATUS_PROFILE = Subscriber.BACKPORT + "backport-subscription-status-r4";
    public static final String NOTIFICATION_PROFILE = Subscriber.BACKPORT + "backport-subscription-notification-r4";

    private final FhirContext fhirContext;
    private final PublicFhirBase base;

    /** @param base the server's public FHIR base URL (for the entries' full URLs) */
    public NotificationBundles(FhirContext fhirContext, PublicFhirBase base) {
        this.fhirContext = fhirContext;
        this.base = base;
    }

    /** The body of a topic-based notification; {@code eventNumber} is null for a handshake. */
    public String notification(OutboxMessage message, Long eventNumber, long eventsSinceStart) {
        String fhirBase = base.url();
        boolean handshake = message.event() == MessageEvent.HANDSHAKE;
        PayloadContent content =
                message.payloadContent() == null ? Subscriber.DEFAULT_CONTENT : message.payloadContent();
        Parameters status = status(
                message.subscriptionId(),
                content == PayloadContent.EMPTY ? null : message.topic(),
                "active",
                handshake ? "handshake" : "event-notification",
                eventsSinceStart);
        Bundle bundle = new Bundle().setType(BundleType.HISTORY).setTimestamp(new Date());
        bundle.getMeta().addProfile(NOTIFICATION_PROFILE);
        bundle.addEntry()
                .setFullUrl("urn:uuid:" + status.getIdElement().getIdPart())
                .setResource(status)
                .getRequest()
                .setMethod(HTTPVerb.GET)
                .setUrl("Subscription/" + message.subscriptionId() + "/$status");
        bundle.getEntry().get(0).getResponse().setStatus("200");
        if (!handshake) {
            ParametersParameterComponent event = status.addParameter().setName("notification-event");
            event.addPart().setName("event-number").setValue(new StringType(String.valueOf(eventNumber)));
            event.addPart().setName("timestamp").setValue(new InstantType(Date.from(message.createdAt())));
            if (content != PayloadContent.EMPTY) {
                String focus = "Appointment/" + message.appointmentId();
                event.addPart().setName("focus").setValue(new Reference(fhirBase + "/" + focus));
                if (message.contextId() != null) {
                    // a $book reschedule: the Appointment this one replaced (now cancelled)
                    event.addPart()
                            .setName("additional-context")
                            .setValue(new Reference(fhirBase + "/Appointment/" + message.contextId()));
                }
                Bundle.BundleEntryComponent entry = bundle.addEntry().setFullUrl(fhirBase + "/" + focus);
                entry.getRequest().setMethod(HTTPVerb.PUT).setUrl(focus);
                entry.getResponse().setStatus("200");
                if (content == PayloadContent.FULL_RESOURCE
                        && message.body() != null
                        && !message.body().isEmpty()) {
                    entry.setResource((Resource) fhirContext.newJsonParser().parseResource(message.body()));
                }
            }
        }
        return fhirContext.newJsonParser().encodeResourceToString(bundle);
    }

    /** A SubscriptionStatus (R4: Parameters); {@code topic} may be null (empty payloads do not name it). */
    public Parameters status(
            String subscriptionId, String topic, String subscriptionStatus, String type, long eventsSinceStart) {
        Parameters status = new Parameters();
        status.setId(UUID.randomUUID().toString());
        status.getMeta().addProfile(STATUS_PROFILE);
        status.addParameter()
                .setName("subscription")
                .setValue(new Reference(base.url() + "/Subscription/" + subscriptionId));
        if (topic != null) {
            status.addParameter().setName("topic").setValue(new CanonicalType(topic));
        }
        status.addParameter().setName("status").setValue(new CodeType(subscriptionStatus));
        status.addParameter().setName("type").setValue(new CodeType(type));
        status.addParameter()
                .setName("events-since-subscription-start")
                .setValue(new StringType(String.valueOf(eventsSinceStart)));
        return status;
    }
}

package org.mediwox.notification.subscription;

import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Subscription;
import org.hl7.fhir.r4.model.Subscription.SubscriptionChannelComponent;
import org.mediwox.notification.outbox.PayloadContent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stored Subscription as Mediwox delivers it: classic R4 ({@code criteria} is an Appointment search) or topic-based
 * in the R5 Backport form ({@code criteria} is a SubscriptionTopic canonical, with {@code backport-filter-criteria},
 * {@code backport-payload-content} and {@code backport-channel-type}).
 *
 * @param id the Subscription's id
 * @param topic the topic ({@code null} for a classic R4 Subscription)
 * @param filters Appointment searches that must all match: the topic's filter criteria, or the R4 criteria
 * @param channel where it is delivered
 * @param endpoint where the notification goes (none for the patient channels)
 * @param payloadMimeType the rest-hook body's content type; {@code null} for none
 * @param content how much of the Appointment a notification carries
 * @param headers the channel's headers, one per line, or {@code null}
 */
public record Subscriber(
        String id,
        Topic topic,
        List<String> filters,
        SubscriberChannel channel,
        String endpoint,
        String payloadMimeType,
        PayloadContent content,
        String headers) {

    private static final Logger log = LoggerFactory.getLogger(Subscriber.class);

    public static final String BACKPORT = "http://hl7.org/fhir/uv/subscriptions-backport/StructureDefinition/";
    public static final String FILTER_CRITERIA = BACKPORT + "backport-filter-criteria";
    public static final String PAYLOAD_CONTENT = BACKPORT + "backport-payload-content";
    public static final String CHANNEL_TYPE = BACKPORT + "backport-channel-type";
    public static final String HEARTBEAT_PERIOD = BACKPORT + "backport-heartbeat-period";
    public static final String TOPIC_SUBSCRIPTION_PROFILE = BACKPORT + "backport-subscription";

    /** Mediwox's own channel types, for {@code backport-channel-type}. */
    public static final String CHANNEL_TYPE_SYSTEM = "https://mediwox.org/fhir/CodeSystem/channel-type";

    public static final PayloadContent DEFAULT_CONTENT = PayloadContent.ID_ONLY;

    public boolean topicBased() {
        return topic != null;
    }

    public boolean toPatient() {
        return channel.toPatient();
    }

    /**
     * Reads a stored Subscription; empty when it is neither a Mediwox topic subscription nor on Appointments, or when
     * its channel is not one Mediwox delivers on (refused when a Subscription is stored; one stored before those rules
     * is skipped with a warning).
     */
    public static Optional<Subscriber> of(Subscription subscription) {
        String criteria = subscription.getCriteria();
        if (criteria == null) {
            return Optional.empty();
        }
        SubscriptionChannelComponent channel = subscription.getChannel();
        String channelType = customChannel(subscription)
                .map(Coding::getCode)
                .orElse(channel.getType() == null ? null : channel.getType().toCode());
        if (channelType == null) {
            return Optional.empty();
        }
        Optional<SubscriberChannel> delivered = SubscriberChannel.find(channelType);
        if (delivered.isEmpty()) {
            log.warn(
                    "Subscription/{} has channel {}, which Mediwox does not send on",
                    subscription.getIdElement().getIdPart(),
                    channelType);
            return Optional.empty();
        }
        String headers = channel.getHeader().stream()
                .map(h -> h.getValue())
                .reduce((a, b) -> a + "\n" + b)
                .orElse(null);
        String payload = channel.hasPayload() ? channel.getPayload() : null;
        Optional<Topic> topic = Topic.byCanonical(criteria);
        if (topic.isPresent()) {
            List<String> filters = subscription.getCriteriaElement().getExtensionsByUrl(FILTER_CRITERIA).stream()
                    .filter(e -> e.getValue() != null)
                    .map(e -> e.getValue().primitiveValue())
                    .toList();
            return Optional.of(new Subscriber(
                    subscription.getIdElement().getIdPart(),
                    topic.get(),
                    filters,
                    delivered.get(),
                    channel.getEndpoint(),
                    payload,
                    content(subscription).flatMap(PayloadContent::find).orElse(DEFAULT_CONTENT),
                    headers));
        }
        if (!(criteria.equals("Appointment") || criteria.startsWith("Appointment?"))) {
            return Optional.empty();
        }
        return Optional.of(new Subscriber(
                subscription.getIdElement().getIdPart(),
                null,
                criteria.equals("Appointment") || criteria.equals("Appointment?") ? List.of() : List.of(criteria),
                delivered.get(),
                channel.getEndpoint(),
                payload,
                payload == null ? PayloadContent.EMPTY : PayloadContent.FULL_RESOURCE,
                headers));
    }

    static Optional<Coding> customChannel(Subscription subscription) {
        return subscription.getChannel().getTypeElement().getExtensionsByUrl(CHANNEL_TYPE).stream()
                .map(Extension::getValue)
                .filter(Coding.class::isInstance)
                .map(Coding.class::cast)
                .findFirst();
    }

    static Optional<String> content(Subscription subscription) {
        return subscription.getChannel().getPayloadElement().getExtensionsByUrl(PAYLOAD_CONTENT).stream()
                .map(e -> e.getValue() == null ? "" : e.getValue().primitiveValue())
                .findFirst();
    }
}

package org.mediwox.notification.subscription;

import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Subscription;
import org.hl7.fhir.r4.model.Subscription.SubscriptionChannelComponent;

/**
 * A stored Subscription as Mediwox delivers it: classic R4 ({@code criteria} is an Appointment search) or topic-based
 * in the R5 Backport form ({@code criteria} is a SubscriptionTopic canonical, with {@code backport-filter-criteria},
 * {@code backport-payload-content} and {@code backport-channel-type}).
 *
 * @param id the Subscription's id
 * @param topic the topic ({@code null} for a classic R4 Subscription)
 * @param filters Appointment searches that must all match: the topic's filter criteria, or the R4 criteria
 * @param channel {@code rest-hook}, {@code email}, {@code sms}, or one of the patient channels
 * @param endpoint where the notification goes (none for the patient channels)
 * @param payloadMimeType the rest-hook body's content type; {@code null} for none
 * @param content {@code empty}, {@code id-only} or {@code full-resource} (topic-based)
 * @param headers the channel's headers, one per line, or {@code null}
 */
public record Subscriber(
        String id,
        Topic topic,
        List<String> filters,
        String channel,
        String endpoint,
        String payloadMimeType,
        String content,
        String headers) {

    public static final String BACKPORT = "http://hl7.org/fhir/uv/subscriptions-backport/StructureDefinition/";
    public static final String FILTER_CRITERIA = BACKPORT + "backport-filter-criteria";
    public static final String PAYLOAD_CONTENT = BACKPORT + "backport-payload-content";
    public static final String CHANNEL_TYPE = BACKPORT + "backport-channel-type";
    public static final String HEARTBEAT_PERIOD = BACKPORT + "backport-heartbeat-period";
    public static final String TOPIC_SUBSCRIPTION_PROFILE = BACKPORT + "backport-subscription";

    /** Mediwox's own channel types, for {@code backport-channel-type}. */
    public static final String CHANNEL_TYPE_SYSTEM = "https://mediwox.org/fhir/CodeSystem/channel-type";

    /** The patient's own email address (from the Patient resource): confirmations, cancellations, reschedules. */
    public static final String PATIENT_EMAIL = "patient-email";

    /** SMS reminders to the patient's own mobile number before the start. */
    public static final String PATIENT_SMS_REMINDER = "patient-sms-reminder";

    public static final String DEFAULT_CONTENT = "id-only";

    public boolean topicBased() {
        return topic != null;
    }

    public boolean toPatient() {
        return channel.equals(PATIENT_EMAIL) || channel.equals(PATIENT_SMS_REMINDER);
    }

    /** Reads a stored Subscription; empty when it is neither a Mediwox topic subscription nor on Appointments. */
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
                    channelType,
                    channel.getEndpoint(),
                    payload,
                    content(subscription).orElse(DEFAULT_CONTENT),
                    headers));
        }
        if (!(criteria.equals("Appointment") || criteria.startsWith("Appointment?"))) {
            return Optional.empty();
        }
        return Optional.of(new Subscriber(
                subscription.getIdElement().getIdPart(),
                null,
                criteria.equals("Appointment") || criteria.equals("Appointment?") ? List.of() : List.of(criteria),
                channelType,
                channel.getEndpoint(),
                payload,
                payload == null ? "empty" : "full-resource",
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

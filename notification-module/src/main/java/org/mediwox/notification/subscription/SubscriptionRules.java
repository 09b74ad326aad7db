package org.mediwox.notification.subscription;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.searchparam.matcher.InMemoryMatchResult;
import ca.uhn.fhir.jpa.searchparam.matcher.SearchParamMatcher;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Subscription;
import org.hl7.fhir.r4.model.Subscription.SubscriptionChannelType;
import org.hl7.fhir.r4.model.Subscription.SubscriptionStatus;
import org.mediwox.notification.endpoint.ChannelHeaders;
import org.mediwox.notification.endpoint.EndpointPolicy;
import org.mediwox.notification.endpoint.EndpointRefused;
import org.mediwox.notification.outbox.Outbox;
import org.mediwox.notification.outbox.PayloadContent;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What a Subscription must be for Mediwox to deliver it (422 otherwise, naming the element):
 *
 * <ul>
 *   <li>classic R4: criteria on Appointment ({@code Appointment?status=booked});
 *   <li>topic-based (Subscriptions R5 Backport): criteria one of Mediwox's SubscriptionTopics, filter criteria on
 *       Appointment, payload content {@code empty}, {@code id-only} (the default, written into the resource) or
 *       {@code full-resource};
 * </ul>
 *
 * and a channel Mediwox delivers — {@code rest-hook} to an https URL that the {@link EndpointPolicy} allows, with
 * well-formed {@link ChannelHeaders}, {@code email} to an address ({@code mailto:}
 * optional), {@code sms} to an E.164 number ({@code tel:} optional), or (topic-based, {@code backport-channel-type}) the
 * patient's own email or SMS reminders. A {@code requested} subscription becomes {@code active} when stored. Every
 * change tells {@link ActiveSubscriptions} once it commits; a new topic-based rest-hook gets a handshake.
 */
@Interceptor
public class SubscriptionRules {

    /** A phone number in E.164 form, as SNS takes it. */
    public static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{7,14}");

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Set<String> STANDARD_CHANNEL_SYSTEMS = Set.of(
            "http://terminology.hl7.org/CodeSystem/subscription-channel-type",
            "http://hl7.org/fhir/subscription-channel-type");

    private final ActiveSubscriptions active;
    private final Handshakes handshakes;
    private final Outbox outbox;
    private final ObjectProvider<SearchParamMatcher> matcher;
    private final EndpointPolicy endpoints;

    public SubscriptionRules(
            ActiveSubscriptions active,
            Handshakes handshakes,
            Outbox outbox,
            ObjectProvider<SearchParamMatcher> matcher,
            EndpointPolicy endpoints) {
        this.active = active;
        this.handshakes = handshakes;
        this.outbox = outbox;
        this.matcher = matcher;
        this.endpoints = endpoints;
    }

    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
    public void created(IBaseResource resource) {
        check(resource);
    }

    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
    public void updated(IBaseResource previous, IBaseResource resource) {
        check(resource);
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
    public void stored(IBaseResource resource) {
        if (resource instanceof Subscription subscription) {
            handshakeIfDue(null, subscription);
            changed();
        }
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
    public void storedUpdate(IBaseResource previous, IBaseResource resource) {
        if (resource instanceof Subscription subscription) {
            if (subscription.getStatus() != SubscriptionStatus.ACTIVE) {
                outbox.withdrawSubscription(
                        subscription.getIdElement().getIdPart(),
                        "subscription " + subscription.getStatus().toCode());
            }
            handshakeIfDue(previous instanceof Subscription before ? before : null, subscription);
            changed();
        }
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_DELETED)
    public void deleted(IBaseResource resource) {
        if (resource instanceof Subscription subscription) {
            outbox.withdrawSubscription(subscription.getIdElement().getIdPart(), "subscription deleted");
            changed();
        }
    }

    /**
     * An active topic-based rest-hook gets a handshake when it is created, becomes active again, or moves to another
     * endpoint.
     */
    private void handshakeIfDue(Subscription previous, Subscription current) {
        if (current.getStatus() != SubscriptionStatus.ACTIVE) {
            return;
        }
        Optional<Subscriber> now =
                Subscriber.of(current).filter(s -> s.topicBased() && s.channel() == SubscriberChannel.REST_HOOK);
        if (now.isEmpty()) {
            return;
        }
        boolean due = previous == null
                || previous.getStatus() != SubscriptionStatus.ACTIVE
                || !Objects.equals(
                        previous.getChannel().getEndpoint(), now.get().endpoint());
        if (due) {
            handshakes.record(current, now.get());
        }
    }

    private void changed() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    active.invalidate();
                }
            });
        } else {
            active.invalidate();
        }
    }

    private void check(IBaseResource resource) {
        if (!(resource instanceof Subscription subscription)) {
            return;
        }
        String criteria = subscription.getCriteria();
        Optional<Topic> topic = criteria == null ? Optional.empty() : Topic.byCanonical(criteria);
        if (topic.isPresent()) {
            checkTopicBased(subscription);
        } else if (criteria != null && (criteria.startsWith("http://") || criteria.startsWith("https://"))) {
            throw new UnprocessableEntityException("Subscription.criteria: unknown SubscriptionTopic " + criteria
                    + "; Mediwox raises events for "
                    + Arrays.stream(Topic.values()).map(Topic::canonical).collect(Collectors.joining(", ")));
        } else if (criteria == null || !(criteria.equals("Appointment") || criteria.startsWith("Appointment?"))) {
            throw new UnprocessableEntityException("Subscription.criteria: Mediwox delivers subscriptions on"
                    + " Appointment changes; use a SubscriptionTopic such as " + Topic.BOOKED.canonical()
                    + " or criteria such as Appointment?status=booked (got " + criteria + ")");
        } else if (criteria.length() > "Appointment?".length()) {
            checkEvaluable("Subscription.criteria", criteria);
        }
        Optional<Coding> custom = Subscriber.customChannel(subscription);
        if (custom.isPresent()
                && (custom.get().getSystem() == null
                        || !STANDARD_CHANNEL_SYSTEMS.contains(custom.get().getSystem()))) {
            checkCustomChannel(subscription, custom.get(), topic.isPresent());
        } else {
            checkChannel(subscription, custom.map(Coding::getCode).orElse(null));
        }
        if (subscription.getStatus() == null || subscription.getStatus() == SubscriptionStatus.REQUESTED) {
            subscription.setStatus(SubscriptionStatus.ACTIVE);
        }
    }

    private void checkTopicBased(Subscription subscription) {
        for (Extension filter : subscription.getCriteriaElement().getExtensionsByUrl(Subscriber.FILTER_CRITERIA)) {
            String value = filter.getValue() == null ? null : filter.getValue().primitiveValue();
            if (value == null || !value.startsWith("Appointment?") || value.length() == "Appointment?".length()) {
                throw new UnprocessableEntityException("Subscription.criteria.extension(backport-filter-criteria):"
                        + " Mediwox's topics are about Appointments; filter with an Appointment search such as"
                        + " Appointment?patient=Patient/123 (got " + value + ")");
            }
            checkEvaluable("Subscription.criteria.extension(backport-filter-criteria)", value);
        }
        Subscription.SubscriptionChannelComponent channel = subscription.getChannel();
        if (!channel.getExtensionsByUrl(Subscriber.HEARTBEAT_PERIOD).isEmpty()) {
            throw new UnprocessableEntityException("Subscription.channel.extension(backport-heartbeat-period):"
                    + " Mediwox does not send heartbeat notifications; leave it out and use Subscription/$status to"
                    + " check a subscription");
        }
        String payload = channel.hasPayload() ? channel.getPayload() : null;
        if (payload != null && !payload.equals("application/fhir+json") && !payload.equals("application/json")) {
            throw new UnprocessableEntityException("Subscription.channel.payload: Mediwox sends notification Bundles"
                    + " as application/fhir+json (got " + payload + ")");
        }
        Optional<String> content = Subscriber.content(subscription);
        if (content.isPresent() && PayloadContent.find(content.get()).isEmpty()) {
            throw new UnprocessableEntityException("Subscription.channel.payload.extension(backport-payload-content):"
                    + " use empty, id-only or full-resource (got " + content.get() + ")");
        }
        if (payload == null) {
            channel.setPayload("application/fhir+json");
        }
        if (content.isEmpty()) {
            channel.getPayloadElement()
                    .addExtension(Subscriber.PAYLOAD_CONTENT, new CodeType(Subscriber.DEFAULT_CONTENT.code()));
        }
    }

    /**
     * Criteria are evaluated in memory against the changed Appointment; one the matcher cannot evaluate (chains,
     * {@code _has}, full text) would silently match nothing, so it is refused.
     */
    private void checkEvaluable(String element, String criteria) {
        InMemoryMatchResult result;
        try {
            result = matcher.getObject().match(criteria, new Appointment(), new SystemRequestDetails());
        } catch (RuntimeException e) {
            throw new UnprocessableEntityException(
                    element + ": " + criteria + " is not a valid Appointment search (" + e.getMessage() + ")");
        }
        if (!result.supported()) {
            throw new UnprocessableEntityException(element + ": " + criteria + " cannot be evaluated when an"
                    + " Appointment changes (" + result.getUnsupportedReason() + "); use plain Appointment search"
                    + " parameters such as patient, practitioner, location, service-type, specialty or status");
        }
    }

    private static void checkCustomChannel(Subscription subscription, Coding custom, boolean topicBased) {
        Optional<SubscriberChannel> channel = Subscriber.CHANNEL_TYPE_SYSTEM.equals(custom.getSystem())
                ? SubscriberChannel.find(custom.getCode()).filter(SubscriberChannel::toPatient)
                : Optional.empty();
        boolean ours = channel.isPresent();
        if (!ours) {
            throw new UnprocessableEntityException("Subscription.channel.type.extension(backport-channel-type): "
                    + custom.getSystem() + "|" + custom.getCode() + " is not delivered by Mediwox; use rest-hook,"
                    + " email, sms, or " + Subscriber.CHANNEL_TYPE_SYSTEM + "|" + SubscriberChannel.PATIENT_EMAIL
                    + " / |" + SubscriberChannel.PATIENT_SMS_REMINDER);
        }
        if (!topicBased) {
            throw new UnprocessableEntityException("Subscription.channel.type.extension(backport-channel-type): the"
                    + " patient channels need a topic-based subscription (criteria " + Topic.BOOKED.canonical() + ")");
        }
        if (channel.get() == SubscriberChannel.PATIENT_SMS_REMINDER
                && Topic.byCanonical(subscription.getCriteria()).orElseThrow() == Topic.CANCELLED) {
            throw new UnprocessableEntityException("Subscription.criteria: SMS reminders are planned for booked and"
                    + " rescheduled appointments, not cancelled ones");
        }
    }

    private void checkChannel(Subscription subscription, String refinedCode) {
        SubscriptionChannelType type = subscription.getChannel().getType();
        String code = refinedCode != null ? refinedCode : type == null ? null : type.toCode();
        String endpoint = subscription.getChannel().getEndpoint();
        if (code == null) {
            throw new UnprocessableEntityException("Subscription.channel.type is required: rest-hook, email or sms");
        }
        SubscriberChannel channel = SubscriberChannel.find(code)
                .filter(c -> !c.toPatient())
                .orElseThrow(() -> new UnprocessableEntityException("Subscription.channel.type " + code
                        + " is not delivered by Mediwox; use rest-hook, email or sms"));
        switch (channel) {
            case REST_HOOK -> {
                checkRestHookEndpoint(endpoint);
                checkHeaders(subscription);
            }
            case EMAIL -> {
                if (endpoint == null
                        || !EMAIL.matcher(address(endpoint, "mailto:")).matches()) {
                    throw new UnprocessableEntityException(
                            "Subscription.channel.endpoint: an email channel needs an address (got " + endpoint + ")");
                }
            }
            case SMS -> {
                if (endpoint == null || !E164.matcher(address(endpoint, "tel:")).matches()) {
                    throw new UnprocessableEntityException("Subscription.channel.endpoint: an sms channel needs an"
                            + " E.164 number such as tel:+12025550143 (got " + endpoint + ")");
                }
            }
            default -> throw new IllegalStateException("patient channels are checked as custom channels");
        }
    }

    /**
     * The endpoint is resolved and every address checked now (the sender checks again at each delivery, also for a
     * host that does not resolve yet): a rest-hook may not reach the server itself, the clinic's network or the cloud
     * metadata service.
     */
    private void checkRestHookEndpoint(String endpoint) {
        if (endpoint == null || !(endpoint.startsWith("http://") || endpoint.startsWith("https://"))) {
            throw new UnprocessableEntityException(
                    "Subscription.channel.endpoint: a rest-hook needs an https URL (got " + endpoint + ")");
        }
        URI uri;
        try {
            uri = URI.create(endpoint);
        } catch (IllegalArgumentException e) {
            throw new UnprocessableEntityException("Subscription.channel.endpoint: not a URL (got " + endpoint + ")");
        }
        try {
            try {
                endpoints.check(uri);
            } catch (UnknownHostException e) {
                // a receiver whose DNS entry is not live yet: its addresses are checked at every delivery
                endpoints.checkUnresolved(uri);
            }
        } catch (EndpointRefused e) {
            throw new UnprocessableEntityException("Subscription.channel.endpoint: " + e.getMessage());
        }
    }

    private static void checkHeaders(Subscription subscription) {
        for (StringType header : subscription.getChannel().getHeader()) {
            try {
                ChannelHeaders.parse(header.getValue());
            } catch (EndpointRefused e) {
                throw new UnprocessableEntityException("Subscription.channel.header: " + e.getMessage());
            }
        }
    }

    /** The address of an endpoint, without its scheme ({@code mailto:}, {@code tel:}). */
    public static String address(String endpoint, String scheme) {
        return endpoint.startsWith(scheme) ? endpoint.substring(scheme.length()) : endpoint;
    }
}

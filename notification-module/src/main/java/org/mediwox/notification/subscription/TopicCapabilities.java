package org.mediwox.notification.subscription;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CapabilityStatement;

/**
 * Advertises the SubscriptionTopics on the CapabilityStatement's Subscription entry (extension
 * {@code capabilitystatement-subscriptiontopic-canonical}) together with the topic-based Subscription profile.
 */
@Interceptor
public class TopicCapabilities {

    public static final String TOPIC_CANONICAL =
            Subscriber.BACKPORT + "capabilitystatement-subscriptiontopic-canonical";

    @Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
    public void advertiseTopics(IBaseConformance generated) {
        CapabilityStatement capabilities = (CapabilityStatement) generated;
        capabilities.getRestFirstRep().getResource().stream()
                .filter(r -> r.getType().equals("Subscription"))
                .findFirst()
                .ifPresent(subscription -> {
                    for (Topic topic : Topic.values()) {
                        subscription.addExtension(TOPIC_CANONICAL, new CanonicalType(topic.canonical()));
                    }
                    subscription.addSupportedProfile(Subscriber.TOPIC_SUBSCRIPTION_PROFILE);
                });
    }
}

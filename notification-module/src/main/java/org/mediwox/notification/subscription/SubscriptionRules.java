package org.mediwox.notification.subscription;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.net.URI;
import java.util.regex.Pattern;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Subscription;
import org.hl7.fhir.r4.model.Subscription.SubscriptionChannelType;
import org.hl7.fhir.r4.model.Subscription.SubscriptionStatus;

/**
 * What a Subscription must be for Mediwox to deliver it (422 otherwise, naming the element): criteria on Appointment
 * ({@code Appointment?status=booked}), a channel Mediwox delivers — {@code rest-hook} to an http(s) URL, {@code email}
 * to an address ({@code mailto:} optional), {@code sms} to an E.164 number ({@code tel:} optional). A {@code requested}
 * subscription becomes {@code active} when stored.
 */
@Interceptor
public class SubscriptionRules {

    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{7,14}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
    public void created(IBaseResource resource) {
        check(resource);
    }

    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
    public void updated(IBaseResource previous, IBaseResource resource) {
        check(resource);
    }

    private static void check(IBaseResource resource) {
        if (!(resource instanceof Subscription subscription)) {
            return;
        }
        String criteria = subscription.getCriteria();
        if (criteria == null || !(criteria.equals("Appointment") || criteria.startsWith("Appointment?"))) {
            throw new UnprocessableEntityException("Subscription.criteria: Mediwox delivers subscriptions on"
                    + " Appointment changes; use criteria such as Appointment?status=booked (got " + criteria + ")");
        }
        SubscriptionChannelType type = subscription.getChannel().getType();
        String endpoint = subscription.getChannel().getEndpoint();
        if (type == null) {
            throw new UnprocessableEntityException("Subscription.channel.type is required: rest-hook, email or sms");
        }
        switch (type) {
            case RESTHOOK -> {
                if (endpoint == null || !(endpoint.startsWith("http://") || endpoint.startsWith("https://"))) {
                    throw new UnprocessableEntityException(
                            "Subscription.channel.endpoint: a rest-hook needs an http(s) URL (got " + endpoint + ")");
                }
                URI.create(endpoint);
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
            default ->
                throw new UnprocessableEntityException("Subscription.channel.type " + type.toCode()
                        + " is not delivered by Mediwox; use rest-hook, email or sms");
        }
        if (subscription.getStatus() == null || subscription.getStatus() == SubscriptionStatus.REQUESTED) {
            subscription.setStatus(SubscriptionStatus.ACTIVE);
        }
    }

    /** The address of an endpoint, without its scheme ({@code mailto:}, {@code tel:}). */
    public static String address(String endpoint, String scheme) {
        return endpoint.startsWith(scheme) ? endpoint.substring(scheme.length()) : endpoint;
    }
}

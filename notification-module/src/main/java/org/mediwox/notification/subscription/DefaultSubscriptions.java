package org.mediwox.notification.subscription;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import java.util.List;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Subscription;
import org.hl7.fhir.r4.model.Subscription.SubscriptionChannelType;
import org.hl7.fhir.r4.model.Subscription.SubscriptionStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;

/**
 * The Subscriptions that tell patients about their appointments, shipped with the server: an email on each of the
 * three topics and SMS reminders for booked and rescheduled appointments, on the patient channels of
 * {@code backport-channel-type}. Each is created when it has never existed; an operator pauses one by setting its
 * status to {@code off}, narrows it with filter criteria (e.g. one location), or deletes it for good (a deleted one is
 * not created again).
 */
public final class DefaultSubscriptions {

    private static final Logger log = LoggerFactory.getLogger(DefaultSubscriptions.class);

    private record Default(String id, Topic topic, SubscriberChannel channel, String reason) {}

    private static final List<Default> DEFAULTS = List.of(
            new Default(
                    "mediwox-patient-email-booked",
                    Topic.BOOKED,
                    SubscriberChannel.PATIENT_EMAIL,
                    "Email the patient a confirmation of a booked appointment"),
            new Default(
                    "mediwox-patient-email-cancelled",
                    Topic.CANCELLED,
                    SubscriberChannel.PATIENT_EMAIL,
                    "Email the patient when an appointment is cancelled"),
            new Default(
                    "mediwox-patient-email-rescheduled",
                    Topic.RESCHEDULED,
                    SubscriberChannel.PATIENT_EMAIL,
                    "Email the patient the new time of a rescheduled appointment"),
            new Default(
                    "mediwox-patient-sms-booked",
                    Topic.BOOKED,
                    SubscriberChannel.PATIENT_SMS_REMINDER,
                    "SMS reminders to the patient before a booked appointment"),
            new Default(
                    "mediwox-patient-sms-rescheduled",
                    Topic.RESCHEDULED,
                    SubscriberChannel.PATIENT_SMS_REMINDER,
                    "SMS reminders to the patient before a rescheduled appointment, at its new time"));

    private DefaultSubscriptions() {}

    /** The ids of the default Subscriptions. */
    public static List<String> ids() {
        return DEFAULTS.stream().map(Default::id).toList();
    }

    /** Creates the default Subscriptions that have never existed. */
    public static void ensure(DaoRegistry daoRegistry) {
        IFhirResourceDao<Subscription> dao = daoRegistry.getResourceDao(Subscription.class);
        int created = 0;
        for (Default wanted : DEFAULTS) {
            try {
                dao.read(new org.hl7.fhir.r4.model.IdType("Subscription", wanted.id()), new SystemRequestDetails());
                continue;
            } catch (ResourceGoneException e) {
                continue; // deleted by an operator: stays deleted
            } catch (ResourceNotFoundException e) {
                // never existed: create it
            }
            try {
                dao.update(subscription(wanted), new SystemRequestDetails());
                created++;
            } catch (ResourceVersionConflictException | DataIntegrityViolationException e) {
                // another node starting at the same time created it first
                log.info("Subscription/{} was created by another node", wanted.id());
            }
        }
        log.info("Notifications: {} default patient subscriptions ({} created now)", DEFAULTS.size(), created);
    }

    private static Subscription subscription(Default wanted) {
        Subscription subscription = new Subscription()
                .setStatus(SubscriptionStatus.ACTIVE)
                .setReason(wanted.reason())
                .setCriteria(wanted.topic().canonical());
        subscription.setId(wanted.id());
        subscription.getMeta().addProfile(Subscriber.TOPIC_SUBSCRIPTION_PROFILE);
        subscription
                .getChannel()
                .setType(
                        wanted.channel() == SubscriberChannel.PATIENT_EMAIL
                                ? SubscriptionChannelType.EMAIL
                                : SubscriptionChannelType.SMS);
        subscription
                .getChannel()
                .getTypeElement()
                .addExtension(
                        Subscriber.CHANNEL_TYPE,
                        new Coding(
                                Subscriber.CHANNEL_TYPE_SYSTEM, wanted.channel().code(), null));
        subscription.getChannel().setPayload("application/fhir+json");
        subscription
                .getChannel()
                .getPayloadElement()
                .addExtension(
                        Subscriber.PAYLOAD_CONTENT,
                        new org.hl7.fhir.r4.model.CodeType(Subscriber.DEFAULT_CONTENT.code()));
        return subscription;
    }
}

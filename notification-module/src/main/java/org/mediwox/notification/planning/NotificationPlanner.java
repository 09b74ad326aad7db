package org.mediwox.notification.planning;

import static org.mediwox.notification.planning.AppointmentEvents.idOf;
import static org.mediwox.notification.planning.AppointmentEvents.patientOf;
import static org.mediwox.notification.planning.AppointmentEvents.patientsOf;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.mediwox.notification.outbox.MessageChannel;
import org.mediwox.notification.outbox.MessageContent;
import org.mediwox.notification.outbox.MessageEvent;
import org.mediwox.notification.outbox.NewMessage;
import org.mediwox.notification.outbox.Outbox;
import org.mediwox.notification.outbox.PayloadContent;
import org.mediwox.notification.planning.AppointmentEvents.Event;
import org.mediwox.notification.planning.AppointmentEvents.Kind;
import org.mediwox.notification.planning.PatientContacts.Target;
import org.mediwox.notification.subscription.ActiveSubscriptions;
import org.mediwox.notification.subscription.Subscriber;
import org.mediwox.notification.subscription.SubscriberChannel;
import org.mediwox.notification.subscription.SubscriptionRules;
import org.mediwox.notification.subscription.Topic;
import org.mediwox.plugin.vocabulary.MediwoxExtensions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;

/**
 * Decides what the patient is told about the Appointment changes of one transaction and records it in the outbox:
 * an email for a booking, a cancellation or a reschedule, and SMS reminders at the configured offsets before the start.
 * A reschedule by {@code $book} (the old appointment cancelled with the coded reason {@code rescheduled} and a new one booked in the
 * same transaction) is one "rescheduled" message, not a cancellation plus a confirmation. What is still owed about an
 * appointment that is cancelled, moved, deleted or no longer booked (reminders, a confirmation waiting for a retry) is
 * withdrawn. Every Patient participant is told; nothing is sent about appointments already past — neither reminders
 * nor a booking, cancellation or reschedule of a visit whose start has passed ({@link #tellsPatient}). What cannot be sent
 * (no address, opted out, invalid number, data the texts cannot be prepared from) is recorded as skipped with the
 * reason — a booking never fails because of its notifications, only if the outbox cannot be written.
 */
public class NotificationPlanner {

    /** An Appointment as it was before the change (null for a create) and after. */
    public record Change(Appointment previous, Appointment current) {}

    /** On a ContactPoint: {@code true} means the patient does not want notifications through it. */
    public static final String OPT_OUT_EXTENSION = "https://mediwox.org/fhir/StructureDefinition/notification-opt-out";

    private static final Logger log = LoggerFactory.getLogger(NotificationPlanner.class);

    private final DaoRegistry daoRegistry;
    private final VisitDetails visits;
    private final MessageTemplates templates;
    private final Outbox outbox;
    private final List<Duration> reminderOffsets;
    private final ZoneId zone;
    private final Clock clock;
    private final ActiveSubscriptions subscriptions;

    public NotificationPlanner(
            DaoRegistry daoRegistry,
            MessageTemplates templates,
            Outbox outbox,
            ActiveSubscriptions subscriptions,
            List<Duration> reminderOffsets,
            ZoneId zone,
            Clock clock) {
        this.daoRegistry = daoRegistry;
        this.visits = new VisitDetails(daoRegistry);
        this.templates = templates;
        this.outbox = outbox;
        this.subscriptions = subscriptions;
        this.reminderOffsets = reminderOffsets;
        this.zone = zone;
        this.clock = clock;
    }

    public void plan(List<Change> changes) {
        for (Event event : AppointmentEvents.of(changes)) {
            if (event.withdrawFrom() != null) {
                outbox.withdraw(
                        event.withdrawFrom(),
                        event.kind() == Kind.CANCELLED
                                ? "appointment cancelled"
                                : event.kind() == Kind.WITHDRAW ? "appointment no longer booked" : "appointment moved");
            }
            if (event.kind() == Kind.WITHDRAW) {
                continue;
            }
            if (event.kind() == Kind.OFFERED) {
                offer(event);
                continue;
            }
            Appointment appointment = event.appointment();
            List<Subscriber> onTopic = Topic.byEvent(messageEvent(event))
                    .map(topic -> subscriptions.onTopic(topic, appointment))
                    .orElse(List.of());
            for (Subscriber subscriber : subscriptions.classicMatching(appointment)) {
                notifySubscriber(event, subscriber);
            }
            onTopic.stream().filter(s -> !s.toPatient()).forEach(s -> notifySubscriber(event, s));
            if (!tellsPatient(event, clock.instant())) {
                continue;
            }
            // the patient's own messages: as the (default) subscriptions on the patient channels say
            boolean email = onTopic.stream().anyMatch(s -> s.channel() == SubscriberChannel.PATIENT_EMAIL);
            boolean reminders = onTopic.stream().anyMatch(s -> s.channel() == SubscriberChannel.PATIENT_SMS_REMINDER);
            if (!email && !reminders) {
                continue;
            }
            for (String patientId : patientsOf(appointment)) {
                try {
                    record(event, patientId, email, reminders);
                } catch (DataAccessException e) {
                    throw e; // the database is failing: so does the transaction, and nothing is lost
                } catch (RuntimeException e) {
                    // odd data must not fail the booking: record what could not be prepared, visibly
                    log.error(
                            "Could not prepare the {} notification of Appointment/{} for {}",
                            event.kind(),
                            idOf(appointment),
                            patientId,
                            e);
                    outbox.record(NewMessage.toPatient(
                            key(event) + "/" + patientId + "/unprepared",
                            new NewMessage.About(idOf(appointment), patientId, messageEvent(event)),
                            new NewMessage.Recipient(MessageChannel.EMAIL, null, "en"),
                            new MessageContent.Text(null, "-"),
                            clock.instant(),
                            "could not be prepared: " + e));
                }
            }
        }
    }

    /**
     * A waiting-list offer goes to its patient at once by email and SMS — the patient asked for it by joining the
     * waiting list, so it is not one of the topics' events (no Subscription carries it, none is notified of it): the
     * time, the provider, until when it is held and the link to the offer in the patient app.
     */
    private void offer(Event event) {
        Appointment offer = event.appointment();
        for (String patientId : patientsOf(offer)) {
            try {
                recordOffer(offer, patientId);
            } catch (DataAccessException e) {
                throw e;
            } catch (RuntimeException e) {
                log.error("Could not prepare the offer of Appointment/{} for {}", idOf(offer), patientId, e);
                outbox.record(NewMessage.toPatient(
                        key(event) + "/" + patientId + "/unprepared",
                        new NewMessage.About(idOf(offer), patientId, MessageEvent.OFFERED),
                        new NewMessage.Recipient(MessageChannel.EMAIL, null, "en"),
                        new MessageContent.Text(null, "-"),
                        clock.instant(),
                        "could not be prepared: " + e));
            }
        }
    }

    private void recordOffer(Appointment offer, String patientId) {
        Patient patient = visits.read(new IdType(patientId), Patient.class);
        if (patient == null || offer.getStart() == null) {
            return;
        }
        String bookedId = AppointmentEvents.offeredFor(offer);
        Appointment booked = visits.read(new IdType("Appointment", bookedId), Appointment.class);
        String language = MessageTemplates.language(PatientContacts.preferredLanguage(patient));
        MessageTemplates.Facts facts = new MessageTemplates.Facts(
                PatientContacts.firstName(patient),
                offer.getStart().toInstant(),
                visits.provider(offer).orElse(templates.text("fallback.provider", language)),
                visits.place(offer).orElse(templates.text("fallback.place", language)),
                booked == null || booked.getStart() == null
                        ? null
                        : booked.getStart().toInstant(),
                heldUntil(offer),
                templates.offerLink(bookedId));
        String key = "Appointment/" + idOf(offer) + "/_history/"
                + offer.getIdElement().getVersionIdPart() + "/" + MessageEvent.OFFERED.value();
        NewMessage.About about = new NewMessage.About(idOf(offer), patientId, MessageEvent.OFFERED);
        Instant now = clock.instant();
        Target email = PatientContacts.email(patient);
        outbox.record(NewMessage.toPatient(
                key + "/email",
                about,
                new NewMessage.Recipient(MessageChannel.EMAIL, email.address(), language),
                new MessageContent.Text(
                        templates.subject(MessageEvent.OFFERED, language),
                        templates.body(MessageEvent.OFFERED, language, facts)),
                now,
                email.skipReason()));
        Target phone = PatientContacts.phone(patient);
        outbox.record(NewMessage.toPatient(
                key + "/sms",
                about,
                new NewMessage.Recipient(MessageChannel.SMS, phone.address(), language),
                new MessageContent.Text(null, templates.sms(MessageEvent.OFFERED, language, facts)),
                now,
                phone.skipReason()));
    }

    /** When the hold of an offer lapses ({@value MediwoxExtensions#HOLD_EXPIRY}), or null. */
    private static Instant heldUntil(Appointment offer) {
        var extension = offer.getExtensionByUrl(MediwoxExtensions.HOLD_EXPIRY);
        return extension != null
                        && extension.getValue() instanceof org.hl7.fhir.r4.model.BaseDateTimeType at
                        && at.getValue() != null
                ? at.getValue().toInstant()
                : null;
    }

    /**
     * A Subscription's notification about the event. A classic rest-hook gets the Appointment as its payload (none when
     * the channel has no payload type: the subscriber fetches it); a topic-based one a notification Bundle, built when
     * it is sent (its event number is assigned then) with the Appointment's id or the whole resource; email and sms a
     * line naming the Appointment and the event — never patient details.
     */
    private void notifySubscriber(Event event, Subscriber subscriber) {
        Appointment appointment = event.appointment();
        String appointmentId = idOf(appointment);
        MessageChannel channel = subscriber.channel().toEndpoint().orElseThrow();
        String line = "Appointment/" + appointmentId + " " + messageEvent(event).value();
        String recipient = switch (channel) {
            case REST_HOOK -> subscriber.endpoint();
            case EMAIL -> SubscriptionRules.address(subscriber.endpoint(), "mailto:");
            case SMS -> SubscriptionRules.address(subscriber.endpoint(), "tel:");
        };
        MessageContent content = switch (channel) {
            case REST_HOOK ->
                new MessageContent.Payload(
                        subscriber.payloadMimeType(),
                        subscriber.content() == PayloadContent.FULL_RESOURCE
                                ? daoRegistry
                                        .getSystemDao()
                                        .getContext()
                                        .newJsonParser()
                                        .encodeResourceToString(appointment)
                                : "");
            // an SMS has no subject: the line is kept there as for email, and shown by $notifications
            case EMAIL, SMS -> new MessageContent.Text(line, line);
        };
        outbox.record(NewMessage.toSubscriber(
                key(event) + "/subscription/" + subscriber.id(),
                new NewMessage.About(
                        appointmentId,
                        patientOf(appointment) == null ? "-" : patientOf(appointment),
                        messageEvent(event)),
                new NewMessage.Recipient(channel, recipient, "en"),
                content,
                clock.instant(),
                new NewMessage.ForSubscription(
                        subscriber.id(),
                        subscriber.headers(),
                        subscriber.topicBased() ? subscriber.topic().canonical() : null,
                        subscriber.topicBased() ? subscriber.content() : null,
                        event.kind() == Kind.RESCHEDULED && !appointmentId.equals(event.withdrawFrom())
                                ? event.withdrawFrom()
                                : null)));
    }

    /**
     * Whether the patient is told about the event: not when the visit has already begun. A booking, cancellation or
     * reschedule of a past visit is a record entered after the fact (imported history such as the demo's, a late
     * correction), not news to the patient. Subscribers are still notified: they keep records.
     */
    static boolean tellsPatient(Event event, Instant now) {
        Appointment appointment = event.appointment();
        return appointment.getStart() == null
                || appointment.getStart().toInstant().isAfter(now);
    }

    /** Deleted appointments: nothing more is owed about them. */
    public void deleted(String appointmentId) {
        outbox.withdraw(appointmentId, "appointment deleted");
    }

    /** The outbox's event of a booked, cancelled or rescheduled appointment. */
    private static MessageEvent messageEvent(Event event) {
        return event.kind().message();
    }

    private static String key(Event event) {
        Appointment appointment = event.appointment();
        return "Appointment/" + idOf(appointment) + "/_history/"
                + appointment.getIdElement().getVersionIdPart() + "/"
                + messageEvent(event).value();
    }

    private void record(Event event, String patientId, boolean sendEmail, boolean sendReminders) {
        Appointment appointment = event.appointment();
        Patient patient = visits.read(new IdType(patientId), Patient.class);
        if (patient == null) {
            return;
        }
        String language = MessageTemplates.language(PatientContacts.preferredLanguage(patient));
        MessageTemplates.Facts facts = new MessageTemplates.Facts(
                PatientContacts.firstName(patient),
                appointment.getStart() == null ? null : appointment.getStart().toInstant(),
                visits.provider(appointment).orElse(templates.text("fallback.provider", language)),
                visits.place(appointment).orElse(templates.text("fallback.place", language)),
                event.previousStart());
        if (facts.start() == null) {
            return; // nothing useful to tell without a time
        }
        String appointmentId = idOf(appointment);
        String key = key(event);
        Instant now = clock.instant();

        if (sendEmail) {
            recordEmail(event, patientId, patient, language, facts, key, now);
        }
        if (!sendReminders || event.kind() == Kind.CANCELLED) {
            return;
        }
        Target phone = PatientContacts.phone(patient);
        for (Duration offset : reminderOffsets) {
            Instant due = reminderTime(facts.start(), offset);
            if (due.isBefore(now)) {
                continue; // booked too late for this reminder
            }
            outbox.record(NewMessage.toPatient(
                    key + "/sms/" + offset,
                    new NewMessage.About(appointmentId, patientId, MessageEvent.REMINDER),
                    new NewMessage.Recipient(MessageChannel.SMS, phone.address(), language),
                    new MessageContent.Text(null, templates.body(MessageEvent.REMINDER, language, facts)),
                    due,
                    phone.skipReason()));
        }
    }

    private void recordEmail(
            Event event,
            String patientId,
            Patient patient,
            String language,
            MessageTemplates.Facts facts,
            String key,
            Instant now) {
        Target email = PatientContacts.email(patient);
        outbox.record(NewMessage.toPatient(
                key + "/email",
                new NewMessage.About(idOf(event.appointment()), patientId, messageEvent(event)),
                new NewMessage.Recipient(MessageChannel.EMAIL, email.address(), language),
                new MessageContent.Text(
                        templates.subject(messageEvent(event), language),
                        templates.body(messageEvent(event), language, facts)),
                now,
                email.skipReason()));
    }

    /**
     * When a reminder {@code offset} before {@code start} goes out: whole days are calendar days in the clinic's zone
     * (the same wall-clock time, also across a daylight-saving change); other offsets are exact durations.
     */
    Instant reminderTime(Instant start, Duration offset) {
        if (offset.toSeconds() % 86_400 == 0) {
            return start.atZone(zone).minusDays(offset.toDays()).toInstant();
        }
        return start.minus(offset);
    }
}

package org.mediwox.notification.planning;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Appointment.AppointmentStatus;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.ContactPoint.ContactPointSystem;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;
import org.mediwox.notification.outbox.NewMessage;
import org.mediwox.notification.outbox.Outbox;
import org.mediwox.notification.subscription.ActiveSubscriptions;
import org.mediwox.notification.subscription.Subscriber;
import org.mediwox.notification.subscription.SubscriptionRules;
import org.mediwox.notification.subscription.Topic;
import org.mediwox.plugin.vocabulary.CancellationReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;

/**
 * Decides what the patient is told about the Appointment changes of one transaction and records it in the outbox:
 * an email for a booking, a cancellation or a reschedule, and SMS reminders at the configured offsets before the start.
 * A reschedule by {@code $book} (the old appointment cancelled with the coded reason {@code rescheduled} and a new one booked in the
 * same transaction) is one "rescheduled" message, not a cancellation plus a confirmation. What is still owed about an
 * appointment that is cancelled, moved, deleted or no longer booked (reminders, a confirmation waiting for a retry) is
 * withdrawn. Every Patient participant is told; nothing is sent about appointments already past. What cannot be sent
 * (no address, opted out, invalid number, data the texts cannot be prepared from) is recorded as skipped with the
 * reason — a booking never fails because of its notifications, only if the outbox cannot be written.
 */
public class NotificationPlanner {

    /** An Appointment as it was before the change (null for a create) and after. */
    public record Change(Appointment previous, Appointment current) {}

    /** On a ContactPoint: {@code true} means the patient does not want notifications through it. */
    public static final String OPT_OUT_EXTENSION = "https://mediwox.org/fhir/StructureDefinition/notification-opt-out";

    static final String BOOKED = "booked";
    static final String CANCELLED = "cancelled";
    static final String RESCHEDULED = "rescheduled";
    static final String REMINDER = "reminder";
    private static final String WITHDRAW = "withdraw";
    private static final Logger log = LoggerFactory.getLogger(NotificationPlanner.class);

    private record Event(String kind, Appointment appointment, Instant previousStart, String withdrawFrom) {}

    private record Target(String address, String skipReason) {}

    private final DaoRegistry daoRegistry;
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
        this.templates = templates;
        this.outbox = outbox;
        this.subscriptions = subscriptions;
        this.reminderOffsets = reminderOffsets;
        this.zone = zone;
        this.clock = clock;
    }

    public void plan(List<Change> changes) {
        for (Event event : events(changes)) {
            if (event.withdrawFrom() != null) {
                outbox.withdraw(
                        event.withdrawFrom(),
                        event.kind().equals(CANCELLED)
                                ? "appointment cancelled"
                                : event.kind().equals(WITHDRAW) ? "appointment no longer booked" : "appointment moved");
            }
            if (event.kind().equals(WITHDRAW)) {
                continue;
            }
            Appointment appointment = event.appointment();
            List<Subscriber> onTopic = Topic.byEvent(event.kind())
                    .map(topic -> subscriptions.onTopic(topic, appointment))
                    .orElse(List.of());
            for (Subscriber subscriber : subscriptions.classicMatching(appointment)) {
                notifySubscriber(event, subscriber);
            }
            onTopic.stream().filter(s -> !s.toPatient()).forEach(s -> notifySubscriber(event, s));
            // the patient's own messages: as the (default) subscriptions on the patient channels say
            boolean email = onTopic.stream().anyMatch(s -> s.channel().equals(Subscriber.PATIENT_EMAIL));
            boolean reminders = onTopic.stream().anyMatch(s -> s.channel().equals(Subscriber.PATIENT_SMS_REMINDER));
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
                    outbox.record(new NewMessage(
                            key(event) + "/" + patientId + "/unprepared",
                            idOf(appointment),
                            patientId,
                            event.kind(),
                            "email",
                            null,
                            "en",
                            null,
                            "-",
                            Outbox.SKIPPED,
                            "could not be prepared: " + e,
                            clock.instant(),
                            null));
                }
            }
        }
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
        String channel = subscriber.channel();
        String line = "Appointment/" + appointmentId + " " + event.kind();
        String recipient = subscriber.endpoint();
        String subject = line;
        String body = line;
        if (channel.equals("rest-hook")) {
            subject = subscriber.payloadMimeType();
            body = subscriber.content().equals("full-resource")
                    ? daoRegistry.getSystemDao().getContext().newJsonParser().encodeResourceToString(appointment)
                    : "";
        } else if (channel.equals("email")) {
            recipient = SubscriptionRules.address(recipient, "mailto:");
        } else {
            recipient = SubscriptionRules.address(recipient, "tel:");
        }
        outbox.record(new NewMessage(
                key(event) + "/subscription/" + subscriber.id(),
                appointmentId,
                patientOf(appointment) == null ? "-" : patientOf(appointment),
                event.kind(),
                channel,
                recipient,
                "en",
                subject,
                body,
                Outbox.PENDING,
                null,
                clock.instant(),
                new NewMessage.ForSubscription(
                        subscriber.id(),
                        subscriber.headers(),
                        subscriber.topicBased() ? subscriber.topic().canonical() : null,
                        subscriber.topicBased() ? subscriber.content() : null,
                        event.kind().equals(RESCHEDULED) && !appointmentId.equals(event.withdrawFrom())
                                ? event.withdrawFrom()
                                : null)));
    }

    /** Deleted appointments: nothing more is owed about them. */
    public void deleted(String appointmentId) {
        outbox.withdraw(appointmentId, "appointment deleted");
    }

    private List<Event> events(List<Change> changes) {
        List<Event> events = new ArrayList<>();
        List<Change> movedAway = new ArrayList<>(changes.stream()
                .filter(c -> newlyCancelled(c) && isRescheduleCancellation(c.current()))
                .toList());
        for (Change change : changes) {
            Appointment current = change.current();
            if (newlyBooked(change)) {
                Optional<Change> from = movedAway.stream()
                        .filter(old -> Objects.equals(patientOf(old.current()), patientOf(current)))
                        .findFirst();
                if (from.isPresent()) {
                    movedAway.remove(from.get());
                    events.add(new Event(
                            RESCHEDULED,
                            current,
                            from.get().current().getStart() == null
                                    ? null
                                    : from.get().current().getStart().toInstant(),
                            idOf(from.get().current())));
                } else {
                    events.add(new Event(BOOKED, current, null, null));
                }
            } else if (newlyCancelled(change) && !isRescheduleCancellation(current)) {
                events.add(new Event(CANCELLED, current, null, idOf(current)));
            } else if (isBooked(change.previous()) && isBooked(current) && startMoved(change)) {
                events.add(new Event(
                        RESCHEDULED, current, change.previous().getStart().toInstant(), idOf(current)));
            } else if (isBooked(change.previous()) && !isBooked(current) && !newlyCancelled(change)) {
                // noshow, entered-in-error, arrived, fulfilled...: no more reminders
                events.add(new Event(WITHDRAW, current, null, idOf(current)));
            }
        }
        // a reschedule whose new booking is not in this transaction is a plain cancellation
        movedAway.forEach(c -> events.add(new Event(CANCELLED, c.current(), null, idOf(c.current()))));
        return events;
    }

    private static String key(Event event) {
        Appointment appointment = event.appointment();
        return "Appointment/" + idOf(appointment) + "/_history/"
                + appointment.getIdElement().getVersionIdPart() + "/" + event.kind();
    }

    private void record(Event event, String patientId, boolean sendEmail, boolean sendReminders) {
        Appointment appointment = event.appointment();
        Patient patient = read(new IdType(patientId), Patient.class);
        if (patient == null) {
            return;
        }
        String language = MessageTemplates.language(preferredLanguage(patient));
        MessageTemplates.Facts facts = new MessageTemplates.Facts(
                firstName(patient),
                appointment.getStart() == null ? null : appointment.getStart().toInstant(),
                provider(appointment).orElse(templates.text("fallback.provider", language)),
                place(appointment).orElse(templates.text("fallback.place", language)),
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
        if (!sendReminders || event.kind().equals(CANCELLED)) {
            return;
        }
        Target phone = phone(patient);
        for (Duration offset : reminderOffsets) {
            Instant due = reminderTime(facts.start(), offset);
            if (due.isBefore(now)) {
                continue; // booked too late for this reminder
            }
            outbox.record(new NewMessage(
                    key + "/sms/" + offset,
                    appointmentId,
                    patientId,
                    REMINDER,
                    "sms",
                    phone.address(),
                    language,
                    null,
                    templates.body(REMINDER, language, facts),
                    phone.skipReason() == null ? Outbox.PENDING : Outbox.SKIPPED,
                    phone.skipReason(),
                    due,
                    null));
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
        Target email = email(patient);
        outbox.record(new NewMessage(
                key + "/email",
                idOf(event.appointment()),
                patientId,
                event.kind(),
                "email",
                email.address(),
                language,
                templates.subject(event.kind(), language),
                templates.body(event.kind(), language, facts),
                email.skipReason() == null ? Outbox.PENDING : Outbox.SKIPPED,
                email.skipReason(),
                now,
                null));
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

    private static Target email(Patient patient) {
        List<ContactPoint> emails = usable(patient, ContactPointSystem.EMAIL);
        if (emails.isEmpty()) {
            return new Target(null, "the patient has no email address");
        }
        ContactPoint email = emails.get(0);
        if (optedOut(email)) {
            return new Target(email.getValue(), "the patient opted out of email notifications");
        }
        return new Target(email.getValue(), null);
    }

    private static Target phone(Patient patient) {
        List<ContactPoint> phones = new ArrayList<>(usable(patient, ContactPointSystem.SMS));
        usable(patient, ContactPointSystem.PHONE).stream()
                .filter(p -> p.getUse() == ContactPoint.ContactPointUse.MOBILE)
                .forEach(phones::add);
        if (phones.isEmpty()) {
            return new Target(null, "the patient has no mobile phone number");
        }
        ContactPoint phone = phones.get(0);
        if (optedOut(phone)) {
            return new Target(phone.getValue(), "the patient opted out of SMS notifications");
        }
        String number = phone.getValue().replaceAll("[\\s().-]", "");
        if (!SubscriptionRules.E164.matcher(number).matches()) {
            return new Target(phone.getValue(), "not an E.164 phone number: " + phone.getValue());
        }
        return new Target(number, null);
    }

    private static List<ContactPoint> usable(Patient patient, ContactPointSystem system) {
        Set<ContactPoint> seen = new HashSet<>();
        return patient.getTelecom().stream()
                .filter(c -> c.getSystem() == system && c.hasValue())
                .filter(c -> !c.hasPeriod()
                        || !c.getPeriod().hasEnd()
                        || c.getPeriod().getEnd().after(new java.util.Date()))
                .filter(c -> c.getUse() != ContactPoint.ContactPointUse.OLD)
                .filter(seen::add)
                .sorted((a, b) -> Integer.compare(rank(a), rank(b)))
                .toList();
    }

    private static int rank(ContactPoint contact) {
        return contact.hasRank() ? contact.getRank() : Integer.MAX_VALUE;
    }

    private static boolean optedOut(ContactPoint contact) {
        return contact.getExtensionsByUrl(OPT_OUT_EXTENSION).stream()
                .anyMatch(e -> e.getValue() instanceof BooleanType b && b.booleanValue());
    }

    private static String preferredLanguage(Patient patient) {
        return patient.getCommunication().stream()
                .sorted((a, b) -> Boolean.compare(b.getPreferred(), a.getPreferred()))
                .flatMap(c -> c.getLanguage().getCoding().stream())
                .map(coding -> coding.getCode())
                .filter(Objects::nonNull)
                .findFirst()
                .orElse(null);
    }

    private static String firstName(Patient patient) {
        if (!patient.hasName()) {
            return "";
        }
        var name = patient.getNameFirstRep();
        if (name.hasGiven()) {
            return name.getGivenAsSingleString().split(" ")[0];
        }
        return name.hasText() ? name.getText() : name.hasFamily() ? name.getFamily() : "";
    }

    private Optional<String> provider(Appointment appointment) {
        for (Appointment.AppointmentParticipantComponent participant : appointment.getParticipant()) {
            Reference actor = participant.getActor();
            String reference = actor.getReference();
            if (reference == null) {
                continue;
            }
            if (reference.startsWith("Practitioner/")) {
                return practitionerName(actor);
            }
            if (reference.startsWith("PractitionerRole/")) {
                PractitionerRole role = read(new IdType(reference), PractitionerRole.class);
                if (role != null && role.hasPractitioner()) {
                    return practitionerName(role.getPractitioner());
                }
            }
        }
        return Optional.empty();
    }

    private Optional<String> practitionerName(Reference reference) {
        if (reference.hasDisplay()) {
            return Optional.of(reference.getDisplay());
        }
        if (reference.getReference() == null || !reference.getReference().startsWith("Practitioner/")) {
            return Optional.empty();
        }
        Practitioner practitioner = read(new IdType(reference.getReference()), Practitioner.class);
        if (practitioner == null || !practitioner.hasName()) {
            return Optional.empty();
        }
        var name = practitioner.getNameFirstRep();
        String text = name.hasText() ? name.getText() : (name.getGivenAsSingleString() + " " + name.getFamily()).trim();
        return Optional.of(name.hasPrefix() || name.hasText() ? text : "Dr. " + text);
    }

    private Optional<String> place(Appointment appointment) {
        for (Appointment.AppointmentParticipantComponent participant : appointment.getParticipant()) {
            Reference actor = participant.getActor();
            if (actor.getReference() != null && actor.getReference().startsWith("Location/")) {
                if (actor.hasDisplay()) {
                    return Optional.of(actor.getDisplay());
                }
                Location location = read(new IdType(actor.getReference()), Location.class);
                if (location != null && location.hasName()) {
                    String line = location.getAddress().hasLine()
                            ? ", " + location.getAddress().getLine().get(0).getValue()
                            : "";
                    return Optional.of(location.getName() + line);
                }
            }
        }
        return Optional.empty();
    }

    private <T extends org.hl7.fhir.r4.model.Resource> T read(IdType id, Class<T> type) {
        try {
            return daoRegistry.getResourceDao(type).read(id.toUnqualifiedVersionless(), new SystemRequestDetails());
        } catch (ResourceNotFoundException | ResourceGoneException e) {
            return null;
        }
    }

    static List<String> patientsOf(Appointment appointment) {
        List<String> patients = new ArrayList<>();
        for (Appointment.AppointmentParticipantComponent participant : appointment.getParticipant()) {
            String reference = participant.getActor().getReference();
            if (reference != null && reference.startsWith("Patient/")) {
                String patient =
                        new IdType(reference).toUnqualifiedVersionless().getValue();
                if (!patients.contains(patient)) {
                    patients.add(patient);
                }
            }
        }
        return patients;
    }

    static String patientOf(Appointment appointment) {
        for (Appointment.AppointmentParticipantComponent participant : appointment.getParticipant()) {
            String reference = participant.getActor().getReference();
            if (reference != null && reference.startsWith("Patient/")) {
                return new IdType(reference).toUnqualifiedVersionless().getValue();
            }
        }
        return null;
    }

    private static String idOf(Appointment appointment) {
        return appointment.getIdElement().getIdPart();
    }

    private static boolean isBooked(Appointment appointment) {
        return appointment != null && appointment.getStatus() == AppointmentStatus.BOOKED;
    }

    private static boolean newlyBooked(Change change) {
        return isBooked(change.current()) && !isBooked(change.previous());
    }

    /** A booked appointment cancelled (a hold that lapses or is released was never confirmed to the patient). */
    private static boolean newlyCancelled(Change change) {
        return change.current().getStatus() == AppointmentStatus.CANCELLED && isBooked(change.previous());
    }

    private static boolean isRescheduleCancellation(Appointment appointment) {
        return appointment.getCancelationReason().getCoding().stream()
                .anyMatch(coding -> CancellationReason.RESCHEDULED.is(coding.getSystem(), coding.getCode()));
    }

    private static boolean startMoved(Change change) {
        return change.previous().getStart() != null
                && change.current().getStart() != null
                && !change.previous().getStart().equals(change.current().getStart());
    }
}

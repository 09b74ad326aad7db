package org.mediwox.notification.view;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.time.Clock;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Communication.CommunicationStatus;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.mediwox.notification.outbox.MessageChannel;
import org.mediwox.notification.outbox.MessageContent;
import org.mediwox.notification.outbox.MessageStatus;
import org.mediwox.notification.outbox.Outbox;
import org.mediwox.notification.outbox.OutboxMessage;
import org.mediwox.plugin.access.OperationAccess;

/**
 * The operator's view of the outbox as FHIR {@code Communication}s (not stored; built from the outbox rows):
 * {@code GET [base]/$notifications?status=dead} lists messages newest first, {@code POST [base]/$notification-replay}
 * puts a dead-lettered one back in line.
 */
public class NotificationOperations {

    public static final String SYSTEM = "https://mediwox.org/fhir/notification";
    private static final List<String> STATUSES = Arrays.stream(MessageStatus.values())
            .map(MessageStatus::value)
            .sorted()
            .toList();

    private final Outbox outbox;
    private final Clock clock;

    public NotificationOperations(Outbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    @Operation(name = "$notifications", idempotent = true)
    @OperationAccess(
            anyOf =
                    @OperationAccess.Grant(
                            type = "Communication",
                            permission = 's',
                            scopes = OperationAccess.Scopes.ALL_OF_TYPE))
    public Bundle notifications(
            @OperationParam(name = "status") StringType status,
            @OperationParam(name = "patient") StringType patient,
            @OperationParam(name = "appointment") StringType appointment,
            @OperationParam(name = "_count") IntegerType count) {
        if (status != null && !STATUSES.contains(status.getValue())) {
            throw new InvalidRequestException("status must be one of " + String.join(", ", STATUSES));
        }
        MessageStatus wanted = status == null ? null : MessageStatus.ofValue(status.getValue());
        int limit = count == null ? 50 : Math.max(1, Math.min(500, count.getValue()));
        List<OutboxMessage> messages = outbox.list(
                wanted,
                patient == null ? null : qualified("Patient", patient.getValue()),
                appointment == null ? null : bare(appointment.getValue()),
                limit);
        Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET);
        bundle.setTotal(messages.size());
        messages.forEach(m -> bundle.addEntry().setResource(toCommunication(m)));
        return bundle;
    }

    @Operation(name = "$notification-replay")
    @OperationAccess(
            anyOf =
                    @OperationAccess.Grant(
                            type = "Communication",
                            permission = 'u',
                            scopes = OperationAccess.Scopes.ALL_OF_TYPE))
    public Communication replay(@OperationParam(name = "id", min = 1) StringType id) {
        long rowId = parseId(id.getValue());
        OutboxMessage message =
                outbox.find(rowId).orElseThrow(() -> new ResourceNotFoundException("No notification " + id.getValue()));
        return outbox.replay(rowId, clock.instant())
                .map(NotificationOperations::toCommunication)
                .orElseThrow(() -> new UnprocessableEntityException("Notification " + id.getValue() + " is "
                        + message.status().value() + "; only dead-lettered notifications can be replayed"));
    }

    static Communication toCommunication(OutboxMessage m) {
        Communication communication = new Communication();
        communication.setId("notification-" + m.id());
        communication.addIdentifier().setSystem(SYSTEM).setValue(m.dedupeKey());
        communication.setStatus(
                switch (m.status()) {
                    case PENDING -> CommunicationStatus.PREPARATION;
                    case SENDING -> CommunicationStatus.INPROGRESS;
                    case SENT -> CommunicationStatus.COMPLETED;
                    case DEAD -> CommunicationStatus.STOPPED;
                    case LOGGED, SKIPPED, WITHDRAWN -> CommunicationStatus.NOTDONE; // logged was never sent
                });
        if (m.reason() != null) {
            communication.setStatusReason(
                    new CodeableConcept().setText(m.status().value() + ": " + m.reason()));
        } else if (m.providerId() != null && m.providerId().startsWith("log-")) {
            communication.setStatusReason(
                    new CodeableConcept().setText("logged only (transport log): not sent to the patient"));
        }
        communication.addCategory(
                new CodeableConcept().addCoding(new Coding(SYSTEM, m.event().value(), null)));
        // R4's ParticipationMode has email (EMAILWRIT) but no SMS code: SMS and rest-hooks are "electronic data"
        boolean email = m.channel() == MessageChannel.EMAIL;
        communication.addMedium(new CodeableConcept()
                .addCoding(new Coding(
                        "http://terminology.hl7.org/CodeSystem/v3-ParticipationMode",
                        email ? "EMAILWRIT" : "ELECTRONIC",
                        email ? "email" : "electronic data"))
                .setText(
                        email
                                ? "email"
                                : m.channel() == MessageChannel.SMS
                                        ? "SMS"
                                        : m.channel().value()));
        communication.setSubject(new Reference(m.patientId()));
        communication.addRecipient(new Reference(m.patientId()).setDisplay(m.recipient()));
        if (!m.event().aboutAccount()) {
            communication.addAbout(new Reference("Appointment/" + m.appointmentId()));
        }
        communication.setLanguage(m.language());
        if (m.sentAt() != null) {
            communication.setSentElement(
                    new DateTimeType(Date.from(m.sentAt()), TemporalPrecisionEnum.MILLI, TimeZone.getTimeZone("UTC")));
        }
        communication
                .addNote()
                .setText("due " + m.dueAt() + ", attempts " + m.attempts()
                        + (m.providerId() == null ? "" : ", provider id " + m.providerId()));
        String heading = heading(m.content());
        // an account message's link is a credential: whoever reads the outbox sees that it was sent, not the link
        String body = m.event().aboutAccount() ? "(the link in this message is not shown)" : m.body();
        communication.addPayload().setContent(new StringType(heading == null ? body : heading + "\n\n" + body));
        return communication;
    }

    /** An email's subject; a rest-hook's content type stands where a subject would (as the view always showed it). */
    private static String heading(MessageContent content) {
        return content instanceof MessageContent.Text text
                ? text.subject()
                : ((MessageContent.Payload) content).contentType();
    }

    private static long parseId(String value) {
        String digits = value.startsWith("notification-") ? value.substring("notification-".length()) : value;
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("id must be a notification id such as notification-42, got " + value);
        }
    }

    private static String qualified(String type, String value) {
        return value.contains("/") ? value : type + "/" + value;
    }

    private static String bare(String value) {
        return value.contains("/") ? value.substring(value.lastIndexOf('/') + 1) : value;
    }
}

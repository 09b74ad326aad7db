package org.mediwox.notification.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.hl7.fhir.r4.model.Communication;
import org.junit.jupiter.api.Test;
import org.mediwox.notification.outbox.MessageChannel;
import org.mediwox.notification.outbox.MessageContent;
import org.mediwox.notification.outbox.MessageEvent;
import org.mediwox.notification.outbox.MessageStatus;
import org.mediwox.notification.outbox.OutboxMessage;

/** The Communication {@code $notifications} builds from a typed outbox row. */
class NotificationOperationsTest {

    private static final Instant NOW = Instant.parse("2030-01-01T10:00:00Z");

    @Test
    void anEmail_showsItsSubjectThenBody_andItsStoredCodes() {
        Communication c = NotificationOperations.toCommunication(
                row(MessageChannel.EMAIL, new MessageContent.Text("Your appointment", "See you"), MessageStatus.DEAD));

        assertThat(c.getPayloadFirstRep().getContentStringType().getValue()).isEqualTo("Your appointment\n\nSee you");
        assertThat(c.getStatus()).isEqualTo(Communication.CommunicationStatus.STOPPED);
        assertThat(c.getStatusReason().getText()).isEqualTo("dead: refused");
        assertThat(c.getCategoryFirstRep().getCodingFirstRep().getCode()).isEqualTo("booked");
        assertThat(c.getMediumFirstRep().getText()).isEqualTo("email");
    }

    @Test
    void aRestHook_showsItsContentTypeWhereASubjectWouldBe_asBefore() {
        Communication withType = NotificationOperations.toCommunication(row(
                MessageChannel.REST_HOOK,
                new MessageContent.Payload("application/fhir+json", "{}"),
                MessageStatus.PENDING));
        Communication withoutType = NotificationOperations.toCommunication(
                row(MessageChannel.REST_HOOK, new MessageContent.Payload(null, ""), MessageStatus.PENDING));

        assertThat(withType.getPayloadFirstRep().getContentStringType().getValue())
                .isEqualTo("application/fhir+json\n\n{}");
        assertThat(withoutType.getPayloadFirstRep().getContentStringType().getValue())
                .isEmpty();
        assertThat(withType.getMediumFirstRep().getText()).isEqualTo("rest-hook");
        assertThat(withType.getStatus()).isEqualTo(Communication.CommunicationStatus.PREPARATION);
    }

    @Test
    void anAccountEmail_isListedWithoutItsLink_andAboutNoAppointment() {
        Communication c = NotificationOperations.toCommunication(row(
                MessageEvent.RESET_PASSWORD,
                MessageChannel.EMAIL,
                new MessageContent.Text(
                        "Reset your password", "Open https://clinic.example/reset-password?token=s3cret"),
                MessageStatus.SENT));

        assertThat(c.getPayloadFirstRep().getContentStringType().getValue())
                .isEqualTo("Reset your password\n\n(the link in this message is not shown)")
                .doesNotContain("s3cret");
        assertThat(c.getAbout()).isEmpty();
        assertThat(c.getCategoryFirstRep().getCodingFirstRep().getCode()).isEqualTo("reset-password");
    }

    private static OutboxMessage row(MessageChannel channel, MessageContent content, MessageStatus status) {
        return row(MessageEvent.BOOKED, channel, content, status);
    }

    private static OutboxMessage row(
            MessageEvent event, MessageChannel channel, MessageContent content, MessageStatus status) {
        return new OutboxMessage(
                7,
                "Appointment/1/_history/1/booked/x",
                event.aboutAccount() ? "-" : "1",
                "Patient/1",
                event,
                channel,
                "somewhere",
                "en",
                content,
                status,
                status == MessageStatus.DEAD ? "refused" : null,
                1,
                NOW,
                NOW,
                NOW,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }
}

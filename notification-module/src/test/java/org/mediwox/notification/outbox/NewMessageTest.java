package org.mediwox.notification.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The typed outbox row: the stored texts it maps to, and what a new message may be. */
class NewMessageTest {

    private static final Instant NOW = Instant.parse("2030-01-01T10:00:00Z");
    private static final NewMessage.About ABOUT = new NewMessage.About("1", "Patient/1", MessageEvent.BOOKED);

    @Test
    void storedTexts_areTheOnesTheOutboxAlwaysHeld_andReadBack() {
        assertThat(Arrays.stream(MessageStatus.values()).map(MessageStatus::value))
                .containsExactly("pending", "sending", "sent", "logged", "skipped", "dead", "withdrawn");
        assertThat(Arrays.stream(MessageChannel.values()).map(MessageChannel::value))
                .containsExactly("email", "sms", "rest-hook");
        assertThat(Arrays.stream(MessageEvent.values()).map(MessageEvent::value))
                .containsExactly(
                        "booked",
                        "cancelled",
                        "rescheduled",
                        "offered",
                        "reminder",
                        "handshake",
                        "verify-email",
                        "reset-password");
        Arrays.stream(MessageStatus.values())
                .forEach(s -> assertThat(MessageStatus.ofValue(s.value())).isSameAs(s));
        Arrays.stream(MessageChannel.values())
                .forEach(c -> assertThat(MessageChannel.ofValue(c.value())).isSameAs(c));
        Arrays.stream(MessageEvent.values())
                .forEach(e -> assertThat(MessageEvent.ofValue(e.value())).isSameAs(e));
        assertThatThrownBy(() -> MessageStatus.ofValue("delivered")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPatientMessage_isPending_orSkippedWithItsReason() {
        NewMessage.Recipient noAddress = new NewMessage.Recipient(MessageChannel.SMS, null, "en");

        NewMessage sendable =
                NewMessage.toPatient("k1", ABOUT, noAddress, new MessageContent.Text(null, "b"), NOW, null);
        NewMessage skipped = NewMessage.toPatient(
                "k2", ABOUT, noAddress, new MessageContent.Text(null, "b"), NOW, "no mobile number");

        assertThat(sendable.status()).isEqualTo(MessageStatus.PENDING);
        assertThat(sendable.reason()).isNull();
        assertThat(skipped.status()).isEqualTo(MessageStatus.SKIPPED);
        assertThat(skipped.reason()).isEqualTo("no mobile number");
    }

    @Test
    void aRestHook_carriesAPayloadWithItsContentType_storedWhereTheSubjectWas() {
        NewMessage.Recipient hook =
                new NewMessage.Recipient(MessageChannel.REST_HOOK, "https://hooks.example.org/in", "en");
        NewMessage.ForSubscription subscription = new NewMessage.ForSubscription("s1", null, null, null, null);

        NewMessage message = NewMessage.toSubscriber(
                "k", ABOUT, hook, new MessageContent.Payload("application/fhir+json", ""), NOW, subscription);

        assertThat(message.content().subjectColumn()).isEqualTo("application/fhir+json");
        assertThat(MessageContent.stored(MessageChannel.REST_HOOK, "application/fhir+json", ""))
                .isEqualTo(new MessageContent.Payload("application/fhir+json", ""));
        assertThat(MessageContent.stored(MessageChannel.EMAIL, "Your appointment", "b"))
                .isEqualTo(new MessageContent.Text("Your appointment", "b"));
        assertThatThrownBy(() -> NewMessage.toSubscriber(
                        "k", ABOUT, hook, new MessageContent.Text("subject", ""), NOW, subscription))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

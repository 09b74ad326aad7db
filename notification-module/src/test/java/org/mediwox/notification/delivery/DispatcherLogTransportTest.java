package org.mediwox.notification.delivery;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import ca.uhn.fhir.context.FhirContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.mediwox.notification.endpoint.AllowedEndpoints;
import org.mediwox.notification.endpoint.EndpointPolicy;
import org.mediwox.notification.outbox.MessageChannel;
import org.mediwox.notification.outbox.MessageContent;
import org.mediwox.notification.outbox.MessageEvent;
import org.mediwox.notification.outbox.MessageStatus;
import org.mediwox.notification.outbox.Outbox;
import org.mediwox.notification.outbox.OutboxMessage;
import org.mediwox.notification.subscription.NotificationBundles;

/** What the outbox records for a message the {@code log} transport handled: sent in the demo, logged in production. */
class DispatcherLogTransportTest {

    private static final Instant NOW = Instant.parse("2030-01-01T10:00:00Z");

    @Test
    void logTransportInProduction_recordsLogged_neverSent() {
        Outbox outbox = dueOnce(message(MessageChannel.EMAIL), message(MessageChannel.SMS));

        dispatcher(outbox, new LogTransport(MessageStatus.LOGGED)).dispatchDue(NOW);

        verify(outbox).markLogged(eq(1L), any(UUID.class), anyString());
        verify(outbox).markLogged(eq(2L), any(UUID.class), anyString());
        verify(outbox, never()).markSent(anyLong(), any(), any(), any());
    }

    @Test
    void logTransportInTheDemo_recordsSent() {
        Outbox outbox = dueOnce(message(MessageChannel.EMAIL));

        dispatcher(outbox, new LogTransport(MessageStatus.SENT)).dispatchDue(NOW);

        verify(outbox).markSent(eq(1L), any(UUID.class), anyString(), eq(NOW));
        verify(outbox, never()).markLogged(anyLong(), any(), any());
    }

    private static Outbox dueOnce(OutboxMessage... messages) {
        Outbox outbox = mock(Outbox.class);
        when(outbox.claimDue(any(), any(), any(), any(), anyInt()))
                .thenReturn(List.of(messages))
                .thenReturn(List.of());
        when(outbox.markLogged(anyLong(), any(), any())).thenReturn(true);
        when(outbox.markSent(anyLong(), any(), any(), any())).thenReturn(true);
        return outbox;
    }

    private static Dispatcher dispatcher(Outbox outbox, LogTransport log) {
        return new Dispatcher(
                outbox,
                log,
                log,
                3,
                Duration.ofSeconds(1),
                Duration.ofSeconds(2),
                4,
                Duration.ofMinutes(1),
                new RestHookSender(new EndpointPolicy(AllowedEndpoints.parse(List.of())), Duration.ofSeconds(5)),
                new NotificationBundles(FhirContext.forR4Cached(), () -> "http://localhost/fhir"),
                Clock.fixed(NOW, java.time.ZoneOffset.UTC));
    }

    private int ids;

    private OutboxMessage message(MessageChannel channel) {
        ids++;
        return new OutboxMessage(
                ids,
                "appointment-1/booked/" + channel.value(),
                "1",
                "Patient/1",
                MessageEvent.BOOKED,
                channel,
                channel == MessageChannel.EMAIL ? "ana@example.org" : "+14155550123",
                "en",
                new MessageContent.Text("Your appointment", "body"),
                MessageStatus.SENDING,
                null,
                0,
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

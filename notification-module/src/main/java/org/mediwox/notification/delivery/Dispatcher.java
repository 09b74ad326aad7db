package org.mediwox.notification.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.mediwox.notification.outbox.MessageChannel;
import org.mediwox.notification.outbox.MessageContent;
import org.mediwox.notification.outbox.MessageEvent;
import org.mediwox.notification.outbox.MessageStatus;
import org.mediwox.notification.outbox.Outbox;
import org.mediwox.notification.outbox.OutboxMessage;
import org.mediwox.notification.subscription.NotificationBundles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Delivers due outbox messages. Each round claims as many messages as it sends at the same time ({@code concurrency}),
 * with a lease (one node per message), sends them, and records each outcome on its own the moment it is known: sent
 * (with the provider's id), retry later with exponential backoff, or dead after the retry budget (kept for an operator
 * to replay). A node that dies mid-delivery leaves its claims to expire and be retried.
 *
 * <p>SES and SNS take no idempotency key, so delivery is at least once: a message reaches the patient twice only if
 * the provider accepted it and the node died before the commit of that one record (a window of one database update per
 * message). Every claimed message is in flight, so one crash re-sends at most {@code concurrency} messages; the others
 * it held are only delayed by the lease. The dedupe key goes along with the message for the provider's logs.
 *
 * <p>The background pass runs every {@code mediwox.notification.poll-interval} on the host application's scheduler, on
 * every node and without a cluster lock: the leased claims already give each message to one node, and several nodes
 * polling share a backlog between them. Stopping the dispatcher (its lifecycle) ends the background passes.
 */
public class Dispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
    private final Outbox outbox;
    private final EmailSender email;
    private final SmsSender sms;
    private final RestHookSender restHook;
    private final int retryBudget;
    private final Duration backoff;
    private final Duration maxBackoff;
    private final int concurrency;
    private final Duration lease;
    private final Clock clock;
    private final ExecutorService senders;
    private final NotificationBundles bundles;
    /** Held by a background pass: stopping waits for the pass in progress. */
    private final ReentrantLock passing = new ReentrantLock();

    private volatile boolean running;

    public Dispatcher(
            Outbox outbox,
            EmailSender email,
            SmsSender sms,
            int retryBudget,
            Duration backoff,
            Duration maxBackoff,
            int concurrency,
            Duration lease,
            RestHookSender restHook,
            NotificationBundles bundles,
            Clock clock) {
        this.outbox = outbox;
        this.bundles = bundles;
        this.email = email;
        this.sms = sms;
        this.retryBudget = retryBudget;
        this.backoff = backoff;
        this.maxBackoff = maxBackoff;
        this.concurrency = concurrency;
        this.lease = lease;
        this.restHook = restHook;
        this.clock = clock;
        this.senders = Executors.newFixedThreadPool(concurrency, r -> {
            Thread thread = new Thread(r, "notification-sender");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * The background pass; a failed one (the database briefly away) is logged and the next poll tries again. The
     * interval's default is {@code NotificationProperties}' (the annotation can only read the key itself).
     */
    @Scheduled(
            initialDelayString = "${mediwox.notification.poll-interval:1s}",
            fixedDelayString = "${mediwox.notification.poll-interval:1s}")
    public void dispatch() {
        if (!running) {
            return;
        }
        passing.lock();
        try {
            if (running) {
                dispatchDue(clock.instant());
            }
        } catch (RuntimeException e) {
            log.warn("Notification dispatch failed; next pass at the next poll: {}", e.toString());
        } finally {
            passing.unlock();
        }
    }

    /**
     * One delivery pass: everything due by {@code dueBy} is sent (the scheduler passes the current time; a test may pass
     * a later one to fire reminders without waiting).
     *
     * @return how many messages were handled
     */
    public int dispatchDue(Instant dueBy) {
        int handled = 0;
        List<OutboxMessage> batch;
        do {
            UUID claim = UUID.randomUUID();
            batch = outbox.claimDue(dueBy, clock.instant(), lease, claim, concurrency);
            List<Future<?>> sending = new ArrayList<>();
            for (OutboxMessage message : batch) {
                sending.add(senders.submit(() -> deliver(message, claim)));
            }
            for (Future<?> delivery : sending) {
                try {
                    delivery.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return handled;
                } catch (ExecutionException e) {
                    log.warn(
                            "Recording a notification's delivery failed: {}",
                            e.getCause().toString());
                }
            }
            handled += batch.size();
        } while (batch.size() == concurrency);
        return handled;
    }

    private void deliver(OutboxMessage message, UUID claim) {
        String body = message.body();
        if (message.topic() != null) {
            // a topic-based Subscription's: numbered on its first delivery, sent as a notification Bundle
            Long number = null;
            if (message.event() != MessageEvent.HANDSHAKE) {
                Optional<Long> assigned = outbox.eventNumber(message.id(), claim);
                if (assigned.isEmpty()) {
                    log.warn("Notification {} was claimed again elsewhere; not sent", message.id());
                    return;
                }
                number = assigned.get();
            }
            if (message.channel() == MessageChannel.REST_HOOK) {
                long since = Math.max(number == null ? 0 : number, outbox.eventsSinceStart(message.subscriptionId()));
                body = bundles.notification(message, number, since);
            }
        }
        String providerId;
        MessageStatus acceptedStatus = switch (message.channel()) {
            case EMAIL -> email.acceptedStatus();
            case REST_HOOK -> MessageStatus.SENT;
            case SMS -> sms.acceptedStatus();
        };
        try {
            String payload = body;
            providerId = switch (message.channel()) {
                case EMAIL ->
                    email.send(
                            message.recipient(),
                            ((MessageContent.Text) message.content()).subject(),
                            payload,
                            message.dedupeKey());
                case REST_HOOK ->
                    restHook.send(
                            message.recipient(),
                            message.headers(),
                            contentType((MessageContent.Payload) message.content()),
                            payload,
                            message.dedupeKey());
                case SMS -> sms.send(message.recipient(), payload, message.dedupeKey());
            };
        } catch (PermanentFailure e) {
            log.warn("Notification {} dead-lettered: {}", message.id(), e.getMessage());
            outbox.markDead(message.id(), claim, e.getMessage());
            return;
        } catch (RuntimeException e) {
            int attempt = message.attempts() + 1;
            String error = e.getClass().getSimpleName() + ": " + e.getMessage();
            if (attempt >= retryBudget) {
                log.warn("Notification {} dead-lettered after {} attempts: {}", message.id(), attempt, error);
                outbox.markDead(message.id(), claim, "after " + attempt + " attempts: " + error);
            } else {
                Instant next = clock.instant().plus(delay(attempt));
                log.info("Notification {} attempt {} failed, next at {}: {}", message.id(), attempt, next, error);
                outbox.markRetry(message.id(), claim, error, next);
            }
            return;
        }
        // accepted by the provider: from here on it is never retried (a failure to record it is logged; the row is
        // retried only if its lease runs out, the one window for a second delivery)
        boolean recorded = acceptedStatus == MessageStatus.SENT
                ? outbox.markSent(message.id(), claim, providerId, clock.instant())
                : outbox.markLogged(message.id(), claim, providerId);
        if (!recorded) {
            log.warn("Notification {} was sent ({}) after its claim expired", message.id(), providerId);
        }
    }

    /** A payload whose Subscription names no type is sent as FHIR JSON (when it has a body at all). */
    private static String contentType(MessageContent.Payload payload) {
        return payload.contentType() == null ? "application/fhir+json" : payload.contentType();
    }

    /** {@code backoff}, doubled per attempt after the first, at most {@code maxBackoff}. */
    Duration delay(int attempt) {
        Duration delay = backoff.multipliedBy(1L << Math.min(attempt - 1, 20));
        return delay.compareTo(maxBackoff) > 0 ? maxBackoff : delay;
    }

    @Override
    public void start() {
        running = true;
    }

    /** Stops sending, once the pass in progress is done (messages stay in the outbox until a dispatcher runs again). */
    @Override
    public void stop() {
        running = false;
        try {
            if (passing.tryLock(30, TimeUnit.SECONDS)) {
                passing.unlock();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** On shutdown, after {@link #stop()}: the sender threads end with the application. */
    public void close() {
        senders.shutdown();
        restHook.close();
    }
}

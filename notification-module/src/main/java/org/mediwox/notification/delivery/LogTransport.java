package org.mediwox.notification.delivery;

import java.util.concurrent.atomic.AtomicLong;
import org.mediwox.notification.outbox.MessageStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The zero-setup transport: nothing leaves the server; each message is logged (without its body) and recorded with the
 * status given — {@code sent} in the demo, where logging is the whole point, {@code logged} in production, where a
 * message only logged has not reached the patient and the outbox must not claim it did.
 */
public class LogTransport implements EmailSender, SmsSender {

    private static final Logger log = LoggerFactory.getLogger(LogTransport.class);
    private final AtomicLong sequence = new AtomicLong();
    private final MessageStatus acceptedStatus;

    public LogTransport(MessageStatus acceptedStatus) {
        this.acceptedStatus = acceptedStatus;
    }

    @Override
    public MessageStatus acceptedStatus() {
        return acceptedStatus;
    }

    @Override
    public String send(String to, String subject, String body, String dedupeKey) {
        log.info("Email not sent (transport log): to {} \"{}\" [{}]", to, subject, dedupeKey);
        return "log-" + sequence.incrementAndGet();
    }

    @Override
    public String send(String phoneNumber, String body, String dedupeKey) {
        log.info("SMS not sent (transport log): to {} [{}]", phoneNumber, dedupeKey);
        return "log-" + sequence.incrementAndGet();
    }
}

package org.mediwox.notification.account;

import java.text.MessageFormat;
import java.time.Clock;
import java.util.Locale;
import java.util.UUID;
import org.mediwox.notification.outbox.MessageChannel;
import org.mediwox.notification.outbox.MessageContent;
import org.mediwox.notification.outbox.MessageEvent;
import org.mediwox.notification.outbox.NewMessage;
import org.mediwox.notification.outbox.Outbox;
import org.mediwox.notification.planning.MessageTemplates;
import org.mediwox.plugin.account.AccountMail;
import org.mediwox.plugin.account.AccountMailer;

/**
 * The server's account e-mails ({@link AccountMail}: confirm the address, reset the password) as outbox messages on the
 * e-mail channel, in English or Spanish ({@code verify-email.*}, {@code reset-password.*} in the message templates),
 * delivered like every other message (SES, or only logged with the {@code log} transport). {@code $notifications}
 * lists them without their link.
 */
public class AccountMessages implements AccountMailer {

    private final Outbox outbox;
    private final MessageTemplates templates;
    private final Clock clock;

    public AccountMessages(Outbox outbox, MessageTemplates templates, Clock clock) {
        this.outbox = outbox;
        this.templates = templates;
        this.clock = clock;
    }

    @Override
    public void send(AccountMail mail) {
        MessageEvent event = switch (mail.kind()) {
            case VERIFY_EMAIL -> MessageEvent.VERIFY_EMAIL;
            case RESET_PASSWORD -> MessageEvent.RESET_PASSWORD;
        };
        String language = MessageTemplates.language(mail.locale().toLanguageTag());
        String body = new MessageFormat(
                        templates.text(event.value() + ".body", language), Locale.forLanguageTag(language))
                .format(new Object[] {mail.link().toString()});
        // every link is a new message: a second request sends a second e-mail
        outbox.record(NewMessage.toPatient(
                "account/" + event.value() + "/" + UUID.randomUUID(),
                new NewMessage.About("-", mail.patient(), event),
                new NewMessage.Recipient(MessageChannel.EMAIL, mail.address(), language),
                new MessageContent.Text(templates.text(event.value() + ".subject", language), body),
                clock.instant(),
                null));
    }
}

package org.mediwox.notification.delivery;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.MessageTag;

/** Email through Amazon SES (v2 API, {@code SendEmail}). The dedupe key travels as a message tag. */
public class SesEmailSender implements EmailSender {

    private final SesV2Client ses;
    private final String from;

    public SesEmailSender(SesV2Client ses, String from) {
        this.ses = ses;
        this.from = from;
    }

    @Override
    public String send(String to, String subject, String body, String dedupeKey) {
        try {
            return ses.sendEmail(b -> b.fromEmailAddress(from)
                            .destination(d -> d.toAddresses(to))
                            .emailTags(MessageTag.builder()
                                    .name("mediwox-dedupe-key")
                                    .value(dedupeKey.replaceAll("[^A-Za-z0-9_-]", "_"))
                                    .build())
                            .content(c ->
                                    c.simple(m -> m.subject(s -> s.data(subject).charset("UTF-8"))
                                            .body(t -> t.text(x -> x.data(body).charset("UTF-8"))))))
                    .messageId();
        } catch (AwsServiceException e) {
            throw Failures.classify("SES", e);
        }
    }
}

package org.mediwox.notification.delivery;

import java.util.Map;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

/** SMS through Amazon SNS {@code Publish} to a phone number, as a transactional message with the sender id. */
public class SnsSmsSender implements SmsSender {

    private final SnsClient sns;
    private final String senderId;

    public SnsSmsSender(SnsClient sns, String senderId) {
        this.sns = sns;
        this.senderId = senderId;
    }

    @Override
    public String send(String phoneNumber, String body, String dedupeKey) {
        try {
            return sns.publish(b -> b.phoneNumber(phoneNumber)
                            .message(body)
                            .messageAttributes(Map.of(
                                    "AWS.SNS.SMS.SenderID", text(senderId),
                                    "AWS.SNS.SMS.SMSType", text("Transactional"))))
                    .messageId();
        } catch (AwsServiceException e) {
            throw Failures.classify("SNS", e);
        }
    }

    private static MessageAttributeValue text(String value) {
        return MessageAttributeValue.builder()
                .dataType("String")
                .stringValue(value)
                .build();
    }
}

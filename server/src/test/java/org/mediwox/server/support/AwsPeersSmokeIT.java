package org.mediwox.server.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.PublishRequest;
import software.amazon.awssdk.services.sns.model.SnsException;

/**
 * The two AWS peers of the integration tests answer the AWS SDK v2 clients: aws-ses-v2-local (a real SES v2 API
 * server) and the recording STUB of the SNS Query API. No Spring context.
 */
class AwsPeersSmokeIT {

    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));

    @Test
    void sesLocal_storesTheEmailSent() {
        SesLocal ses = SesLocal.shared();
        String to = "smoke-" + UUID.randomUUID() + "@example.org";
        try (SesV2Client client = SesV2Client.builder()
                .endpointOverride(URI.create(ses.endpoint()))
                .region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS)
                // aws-ses-v2-local never answers an action it does not know
                .overrideConfiguration(c -> c.apiCallTimeout(Duration.ofSeconds(10)))
                .build()) {
            client.sendEmail(r -> r.fromEmailAddress("clinic@example.org")
                    .destination(d -> d.toAddresses(to))
                    .content(c -> c.simple(m -> m.subject(s -> s.data("Smoke test"))
                            .body(b -> b.text(t -> t.data("Hello from the smoke test"))))));
        }

        assertThat(ses.emailsTo(to)).singleElement().satisfies(email -> {
            assertThat(email.from()).isEqualTo("clinic@example.org");
            assertThat(email.subject()).isEqualTo("Smoke test");
            assertThat(email.text()).isEqualTo("Hello from the smoke test");
        });
        ses.clear();
        assertThat(ses.emailsTo(to)).isEmpty();
    }

    @Test
    void snsStub_recordsThePublishedSms_andFailsWhenTold() {
        SnsStub sns = SnsStub.shared();
        // a number of its own: the shared server's dispatcher may publish other tests' SMS to the stub meanwhile
        String phone = "+3461" + (1_000_000 + ThreadLocalRandom.current().nextInt(8_999_999));
        PublishRequest sms = PublishRequest.builder()
                .phoneNumber(phone)
                .message("Su cita está confirmada")
                .messageAttributes(Map.of(
                        "AWS.SNS.SMS.SenderID",
                        MessageAttributeValue.builder()
                                .dataType("String")
                                .stringValue("Mediwox")
                                .build()))
                .build();
        try (SnsClient client = SnsClient.builder()
                .endpointOverride(URI.create(sns.endpoint()))
                .region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS)
                .overrideConfiguration(
                        c -> c.apiCallTimeout(Duration.ofSeconds(10)).retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build()) {
            assertThat(client.publish(sms).messageId()).isNotBlank();

            sns.failNext(phone, 1);
            assertThatThrownBy(() -> client.publish(sms)).isInstanceOfSatisfying(SnsException.class, e -> {
                assertThat(e.statusCode()).isEqualTo(500);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InternalError");
            });
        }

        assertThat(sns.publishedTo(phone))
                .containsExactly(new SnsStub.Sms(phone, "Su cita está confirmada", "Mediwox", null));
        assertThat(sns.requestsTo(phone)).hasSize(2);
    }
}

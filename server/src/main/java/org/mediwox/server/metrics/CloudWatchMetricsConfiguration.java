package org.mediwox.server.metrics;

import io.micrometer.cloudwatch2.CloudWatchConfig;
import io.micrometer.cloudwatch2.CloudWatchMeterRegistry;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.config.MeterFilter;
import java.time.Duration;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;

/**
 * The server's meter registry in production on AWS: Micrometer's CloudWatch registry, sending every {@code step}
 * (one {@code PutMetricData} call a minute per node) the meters named {@code mediwox.*} — the notification outbox's
 * gauges — and no other. The rest (HTTP request timers, JVM, connection pool: dozens of metrics with many dimension
 * values, each a billed CloudWatch metric) is refused by the registry's filter, so requests record nothing at all here.
 * Without the setting, Spring Boot's in-memory registry stays as it was and nothing is sent.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "management.cloudwatch.metrics.export", name = "enabled", havingValue = "true")
class CloudWatchMetricsConfiguration {

    /** The meters published: the server's own. */
    static final String PUBLISHED_PREFIX = "mediwox.";

    /**
     * Region and credentials from the AWS SDK's default providers ({@code AWS_REGION}, the task's role), as the S3, SES
     * and SNS clients; the endpoint from {@code AWS_ENDPOINT_URL_CLOUDWATCH} when set.
     */
    @Bean
    CloudWatchAsyncClient cloudWatchAsyncClient() {
        return CloudWatchAsyncClient.builder()
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .apiCallAttemptTimeout(Duration.ofSeconds(10))
                        .apiCallTimeout(Duration.ofSeconds(30))
                        .build())
                .build();
    }

    @Bean
    CloudWatchMeterRegistry cloudWatchMeterRegistry(
            CloudWatchExportProperties properties, CloudWatchAsyncClient client) {
        CloudWatchConfig config = new CloudWatchConfig() {
            @Override
            public String get(String key) {
                return null; // the defaults, except for what is overridden below
            }

            @Override
            public String namespace() {
                return properties.namespace();
            }

            @Override
            public Duration step() {
                return properties.step();
            }
        };
        CloudWatchMeterRegistry registry = new CloudWatchMeterRegistry(config, Clock.SYSTEM, client);
        registry.config()
                .meterFilter(MeterFilter.acceptNameStartsWith(PUBLISHED_PREFIX))
                .meterFilter(MeterFilter.deny());
        LoggerFactory.getLogger(CloudWatchMetricsConfiguration.class)
                .info(
                        "Metrics {}* to CloudWatch namespace {} every {}",
                        PUBLISHED_PREFIX,
                        properties.namespace(),
                        properties.step());
        return registry;
    }
}

package org.mediwox.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.cloudwatch2.CloudWatchMeterRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The CloudWatch registry exists only when switched on, and then publishes the server's own meters and nothing else
 * (a request's timers would be billed metrics, and recording them would cost every request).
 */
class CloudWatchMetricsConfigurationTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner().withUserConfiguration(Server.class);

    private String region;

    @BeforeEach
    void region() {
        // the SDK's default region provider, as AWS_REGION in the task; no call is made here
        region = System.getProperty("aws.region");
        System.setProperty("aws.region", "eu-west-1");
    }

    @AfterEach
    void restoreRegion() {
        if (region == null) {
            System.clearProperty("aws.region");
        } else {
            System.setProperty("aws.region", region);
        }
    }

    @Test
    void byDefault_noCloudWatchRegistry() {
        context.run(ctx -> assertThat(ctx).doesNotHaveBean(CloudWatchMeterRegistry.class));
    }

    @Test
    void switchedOn_publishesMediwoxMetersOnly_toTheMediwoxNamespaceEveryMinute() {
        context.withPropertyValues("management.cloudwatch.metrics.export.enabled=true")
                .run(ctx -> {
                    assertThat(ctx).hasSingleBean(CloudWatchMeterRegistry.class);
                    MeterRegistry registry = ctx.getBean(CloudWatchMeterRegistry.class);
                    CloudWatchExportProperties properties = ctx.getBean(CloudWatchExportProperties.class);
                    assertThat(properties.namespace()).isEqualTo("Mediwox");
                    assertThat(properties.step()).isEqualTo(Duration.ofMinutes(1));

                    registry.gauge("mediwox.notifications.dead", 2.0);
                    registry.timer("http.server.requests", "uri", "/fhir/Patient")
                            .record(Duration.ofMillis(3));
                    registry.counter("jvm.gc.pause").increment();

                    assertThat(registry.getMeters())
                            .extracting(meter -> meter.getId().getName())
                            .containsExactly("mediwox.notifications.dead");
                    registry.clear(); // nothing to send when the context closes (the registry publishes on close)
                });
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(CloudWatchExportProperties.class)
    @Import(CloudWatchMetricsConfiguration.class)
    static class Server {}
}

package org.mediwox.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class SchedulingAutoConfigurationTest {

    private final ApplicationContextRunner context =
            new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(SchedulingAutoConfiguration.class));

    @Test
    void defaults_applyWhenNothingIsConfigured() {
        context.run(ctx -> {
            SchedulingProperties properties = ctx.getBean(SchedulingProperties.class);
            assertThat(properties.holdDuration()).isEqualTo(Duration.ofMinutes(10));
            assertThat(properties.idempotencyKeyRetention()).isEqualTo(Duration.ofHours(24));
        });
    }

    @Test
    void kebabCaseKeys_bindToTheProperties() {
        context.withPropertyValues("mediwox.scheduling.hold-duration=90s")
                .run(ctx -> assertThat(ctx.getBean(SchedulingProperties.class).holdDuration())
                        .isEqualTo(Duration.ofSeconds(90)));
    }

    @Test
    void nonPositiveHoldDuration_failsStartupWithTheKeyName() {
        context.withPropertyValues("mediwox.scheduling.hold-duration=0s")
                .run(ctx -> assertThat(ctx.getStartupFailure())
                        .hasStackTraceContaining("mediwox.scheduling.hold-duration"));
    }

    @Test
    void disabled_contributesNothing() {
        context.withPropertyValues("mediwox.scheduling.enabled=false")
                .run(ctx -> assertThat(ctx).doesNotHaveBean(SchedulingProperties.class));
    }
}

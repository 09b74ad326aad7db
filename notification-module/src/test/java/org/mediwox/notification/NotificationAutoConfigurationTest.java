package org.mediwox.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mediwox.plugin.server.Deployment;
import org.mediwox.plugin.server.ProductionSettings;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class NotificationAutoConfigurationTest {

    /** The server provides the deployment mode; here the demo's. */
    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(NotificationAutoConfiguration.class))
            .withBean(Deployment.class, () -> () -> true);

    private final ApplicationContextRunner production = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(NotificationAutoConfiguration.class))
            .withBean(Deployment.class, () -> () -> false);

    @Test
    void defaults_sendNothingToAwsAndRemindAt24And2Hours() {
        context.run(ctx -> {
            NotificationProperties properties = ctx.getBean(NotificationProperties.class);
            assertThat(properties.transportIn(ctx.getBean(Deployment.class)))
                    .isEqualTo(NotificationProperties.Transport.LOG);
            assertThat(properties.reminderOffsets()).containsExactly(Duration.ofHours(24), Duration.ofHours(2));
            assertThat(ctx.getBean(ProductionSettings.class))
                    .as("the module reports on its settings to the server, which asks in production")
                    .isInstanceOf(NotificationSettingsCheck.class);
        });
    }

    @Test
    void production_withTheDemoDefaults_namesTransportManageUrlAndClinicPhone() {
        production.run(ctx -> {
            assertThat(ctx.getBean(ProductionSettings.class).unsafe())
                    .extracting(ProductionSettings.UnsafeSetting::setting)
                    .containsExactly(
                            "mediwox.notification.transport",
                            "mediwox.notification.manage-url",
                            "mediwox.notification.clinic-phone");
            assertThat(ctx.getBean(ProductionSettings.class).unsafe())
                    .allSatisfy(problem -> assertThat(problem.fix()).startsWith("MEDIWOX_NOTIFICATION_"));
            NotificationProperties properties = ctx.getBean(NotificationProperties.class);
            Deployment mode = ctx.getBean(Deployment.class);
            assertThatThrownBy(() -> properties.transportIn(mode))
                    .as("no silent fallback to log in production")
                    .hasMessageContaining("mediwox.notification.transport");
        });
    }

    @Test
    void production_withEachSettingSet_hasNoProblem_andAnExplicitLogTransportIsKept() {
        production
                .withPropertyValues(
                        "mediwox.notification.transport=log",
                        "mediwox.notification.manage-url=https://clinic.example/app",
                        "mediwox.notification.clinic-phone=+14155550123")
                .run(ctx -> {
                    assertThat(ctx.getBean(ProductionSettings.class).unsafe()).isEmpty();
                    assertThat(ctx.getBean(NotificationProperties.class).transportIn(ctx.getBean(Deployment.class)))
                            .isEqualTo(NotificationProperties.Transport.LOG);
                });
    }

    @Test
    void transportAndOffsets_bindFromEnvironmentStyleValues() {
        context.withPropertyValues(
                        "mediwox.notification.transport=aws", "mediwox.notification.reminder-offsets=48h,30m")
                .run(ctx -> {
                    NotificationProperties properties = ctx.getBean(NotificationProperties.class);
                    assertThat(properties.transportIn(ctx.getBean(Deployment.class)))
                            .isEqualTo(NotificationProperties.Transport.AWS);
                    assertThat(properties.reminderOffsets())
                            .isEqualTo(List.of(Duration.ofHours(48), Duration.ofMinutes(30)));
                });
    }

    @Test
    void negativeReminderOffset_failsStartupWithTheKeyName() {
        context.withPropertyValues("mediwox.notification.reminder-offsets=-1h")
                .run(ctx -> assertThat(ctx.getStartupFailure())
                        .hasStackTraceContaining("mediwox.notification.reminder-offsets"));
    }

    @Test
    void restHookAllowlist_bindsCommaSeparated_andAMalformedEntryFailsStartupWithTheKeyName() {
        context.withPropertyValues("mediwox.notification.rest-hook.allowed-endpoints=127.0.0.2,10.20.0.0/16")
                .run(ctx -> assertThat(ctx.getBean(NotificationProperties.class)
                                .restHook()
                                .allowedEndpoints())
                        .containsExactly("127.0.0.2", "10.20.0.0/16"));
        context.withPropertyValues("mediwox.notification.rest-hook.allowed-endpoints=hooks example")
                .run(ctx -> assertThat(ctx.getStartupFailure())
                        .hasStackTraceContaining("mediwox.notification.rest-hook.allowed-endpoints"));
    }

    @Test
    void restHookAllowlist_isEmptyByDefault() {
        context.run(ctx -> assertThat(
                        ctx.getBean(NotificationProperties.class).restHook().allowedEndpoints())
                .isEmpty());
    }
}

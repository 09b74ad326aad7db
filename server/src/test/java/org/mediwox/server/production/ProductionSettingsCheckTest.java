package org.mediwox.server.production;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.mediwox.notification.NotificationAutoConfiguration;
import org.mediwox.plugin.server.ProductionSettings.UnsafeSetting;
import org.mediwox.server.MediwoxProperties;
import org.mediwox.server.security.AuthProperties;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** Production mode refuses each unsafe setting, all of them in one report, and starts when every one is set safely. */
class ProductionSettingsCheckTest {

    private static final String[] SAFE_NOTIFICATIONS = {
        "mediwox.notification.transport=aws",
        "mediwox.notification.manage-url=https://clinic.example/app",
        "mediwox.notification.clinic-phone=+14155550123"
    };

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(NotificationAutoConfiguration.class))
            .withUserConfiguration(Settings.class);

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({MediwoxProperties.class, AuthProperties.class})
    @Import({ProductionSettingsCheck.class, DeploymentConfiguration.class})
    static class Settings {}

    @Test
    void demoMode_startsWithTheDemoDefaults() {
        context.run(ctx -> assertThat(ctx).hasNotFailed());
    }

    @Test
    void production_withTheDemoDefaults_refusesToStart_listingEveryNotificationSettingAndItsFix() {
        context.withPropertyValues("mediwox.demo=false").run(ctx -> {
            UnsafeProductionSettingsException refusal = refusal(ctx.getStartupFailure());
            assertThat(refusal.settings())
                    .extracting(UnsafeSetting::setting)
                    .containsExactly(
                            "mediwox.notification.transport",
                            "mediwox.notification.manage-url",
                            "mediwox.notification.clinic-phone");
            assertThat(refusal.getMessage())
                    .contains("3 settings are unsafe")
                    .contains("MEDIWOX_NOTIFICATION_TRANSPORT=aws")
                    .contains("MEDIWOX_NOTIFICATION_MANAGE_URL=")
                    .contains("MEDIWOX_NOTIFICATION_CLINIC_PHONE=");
        });
    }

    @Test
    void production_refusesEachUnsafeSettingOnItsOwn() {
        for (String[] unsafe : new String[][] {
            {"mediwox.notification.manage-url=https://clinic.example/app", "mediwox.notification.clinic-phone=+1415"},
            {"mediwox.notification.transport=aws", "mediwox.notification.clinic-phone=+1415"},
            {"mediwox.notification.transport=aws", "mediwox.notification.manage-url=https://clinic.example/app"}
        }) {
            context.withPropertyValues("mediwox.demo=false")
                    .withPropertyValues(unsafe)
                    .run(ctx -> assertThat(refusal(ctx.getStartupFailure()).settings())
                            .hasSize(1));
        }
    }

    @Test
    void production_refusesAWildcardOrNullOrigin_togetherWithTheOtherProblems() {
        for (String origins : new String[] {"*", "null", "https://app.clinic.example,https://*", "HTTPS://*:8443"}) {
            context.withPropertyValues(
                            "mediwox.demo=false",
                            "mediwox.auth.cors-allowed-origins=" + origins,
                            "mediwox.notification.transport=log")
                    .run(ctx -> {
                        UnsafeProductionSettingsException refusal = refusal(ctx.getStartupFailure());
                        assertThat(refusal.settings())
                                .extracting(UnsafeSetting::setting)
                                .as(origins)
                                .containsExactly(
                                        "mediwox.auth.cors-allowed-origins",
                                        "mediwox.notification.manage-url",
                                        "mediwox.notification.clinic-phone");
                        assertThat(refusal.getMessage()).contains("MEDIWOX_AUTH_CORS_ALLOWED_ORIGINS=");
                    });
        }
    }

    @Test
    void production_startsWhenEverySettingIsSafe_andAllowsNoOtherOriginUnlessListed() {
        context.withPropertyValues("mediwox.demo=false")
                .withPropertyValues(SAFE_NOTIFICATIONS)
                .run(ctx -> {
                    assertThat(ctx).hasNotFailed();
                    assertThat(ctx.getBean(AuthProperties.class).allowedOrigins(false))
                            .isEmpty();
                });
        context.withPropertyValues("mediwox.demo=false", "mediwox.auth.cors-allowed-origins=https://*.clinic.example")
                .withPropertyValues(SAFE_NOTIFICATIONS)
                .run(ctx -> assertThat(ctx).hasNotFailed());
    }

    @Test
    void production_withTheNotificationModuleOff_checksOnlyTheServersSettings() {
        context.withPropertyValues("mediwox.demo=false", "mediwox.notification.enabled=false")
                .run(ctx -> assertThat(ctx).hasNotFailed());
    }

    @Test
    void failureAnalysis_describesEverySetting_andSaysWhatToDo() {
        UnsafeProductionSettingsException refusal = new UnsafeProductionSettingsException(java.util.List.of(
                new UnsafeSetting("mediwox.a", "wrong", "MEDIWOX_A=right"),
                new UnsafeSetting("mediwox.b", "wrong too", "MEDIWOX_B=right")));

        FailureAnalysis analysis =
                new UnsafeProductionSettingsFailureAnalyzer().analyze(new IllegalStateException(refusal));

        assertThat(analysis.getDescription())
                .contains("2 settings are unsafe")
                .contains("  - mediwox.a: wrong.\n      Fix: MEDIWOX_A=right")
                .contains("  - mediwox.b: wrong too.");
        assertThat(analysis.getAction()).contains("MEDIWOX_DEMO=true");
    }

    private static UnsafeProductionSettingsException refusal(Throwable failure) {
        Throwable cause = failure;
        while (cause != null && !(cause instanceof UnsafeProductionSettingsException)) {
            cause = cause.getCause();
        }
        assertThat(cause).as("start-up refused for unsafe settings").isNotNull();
        return (UnsafeProductionSettingsException) cause;
    }
}

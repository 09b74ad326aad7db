package org.mediwox.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Settings are checked before anything is synthesized, with a message that names the setting. */
class DeploySettingsTest {

    @Test
    void from_withoutTheRequiredKeys_namesEachMissingOne() {
        assertThatThrownBy(() -> DeploySettings.from(
                        Map.<String, Object>of("domainName", "fhir.clinic.example")::get, "eu-west-1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[clinicPhone, imageTag]");
    }

    @Test
    void example_refusesAPhoneNumberThatIsNotE164() {
        assertThatThrownBy(() -> DeploySettings.example(Map.of("clinicPhone", "910 000 000")))
                .hasMessageContaining("clinicPhone");
    }

    @Test
    void example_refusesFewerThanTwoZones_andMoreMinimumThanMaximumTasks() {
        assertThatThrownBy(() -> DeploySettings.example(Map.of("zones", "eu-west-1a")))
                .hasMessageContaining("zones");
        assertThatThrownBy(() -> DeploySettings.example(Map.of("taskCount", "4", "maxTaskCount", "3")))
                .hasMessageContaining("maxTaskCount");
        assertThatThrownBy(() -> DeploySettings.example(Map.of("taskCount", "two")))
                .hasMessageContaining("taskCount: a whole number");
    }

    @Test
    void defaults_areTheSmallestProductionLikeSetup() {
        DeploySettings settings = DeploySettings.example(Map.of());
        assertThat(settings.zones()).containsExactly("eu-west-1a", "eu-west-1b");
        assertThat(settings.taskCount()).isEqualTo(2);
        assertThat(settings.maxTaskCount()).isEqualTo(6);
        assertThat(settings.sharedFullText()).isTrue();
        assertThat(settings.aurora()).isFalse();
        assertThat(settings.databaseInstanceType()).isEqualTo("m7g.large");
        assertThat(settings.sender()).isEqualTo("Mediwox <no-reply@clinic.example>");
        assertThat(settings.fhirBase()).isEqualTo("https://fhir.clinic.example/fhir");
    }

    @Test
    void oneTaskWithoutScaling_needsNoSharedIndex_andAuroraDefaultsToAnRClass() {
        DeploySettings settings = DeploySettings.example(
                Map.of("taskCount", "1", "maxTaskCount", "1", "databaseEngine", "aurora-postgresql"));
        assertThat(settings.sharedFullText()).isFalse();
        assertThat(settings.databaseInstanceType()).isEqualTo("r7g.large");
    }
}

package org.mediwox.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClinicianFramingTest {

    @Test
    void theConfiguredEhrs_joinThisServerInFrameAncestors() {
        assertThat(new ClinicianFraming(List.of()).frameAncestors()).isEqualTo("frame-ancestors 'self'");
        assertThat(new ClinicianFraming(List.of("https://ehr.example.org", "http://127.0.0.1:9000")).frameAncestors())
                .isEqualTo("frame-ancestors 'self' https://ehr.example.org http://127.0.0.1:9000");
    }

    @Test
    void anythingButAnOrigin_isRefusedAtStart_naming_theValue() {
        for (String bad : List.of(
                "*", "https://ehr.example.org/path", "ehr.example.org", "https://a.org; script-src *", "'none'")) {
            assertThatThrownBy(() -> new ClinicianFraming(List.of(bad)))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("mediwox.clinician.ehr-origins")
                    .hasMessageContaining(bad);
        }
    }
}

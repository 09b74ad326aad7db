package org.mediwox.server.production;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mediwox.server.support.ProductionNode;
import org.mediwox.server.support.ServerIT;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The real application refusing a production start with the demo's settings: one report naming every unsafe setting
 * and its fix, printed by the failure analyzer instead of a stack trace. (Starting with every setting safe: {@code
 * RateLimitIT}'s production node.)
 */
@ExtendWith(OutputCaptureExtension.class)
class ProductionStartIT extends ServerIT {

    @Autowired
    private DataSource dataSource;

    @Test
    void productionWithTheDemosSettings_refusesToStart_withOneReportOfEveryUnsafeSetting(CapturedOutput output) {
        // the demo's notification defaults and a wildcard CORS origin: not made safe()
        assertThatThrownBy(() -> ProductionNode.named("unsafe")
                        .onDatabaseOf(dataSource)
                        .with("--mediwox.auth.cors-allowed-origins=*")
                        .start())
                .hasRootCauseInstanceOf(UnsafeProductionSettingsException.class);

        assertThat(output.getOut() + output.getErr())
                .contains("APPLICATION FAILED TO START")
                .contains("4 settings are unsafe")
                .contains("mediwox.auth.cors-allowed-origins")
                .contains("MEDIWOX_NOTIFICATION_TRANSPORT=aws")
                .contains("MEDIWOX_NOTIFICATION_MANAGE_URL=")
                .contains("MEDIWOX_NOTIFICATION_CLINIC_PHONE=")
                .contains("MEDIWOX_DEMO=true")
                .doesNotContain("at org.mediwox.server.production.ProductionSettingsCheck.afterPropertiesSet");
    }
}

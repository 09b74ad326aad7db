package org.mediwox.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.mediwox.server.support.NodeScript;
import org.mediwox.server.support.ServerIT;
import org.mediwox.server.support.SmartLogin;

/**
 * A full SMART standalone launch as a real app performs it: the SMART JS client library ({@code fhirclient} from npm)
 * in headless Chromium (Debian's {@code chromium}, driven by {@code playwright-core}) discovers the endpoints, sends the
 * patient to the login page, exchanges the code with PKCE and reads the patient — across origins, so CORS is tested
 * too. The script is {@code src/test/smart-app-launch/launch.mjs}; the build installs its packages with {@code npm ci}.
 */
class SmartAppLaunchIT extends ServerIT {

    private static final Path SCRIPT_DIR = Path.of("src", "test", "smart-app-launch");

    @Test
    void fhirclientInChromium_logsInTheDemoPatient_andGetsATokenForThatPatient()
            throws IOException, InterruptedException {
        NodeScript.requireChromium();
        String ana = client().search()
                .forResource(Patient.class)
                .where(Patient.IDENTIFIER.exactly().systemAndCode("https://mediwox.org/fhir/demo", "patient-1"))
                .returnBundle(Bundle.class)
                .execute()
                .getEntryFirstRep()
                .getResource()
                .getIdElement()
                .getIdPart();

        JsonNode result = NodeScript.run(
                SCRIPT_DIR,
                Map.of(),
                Duration.ofMinutes(2),
                NodeScript.node(),
                "launch.mjs",
                fhirBase(),
                SmartScopesIT.ANA_LOGIN,
                SmartLogin.DEMO_PASSWORD);
        assertThat(result.get("patient").asText()).isEqualTo(ana);
        assertThat(result.get("name").asText()).isEqualTo("García");
        assertThat(Files.exists(SCRIPT_DIR.resolve("package-lock.json"))).isTrue();
    }
}

package org.mediwox.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.mediwox.server.support.ServerIT;
import org.mediwox.server.support.SmartLogin;
import org.mediwox.server.support.Tokens;

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
        assertThat(Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium")))
                .as("Chromium is needed (Debian package chromium; .ci/run installs it)")
                .exists();
        String ana = client().search()
                .forResource(Patient.class)
                .where(Patient.IDENTIFIER.exactly().systemAndCode("https://mediwox.org/fhir/demo", "patient-1"))
                .returnBundle(Bundle.class)
                .execute()
                .getEntryFirstRep()
                .getResource()
                .getIdElement()
                .getIdPart();

        Process node = new ProcessBuilder(
                        "node", "launch.mjs", fhirBase(), SmartScopesIT.ANA_LOGIN, SmartLogin.DEMO_PASSWORD)
                .directory(SCRIPT_DIR.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        boolean finished = node.waitFor(120, TimeUnit.SECONDS);
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!finished) {
            node.destroyForcibly();
        }

        assertThat(finished).as("launch finished in 2 minutes").isTrue();
        assertThat(node.exitValue()).as(output).isZero();
        JsonNode result =
                Tokens.json(output.lines().reduce((first, last) -> last).orElse("{}"));
        assertThat(result.get("patient").asText()).isEqualTo(ana);
        assertThat(result.get("name").asText()).isEqualTo("García");
        assertThat(Files.exists(SCRIPT_DIR.resolve("package-lock.json"))).isTrue();
    }
}

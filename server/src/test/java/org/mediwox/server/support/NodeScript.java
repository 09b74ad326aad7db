package org.mediwox.server.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a Node script of the tests (a SMART app or the patient app driven in headless Chromium) and reads the JSON
 * line it prints last. The script's stderr goes to the test log and, when it fails, its last lines into the failure's
 * message (a CI report shows the step that failed, not only the exit code); it must end in time and with exit code 0.
 */
public final class NodeScript {

    private NodeScript() {}

    /**
     * The Node the build pins (the npm package {@code node} in the patient app's lock file, installed by that module's
     * {@code npm ci}): every script of the tests runs on it, not on whatever Node the machine has.
     */
    public static String node() {
        Path pinned = Path.of("..", "patient-app", "node_modules", "node", "bin", "node")
                .toAbsolutePath()
                .normalize();
        assertThat(pinned)
                .as("the pinned Node (the patient-app module's npm ci installs it; run mvn verify from the root)")
                .isExecutable();
        return pinned.toString();
    }

    /** The browser the scripts drive: Debian's {@code chromium}, or {@code $CHROMIUM}. */
    public static void requireChromium() {
        assertThat(Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium")))
                .as("Chromium is needed (Debian package chromium; .ci/run installs it)")
                .exists();
    }

    public static JsonNode run(Path directory, Map<String, String> environment, Duration patience, String... command)
            throws IOException, InterruptedException {
        // Chromium's throw-away profile (Playwright makes one in the temp directory) stays in the build's target
        Path tmp = Files.createDirectories(Path.of("target", "tmp").toAbsolutePath());
        Path errors = Files.createTempFile(tmp, "node-stderr", ".log");
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(directory.toFile()).redirectError(errors.toFile());
        builder.environment().put("TMPDIR", tmp.toString());
        builder.environment().putAll(environment);
        Process node = builder.start();
        boolean finished = node.waitFor(patience.toSeconds(), TimeUnit.SECONDS);
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!finished) {
            node.destroyForcibly();
        }
        List<String> stderr = Files.readAllLines(errors, StandardCharsets.UTF_8);
        stderr.forEach(System.err::println);
        String said = String.join("\n", stderr.subList(Math.max(0, stderr.size() - 40), stderr.size()));
        assertThat(finished)
                .as(String.join(" ", command) + " finished within " + patience + "; it said:\n" + said)
                .isTrue();
        assertThat(node.exitValue()).as(output + "\n" + said).isZero();
        return Tokens.json(output.lines().reduce((first, last) -> last).orElse("{}"));
    }
}

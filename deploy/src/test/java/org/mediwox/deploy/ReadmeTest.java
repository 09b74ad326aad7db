package org.mediwox.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * deploy/README.md says what the code does: its generated sections (architecture, task role, waivers) equal what the
 * template and the code give, and every environment variable the tasks get is documented where the server's
 * settings are. Run with {@code -Dmediwox.deploy.writeReadme=true} to rewrite the generated sections.
 */
class ReadmeTest {

    private static final Path README = Path.of("README.md");
    private static final boolean WRITE = Boolean.getBoolean("mediwox.deploy.writeReadme");

    @Test
    void architectureSection_isTheSynthesizedTemplatesPicture() throws IOException {
        checkSection("architecture", ReadmeSections.architecture(Synthesized.standard()));
    }

    @Test
    void taskRoleSection_listsTheRolesStatements() throws IOException {
        checkSection("task-role", ReadmeSections.taskRole(Synthesized.standard()));
    }

    @Test
    void waiversSection_listsEveryCdkNagWaiverWithItsReason() throws IOException {
        checkSection("waivers", ReadmeSections.waivers());
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyEnvironmentVariableOfTheTasks_isDocumentedWithTheServersSettings() throws IOException {
        // given
        String documented =
                Files.readString(Path.of("../README.md")) + Files.readString(Path.of("../docker/README.md"));
        Map<String, Object> task = Synthesized.properties(Synthesized.standard()
                .resources()
                .get(Synthesized.standard().logicalId("AWS::ECS::TaskDefinition", "")));
        Map<String, Object> container = ((List<Map<String, Object>>) task.get("ContainerDefinitions")).get(0);
        List<String> names = new ArrayList<>();
        for (String key : List.of("Environment", "Secrets")) {
            ((List<Map<String, Object>>) container.get(key)).forEach(v -> names.add((String) v.get("Name")));
        }

        // then
        assertThat(names).contains("MEDIWOX_DEMO", "MEDIWOX_NOTIFICATION_TRANSPORT", "SPRING_DATASOURCE_PASSWORD");
        for (String name : names) {
            String shortName = name.replaceFirst("^SPRING_DATASOURCE_(USERNAME|PASSWORD)$", "_$1");
            assertThat(documented).as("%s documented", name).contains("`" + shortName + "`");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void tasks_runInProductionMode_withAwsTransportS3DocumentsAndOpenSearch() {
        Map<String, Object> task = Synthesized.properties(Synthesized.standard()
                .resources()
                .get(Synthesized.standard().logicalId("AWS::ECS::TaskDefinition", "")));
        List<Map<String, Object>> environment =
                (List<Map<String, Object>>) ((List<Map<String, Object>>) task.get("ContainerDefinitions"))
                        .get(0)
                        .get("Environment");
        assertThat(environment)
                .contains(
                        Map.of("Name", "MEDIWOX_DEMO", "Value", "false"),
                        Map.of("Name", "MEDIWOX_FHIR_SERVER_ADDRESS", "Value", "https://fhir.clinic.example/fhir"),
                        Map.of("Name", "MEDIWOX_NOTIFICATION_TRANSPORT", "Value", "aws"),
                        Map.of("Name", "MEDIWOX_NOTIFICATION_CLINIC_PHONE", "Value", "+34910000000"),
                        Map.of("Name", "MEDIWOX_NOTIFICATION_MANAGE_URL", "Value", "https://fhir.clinic.example/app"),
                        Map.of("Name", "MEDIWOX_DOCUMENTS_STORE", "Value", "s3"),
                        Map.of("Name", "MEDIWOX_DOCUMENTS_KEY_PREFIX", "Value", "documents/"),
                        Map.of("Name", "MEDIWOX_FULL_TEXT_BACKEND", "Value", "opensearch"),
                        Map.of("Name", "MEDIWOX_FULL_TEXT_OPENSEARCH_AWS_SIGNING_ENABLED", "Value", "true"),
                        Map.of("Name", "MEDIWOX_METRICS_CLOUDWATCH_ENABLED", "Value", "true"),
                        Map.of("Name", "SERVER_FORWARD_HEADERS_STRATEGY", "Value", "native"));
        assertThat(environment.toString()).doesNotContain("PASSWORD", "SECRET");
    }

    private static void checkSection(String name, String generated) throws IOException {
        String readme = Files.readString(README);
        Pattern section =
                Pattern.compile("(<!-- " + name + ":start[^>]*-->\n)(.*?)(<!-- " + name + ":end -->)", Pattern.DOTALL);
        Matcher matcher = section.matcher(readme);
        assertThat(matcher.find()).as("README has the section %s", name).isTrue();
        if (WRITE) {
            Files.writeString(
                    README, readme.substring(0, matcher.start(2)) + generated + readme.substring(matcher.end(2)));
            return;
        }
        assertThat(matcher.group(2))
                .as("README section %s (rewrite with -Dmediwox.deploy.writeReadme=true)", name)
                .isEqualTo(generated);
    }
}

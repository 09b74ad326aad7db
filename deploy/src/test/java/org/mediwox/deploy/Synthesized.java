package org.mediwox.deploy;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.HIPAASecurityChecks;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Template;

/**
 * One synthesis of the stack with given settings, shared by the test classes of a JVM (a synthesis through jsii takes
 * seconds): the template, cdk-nag's findings, and how long it took.
 */
final class Synthesized {

    final MediwoxStack stack;
    final Template template;
    final Map<String, Object> json;
    final Annotations annotations;
    final long synthesisMillis;

    private Synthesized(Map<String, String> overrides) {
        App app = new App();
        long start = System.nanoTime();
        stack = new MediwoxStack(
                app,
                "Mediwox",
                StackProps.builder()
                        .env(Environment.builder()
                                .account("123456789012")
                                .region("eu-west-1")
                                .build())
                        .build(),
                DeploySettings.example(overrides));
        Aspects.of(app).add(new AwsSolutionsChecks());
        Aspects.of(app).add(new HIPAASecurityChecks());
        template = Template.fromStack(stack);
        synthesisMillis = (System.nanoTime() - start) / 1_000_000;
        json = template.toJSON();
        annotations = Annotations.fromStack(stack);
        // the figure deploy/README.md's "Measured" quotes
        System.out.printf(
                "Synthesized %s in %d ms (with cdk-nag): %d resources%n",
                overrides.isEmpty() ? "the default stack" : "the variant",
                synthesisMillis,
                resources().size());
    }

    /** The default settings: RDS for PostgreSQL, 2 to 6 tasks, so OpenSearch, documents with a lifecycle rule. */
    static Synthesized standard() {
        return Standard.INSTANCE;
    }

    /** The other branches: Aurora, one task (no OpenSearch), Object Lock, no alarm e-mail, three zones. */
    static Synthesized variant() {
        return Variant.INSTANCE;
    }

    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> resources() {
        return (Map<String, Map<String, Object>>) json.get("Resources");
    }

    /** The resources of one type, by logical id. */
    Map<String, Map<String, Object>> ofType(String type) {
        Map<String, Map<String, Object>> found = new LinkedHashMap<>();
        resources().forEach((id, resource) -> {
            if (type.equals(resource.get("Type"))) {
                found.put(id, resource);
            }
        });
        return found;
    }

    /** The one resource of a type whose logical id contains the hint. */
    String logicalId(String type, String hint) {
        List<String> ids =
                ofType(type).keySet().stream().filter(id -> id.contains(hint)).toList();
        if (ids.size() != 1) {
            throw new AssertionError("expected one " + type + " with '" + hint + "' in its id, found " + ids);
        }
        return ids.get(0);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> properties(Map<String, Object> resource) {
        return (Map<String, Object>) resource.get("Properties");
    }

    private static final class Standard {
        static final Synthesized INSTANCE = new Synthesized(Map.of());
    }

    private static final class Variant {
        static final Synthesized INSTANCE = new Synthesized(Map.of(
                "databaseEngine", "aurora-postgresql",
                "taskCount", "1",
                "maxTaskCount", "1",
                "objectLockDays", "2555",
                "alarmEmail", "",
                "zones", "eu-west-1a,eu-west-1b,eu-west-1c",
                "authIssuer", "https://login.clinic.example/realms/clinic",
                "corsOrigins", "https://app.clinic.example"));
    }
}

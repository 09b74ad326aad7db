package org.mediwox.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;

/**
 * The configuration the READMEs document is the configuration the code binds: every key of every Mediwox
 * {@code @ConfigurationProperties} record (server and modules) is named in a README — as the key or as its environment
 * variable — and every environment variable in the root README's configuration table binds to a key that exists.
 */
class ConfigurationDocumentedTest {

    private static final Path ROOT = Path.of("..");
    private static final List<Path> READMES = List.of(
            ROOT.resolve("README.md"),
            ROOT.resolve("server/README.md"),
            ROOT.resolve("scheduling-module/README.md"),
            ROOT.resolve("notification-module/README.md"),
            ROOT.resolve("plugin-api/README.md"));
    private static final Pattern TABLE_VARIABLE = Pattern.compile("^\\| `(MEDIWOX_[A-Z0-9_]+)`", Pattern.MULTILINE);
    /** A table row's shorthand for a sibling variable: {@code `MEDIWOX_X_REQUESTS` / `_PER`}. */
    private static final Pattern SHORTHAND = Pattern.compile("`(MEDIWOX_[A-Z0-9_]+)_[A-Z0-9]+`((?: / `_[A-Z0-9]+`)+)");
    /** A section documenting keys by their last part: {@code ## Configuration (`mediwox.notification.*`)}. */
    private static final Pattern SECTION_PREFIX =
            Pattern.compile("^#+ .*`(mediwox\\.[a-z.-]+)\\.\\*`", Pattern.MULTILINE);
    /** An environment variable application.yaml reads for a key: {@code demo-client-id: ${MEDIWOX_DEMO_CLIENT_ID:…}}. */
    private static final Pattern YAML_VARIABLE =
            Pattern.compile("^\\s*([a-z-]+): \\$\\{([A-Z0-9_]+)", Pattern.MULTILINE);

    @Test
    void everyBoundKey_isDocumented() throws IOException {
        String docs = readmes();
        String yaml = Files.readString(Path.of("src/main/resources/application.yaml"));
        List<String> undocumented = new ArrayList<>();
        for (String key : boundKeys()) {
            if (!documented(key, docs) && !documentedBySection(key) && !documentedThroughYaml(key, yaml, docs)) {
                undocumented.add(key);
            }
        }

        assertThat(undocumented)
                .as("keys bound by the code but named in no README")
                .isEmpty();
    }

    @Test
    void everyVariableOfTheConfigurationTable_bindsToAKey() throws IOException {
        Set<String> keys = boundKeys();
        String readme = Files.readString(ROOT.resolve("README.md"));
        List<String> unbound = new ArrayList<>();
        String yaml = Files.readString(Path.of("src/main/resources/application.yaml"));
        Matcher variable = TABLE_VARIABLE.matcher(readme);
        while (variable.find()) {
            String name = variable.group(1);
            if (!yaml.contains("${" + name + ":")
                    && keys.stream().noneMatch(key -> environmentNames(key).contains(name) || prefixOf(name, key))) {
                unbound.add(name);
            }
        }

        assertThat(unbound)
                .as("variables in the README's table that no property binds")
                .isEmpty();
    }

    /** Every leaf key of Mediwox's properties records: {@code mediwox.auth.clients[n].jwks-url}, … */
    static Set<String> boundKeys() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
        Set<String> keys = new TreeSet<>();
        for (BeanDefinition candidate : scanner.findCandidateComponents("org.mediwox")) {
            Class<?> type = load(candidate.getBeanClassName());
            if (type.isRecord()) {
                String prefix =
                        type.getAnnotation(ConfigurationProperties.class).value();
                collect(
                        prefix.isEmpty()
                                ? type.getAnnotation(ConfigurationProperties.class)
                                        .prefix()
                                : prefix,
                        type,
                        keys);
            }
        }
        assertThat(keys)
                .as("the scan finds the properties records")
                .contains("mediwox.data-dir", "mediwox.auth.issuer");
        return keys;
    }

    private static void collect(String prefix, Class<?> record, Set<String> keys) {
        for (RecordComponent component : record.getRecordComponents()) {
            String key = prefix + "." + kebab(component.getName());
            Class<?> type = component.getType();
            if (type.isRecord() && type.getName().startsWith("org.mediwox")) {
                collect(key, type, keys);
            } else if (List.class.isAssignableFrom(type) && elementRecord(component.getGenericType()) != null) {
                collect(key + "[n]", elementRecord(component.getGenericType()), keys);
            } else {
                keys.add(key);
            }
        }
    }

    private static Class<?> elementRecord(Type type) {
        if (type instanceof ParameterizedType list
                && list.getActualTypeArguments()[0] instanceof Class<?> element
                && element.isRecord()) {
            return element;
        }
        return null;
    }

    /** Documented as the key, its environment variable, or under a documented list entry ({@code clients[n].*}). */
    private static boolean documented(String key, String docs) {
        if (docs.contains(key) || environmentNames(key).stream().anyMatch(docs::contains)) {
            return true;
        }
        int list = key.indexOf("[n].");
        if (list > 0) {
            String field = key.substring(list + 4);
            return docs.contains(key.substring(0, list + 3) + ".*") && docs.contains("`" + field + "`");
        }
        return false;
    }

    /** Under a heading that names the keys' prefix, as its last part in backticks ({@code `poll-interval`}). */
    private static boolean documentedBySection(String key) throws IOException {
        for (Path readme : READMES) {
            String text = Files.readString(readme);
            Matcher heading = SECTION_PREFIX.matcher(text);
            while (heading.find()) {
                String prefix = heading.group(1) + ".";
                if (!key.startsWith(prefix)) {
                    continue;
                }
                int end = text.indexOf("\n#", heading.end());
                String section = text.substring(heading.end(), end < 0 ? text.length() : end);
                String rest = key.substring(prefix.length());
                if (section.contains("`" + rest + "`") || section.contains("`" + rest.replace("[n]", "") + "`")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Read by application.yaml from a documented variable of its own name. */
    private static boolean documentedThroughYaml(String key, String yaml, String docs) {
        Matcher line = YAML_VARIABLE.matcher(yaml);
        while (line.find()) {
            if (key.endsWith("." + line.group(1)) && docs.contains(line.group(2))) {
                return true;
            }
        }
        return false;
    }

    /** Spring's environment forms of a key: dashes removed ({@code MEDIWOX_DATADIR}) or as underscores. */
    private static Set<String> environmentNames(String key) {
        String upper = key.toUpperCase(Locale.ROOT).replace('.', '_');
        return new TreeSet<>(List.of(upper.replace("-", ""), upper.replace('-', '_')));
    }

    /** A variable that names a group of keys (a map or list entry given whole). */
    private static boolean prefixOf(String variable, String key) {
        return environmentNames(key).stream().anyMatch(name -> name.startsWith(variable + "_"));
    }

    private static String kebab(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    /** The READMEs, with each table shorthand ({@code `MEDIWOX_X_REQUESTS` / `_PER`}) written out. */
    private static String readmes() throws IOException {
        StringBuilder all = new StringBuilder();
        for (Path readme : READMES) {
            String text = Files.readString(readme);
            all.append(text).append('\n');
            Matcher shorthand = SHORTHAND.matcher(text);
            while (shorthand.find()) {
                for (String suffix : shorthand.group(2).split(" / ")) {
                    if (!suffix.isBlank()) {
                        all.append(shorthand.group(1))
                                .append(suffix.replace("`", ""))
                                .append('\n');
                    }
                }
            }
        }
        return all.toString();
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}

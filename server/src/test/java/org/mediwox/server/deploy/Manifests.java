package org.mediwox.server.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The deployment files read as plain maps (SnakeYAML, which resolves compose's anchors and merge keys). */
final class Manifests {

    private Manifests() {}

    /** Every document of a YAML file. */
    static List<Map<String, Object>> documents(Path repository, String file) throws IOException {
        List<Map<String, Object>> documents = new ArrayList<>();
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        for (Object document : yaml.loadAll(Files.readString(repository.resolve(file)))) {
            if (document != null) {
                documents.add(cast(document));
            }
        }
        return documents;
    }

    /** The one Kubernetes object of that kind in the file. */
    static Map<String, Object> only(Path repository, String file, String kind) throws IOException {
        List<Map<String, Object>> objects = documents(repository, file).stream()
                .filter(object -> kind.equals(object.get("kind")))
                .toList();
        assertThat(objects).as("%s in %s", kind, file).hasSize(1);
        return objects.get(0);
    }

    static Map<String, Object> map(Map<String, Object> parent, String key) {
        assertThat(parent.get(key)).as(key).isInstanceOf(Map.class);
        return cast(parent.get(key));
    }

    static List<Map<String, Object>> list(Map<String, Object> parent, String key) {
        assertThat(parent.get(key)).as(key).isInstanceOf(List.class);
        return cast(parent.get(key));
    }

    static List<String> strings(Map<String, Object> parent, String key) {
        assertThat(parent.get(key)).as(key).isInstanceOf(List.class);
        return cast(parent.get(key));
    }

    /** The pod template's spec of a Deployment or Job. */
    static Map<String, Object> podSpec(Map<String, Object> workload) {
        return map(map(map(workload, "spec"), "template"), "spec");
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object value) {
        return (T) value;
    }
}

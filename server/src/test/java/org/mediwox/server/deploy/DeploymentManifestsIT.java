package org.mediwox.server.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.mediwox.server.support.NodeScript;
import org.mediwox.server.support.ServerIT;

/**
 * The container and Kubernetes files ({@code docker/compose.yaml}, {@code docker/haproxy.cfg},
 * {@code deploy/kubernetes/}) checked without a container engine: {@code src/test/deploy-check/check.mjs} validates
 * them against the Compose Specification's and Kubernetes' published schemas and against each other, and lists every
 * path a probe or health check asks for; this test asks the running server for each of those paths, unauthenticated
 * as a kubelet or HAProxy asks.
 */
class DeploymentManifestsIT extends ServerIT {

    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    private static final List<String> CHECKED_FILES =
            List.of("README.md", "docker/README.md", "docker/compose.yaml", "docker/haproxy.cfg", "deploy/kubernetes");

    @Test
    void manifests_matchTheirSchemasEachOtherAndTheServer() throws Exception {
        JsonNode result = check(REPOSITORY);

        assertThat(texts(result.get("problems"))).isEmpty();
        assertThat(result.at("/counts/composeServices").asInt()).isEqualTo(5);
        assertThat(result.at("/counts/haproxyServers").asInt()).isEqualTo(2);
        // ConfigMap, Deployment, Service, PodDisruptionBudget, HorizontalPodAutoscaler, Ingress, the first start's Job
        assertThat(result.at("/counts/kubernetesObjects").asInt()).isEqualTo(7);
        // two compose health checks, HAProxy's check, three probes of the Deployment
        assertThat(result.get("probes")).hasSize(6);
        assertThat(pathsNotServed(result)).isEmpty();
    }

    @Test
    void brokenManifests_areRefused_eachForWhatIsWrong() throws Exception {
        Path tree = copyOfCheckedFiles();
        edit(
                tree.resolve("deploy/kubernetes/deployment.yaml"),
                "path: /actuator/health/readiness",
                "path: /actuator/health/readines");
        edit(
                tree.resolve("deploy/kubernetes/horizontalpodautoscaler.yaml"),
                "    name: mediwox\n  minReplicas",
                "    name: mediwox-server\n  minReplicas");
        edit(tree.resolve("deploy/kubernetes/poddisruptionbudget.yaml"), "component: server", "component: web");
        edit(
                tree.resolve("deploy/kubernetes/configmap.yaml"),
                "  MEDIWOX_FULL_TEXT_BACKEND: opensearch\n",
                "  MEDIWOX_FULL_TEXT_BACKNED: opensearch\n  MEDIWOX_FULL_TEXT_BACKEND: opensearch\n");
        edit(tree.resolve("deploy/kubernetes/service.yaml"), "port: 80\n", "port: eighty\n");
        edit(tree.resolve("docker/haproxy.cfg"), "    server mediwox-2 mediwox-2:8080 cookie mediwox-2\n", "");
        edit(tree.resolve("docker/compose.yaml"), "    start_period: 180s\n", "    start_periode: 180s\n");

        JsonNode result = check(tree);

        assertThat(texts(result.get("problems")))
                .containsExactlyInAnyOrder(
                        "deploy/kubernetes/horizontalpodautoscaler.yaml HorizontalPodAutoscaler/mediwox: scaleTargetRef apps/v1 Deployment/mediwox-server is not a Deployment here",
                        "deploy/kubernetes/poddisruptionbudget.yaml PodDisruptionBudget/mediwox: its selector matches no Deployment's pods",
                        "deploy/kubernetes/deployment.yaml Deployment/mediwox container mediwox: environment variable MEDIWOX_FULL_TEXT_BACKNED is not one the READMEs document (README.md Configuration, docker/README.md Environment)",
                        "deploy/kubernetes/service.yaml Service/mediwox: /spec/ports/0/port must be integer",
                        "docker/haproxy.cfg: no server for mediwox-2:8080 (a Mediwox service of docker/compose.yaml)",
                        // compose.yaml's anchor puts the health check in both nodes
                        "docker/compose.yaml: /services/mediwox-1/healthcheck must NOT have additional properties (start_periode)",
                        "docker/compose.yaml: /services/mediwox-2/healthcheck must NOT have additional properties (start_periode)");
        // the probe path's typo is no schema's business: the server answers it with 404
        assertThat(pathsNotServed(result))
                .containsExactly(
                        "deploy/kubernetes/deployment.yaml Deployment/mediwox container mediwox readinessProbe: /actuator/health/readines answers 404");
    }

    private static JsonNode check(Path tree) throws IOException, InterruptedException {
        return NodeScript.run(
                Path.of("src/test/deploy-check"),
                Map.of(),
                Duration.ofSeconds(60),
                NodeScript.node(),
                "check.mjs",
                tree.toString());
    }

    /** Each probed path that does not answer 200 to an unauthenticated GET, with what it answers. */
    private List<String> pathsNotServed(JsonNode result) {
        List<String> notServed = new ArrayList<>();
        for (JsonNode probe : result.get("probes")) {
            String path = probe.get("path").asText();
            int status = send(anonymousRequest(path).GET()).statusCode();
            if (status != 200) {
                notServed.add(probe.get("source").asText() + ": " + path + " answers " + status);
            }
        }
        return notServed;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    private static Path copyOfCheckedFiles() throws IOException {
        Path tree = Files.createTempDirectory(
                Files.createDirectories(Path.of("target", "tmp").toAbsolutePath()), "deploy-check-");
        for (String name : CHECKED_FILES) {
            Path source = REPOSITORY.resolve(name);
            try (Stream<Path> files = Files.walk(source)) {
                files.filter(Files::isRegularFile).forEach(file -> {
                    Path target = tree.resolve(REPOSITORY.relativize(file).toString());
                    try {
                        Files.createDirectories(target.getParent());
                        Files.copy(file, target);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        }
        return tree;
    }

    private static void edit(Path file, String from, String to) throws IOException {
        String text = Files.readString(file);
        assertThat(text).as(file + " holds what the test breaks").contains(from);
        Files.writeString(file, text.replace(from, to));
    }
}

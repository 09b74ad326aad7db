package org.mediwox.server.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

/**
 * Two first starts at once on an empty database collide in HAPI's seeding of {@code HFJ_RESOURCE_TYPE} (each node
 * finds the table empty and inserts every resource type; the second commit fails on the unique key and that node
 * stops). The shipped set-ups start one server first: compose orders the nodes, Kubernetes has a Job that runs the
 * first start once, with the Deployment's image and settings, before the Deployment is applied.
 */
class FirstStartOnEmptyDatabaseTest {

    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    private static final String JOB_FILE = "deploy/kubernetes/first-start/job.yaml";

    @Test
    void compose_startsTheSecondNode_onceTheFirstIsHealthy() throws IOException {
        Map<String, Object> services = Manifests.map(
                Manifests.documents(REPOSITORY, "docker/compose.yaml").get(0), "services");

        Map<String, Object> dependsOn = Manifests.map(Manifests.map(services, "mediwox-2"), "depends_on");

        assertThat(Manifests.map(dependsOn, "mediwox-1")).containsEntry("condition", "service_healthy");
        assertThat(Manifests.map(services, "mediwox-1").get("depends_on"))
                .asInstanceOf(InstanceOfAssertFactories.MAP)
                .doesNotContainKey("mediwox-2");
    }

    @Test
    void kubernetesFirstStartJob_runsTheDeploymentsServerOnce_withItsImageAndSettings() throws IOException {
        Map<String, Object> deployment = Manifests.only(REPOSITORY, "deploy/kubernetes/deployment.yaml", "Deployment");
        Map<String, Object> job = Manifests.only(REPOSITORY, JOB_FILE, "Job");
        Map<String, Object> server =
                Manifests.list(Manifests.podSpec(deployment), "containers").get(0);
        Map<String, Object> jobPod = Manifests.podSpec(job);
        Map<String, Object> firstStart = Manifests.list(jobPod, "containers").get(0);

        // the same server as the Deployment's pods: image, settings, what it may write, how it runs
        for (String key : List.of("image", "envFrom", "env", "volumeMounts", "securityContext", "resources")) {
            assertThat(firstStart.get(key)).as(key).isEqualTo(server.get(key));
        }
        for (String key : List.of("volumes", "securityContext")) {
            assertThat(jobPod.get(key))
                    .as(key)
                    .isEqualTo(Manifests.podSpec(deployment).get(key));
        }
        // done once the server answers the Deployment's readiness probe, then stopped
        String readiness = (String) Manifests.map(Manifests.map(server, "readinessProbe"), "httpGet")
                .get("path");
        String script = String.join("\n", Manifests.strings(firstStart, "command"));
        assertThat(script)
                .contains("java $JAVA_OPTS -jar /opt/mediwox/app.jar &")
                .contains("until curl -fsS -o /dev/null http://localhost:8080" + readiness + ";")
                .contains("kill -TERM \"$server\"");
        assertThat(jobPod).containsEntry("restartPolicy", "Never");
        // its pod takes no traffic and is not counted as one of the Deployment's
        Map<String, Object> selector = Manifests.map(
                Manifests.map(Manifests.only(REPOSITORY, "deploy/kubernetes/service.yaml", "Service"), "spec"),
                "selector");
        Map<String, Object> jobLabels = Manifests.map(
                Manifests.map(Manifests.map(Manifests.map(job, "spec"), "template"), "metadata"), "labels");
        assertThat(jobLabels.entrySet().containsAll(selector.entrySet()))
                .as("the Service's selector %s matches the Job's pod %s", selector, jobLabels)
                .isFalse();
    }

    @Test
    void kubernetesReadme_appliesTheDeployment_afterTheFirstStartCompleted() throws IOException {
        String readme = Files.readString(REPOSITORY.resolve("deploy/kubernetes/README.md"));

        int job = readme.indexOf("kubectl apply -f deploy/kubernetes/configmap.yaml -f deploy/kubernetes/first-start/");
        int wait = readme.indexOf("kubectl wait --for=condition=complete job/mediwox-first-start");
        int all = readme.indexOf("kubectl apply -f deploy/kubernetes/\n");

        assertThat(job).as("applies the Job").isNotNegative();
        assertThat(wait).as("waits for it").isGreaterThan(job);
        assertThat(all).as("then applies the Deployment").isGreaterThan(wait);
    }
}

package org.mediwox.server.support;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Mediwox as a cluster is run: one PostgreSQL ({@link ExternalPostgres}), several server processes (the shipped jar,
 * production mode, {@link ServerProcess}) on it, and a load balancer ({@link RoundRobinProxy}) whose address is the
 * cluster's public one — the nodes' FHIR base and the built-in authorization server's issuer, so a token names the
 * same issuer and audience whichever node issued it.
 */
public final class Cluster implements AutoCloseable {

    private final ExternalPostgres postgres;
    private final RoundRobinProxy proxy;
    private final List<ServerProcess> nodes;

    private Cluster(ExternalPostgres postgres, RoundRobinProxy proxy, List<ServerProcess> nodes) {
        this.postgres = postgres;
        this.proxy = proxy;
        this.nodes = nodes;
    }

    /**
     * Starts the database, then the first node alone (the first start on an empty database: two such starts at once
     * race in HAPI's seeding of its resource-type table, {@code HFJ_RESOURCE_TYPE}, and one of them fails), then the
     * other nodes at once, behind the proxy.
     *
     * @param environment further environment of every node (AWS settings)
     * @param arguments further {@code --key=value} arguments of every node
     */
    public static Cluster start(Path directory, int size, Map<String, String> environment, List<String> arguments)
            throws IOException, InterruptedException {
        ExternalPostgres postgres = ExternalPostgres.start(directory.resolve("postgres"));
        Map<String, String> nodeEnvironment = new HashMap<>(environment);
        nodeEnvironment.put("SPRING_DATASOURCE_URL", postgres.jdbcUrl());
        nodeEnvironment.put("SPRING_DATASOURCE_USERNAME", ExternalPostgres.USER);
        nodeEnvironment.put("SPRING_DATASOURCE_PASSWORD", "");
        List<ServerProcess> nodes = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            nodes.add(new ServerProcess(directory.resolve("node-" + (char) ('a' + i)), nodeEnvironment));
        }
        RoundRobinProxy proxy =
                new RoundRobinProxy(nodes.stream().map(ServerProcess::root).toList());
        List<String> all = new ArrayList<>(List.of(
                "--mediwox.demo=false",
                "--mediwox.fhir.server-address=" + proxy.root() + "/fhir",
                // production refuses the demo's notification defaults (ProductionSettingsCheck)
                "--mediwox.notification.manage-url=https://clinic.example/app",
                "--mediwox.notification.clinic-phone=+14155550123"));
        all.addAll(arguments);
        Cluster cluster = new Cluster(postgres, proxy, nodes);
        try {
            nodes.get(0).start(all.toArray(String[]::new));
            CompletableFuture.allOf(nodes.subList(1, nodes.size()).stream()
                            .map(node -> CompletableFuture.runAsync(() -> node.start(all.toArray(String[]::new))))
                            .toArray(CompletableFuture[]::new))
                    .join();
        } catch (CompletionException | IllegalStateException e) {
            cluster.close();
            throw new IllegalStateException(
                    "a node did not start", e instanceof CompletionException ? e.getCause() : e);
        }
        return cluster;
    }

    public ExternalPostgres postgres() {
        return postgres;
    }

    public RoundRobinProxy proxy() {
        return proxy;
    }

    public ServerProcess node(int index) {
        return nodes.get(index);
    }

    /** The cluster's FHIR base: the load balancer's. */
    public String fhirBase() {
        return proxy.root() + "/fhir";
    }

    /** Stops the nodes (SIGTERM), the proxy and the database. */
    @Override
    public void close() throws IOException, InterruptedException {
        for (ServerProcess node : nodes) {
            node.stop();
        }
        proxy.close();
        postgres.close();
    }
}

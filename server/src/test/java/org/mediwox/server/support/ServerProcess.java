package org.mediwox.server.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The shipped server as a user runs it: {@code java -jar target/mediwox-server.jar} in a process of its own, on its own
 * data directory (embedded PostgreSQL, the production defaults), on a fixed port across restarts. {@link #crash()}
 * kills it the way a host crash or the OOM killer does: SIGKILL to the JVM and to every process of its PostgreSQL
 * cluster in the same instant, so nothing gets to flush or shut down.
 */
public final class ServerProcess {

    private static final Path JAR = Path.of("target", "mediwox-server.jar");

    private final Path dataDir;
    private final int port;
    private final Map<String, String> environment;
    private Process process;
    private Path log;
    private int starts;

    public ServerProcess(Path dataDir, Map<String, String> environment) {
        this.dataDir = dataDir.toAbsolutePath();
        this.port = freePort();
        this.environment = Map.copyOf(environment);
    }

    public String root() {
        return "http://localhost:" + port;
    }

    public String fhirBase() {
        return root() + "/fhir";
    }

    /** Starts the jar with these arguments (besides port and data directory) and waits until it is ready. */
    public Duration start(String... arguments) {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: the tests run after mvn package");
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g",
                "-jar",
                JAR.toAbsolutePath().toString(),
                "--server.port=" + port,
                "--mediwox.data-dir=" + dataDir,
                "--mediwox.notification.rest-hook.allowed-endpoints=" + ServerIT.LOCAL_RECEIVERS));
        command.addAll(List.of(arguments));
        // the port too: two servers on one data directory (one of them refused) keep their logs apart
        log = dataDir.resolveSibling(dataDir.getFileName() + "-" + port + "-start-" + (++starts) + ".log");
        Instant started = Instant.now();
        try {
            Files.createDirectories(dataDir);
            ProcessBuilder builder =
                    new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            // the demo clinic without its past weeks, as on the shared test server (DemoHistoryIT asks for them)
            builder.environment().put("MEDIWOX_DEMO_HISTORY", "false");
            builder.environment().putAll(environment);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // generous: a first start (HAPI migration) on a 2-core machine under load took over 4 min
        awaitReady(Duration.ofMinutes(8));
        return Duration.between(started, Instant.now());
    }

    /** Starts the jar and expects it to give up: its exit code and everything it printed. */
    public String startExpectingRefusal(Duration patience, String... arguments) throws InterruptedException {
        try {
            start(arguments);
        } catch (IllegalStateException expected) {
            // it did not come up: that is what this start is about
        }
        if (!process.waitFor(patience.toSeconds(), TimeUnit.SECONDS)) {
            crash();
            throw new IllegalStateException("the server neither started nor exited; see " + log);
        }
        return output();
    }

    public String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * SIGKILL to the server's JVM and to its PostgreSQL (the postmaster named in the cluster's {@code postmaster.pid}
     * and all of its children) at once; returns when all of them are gone.
     */
    public void crash() throws InterruptedException {
        List<ProcessHandle> victims = new ArrayList<>();
        victims.add(process.toHandle());
        postmaster().ifPresent(postmaster -> {
            victims.add(postmaster);
            postmaster.descendants().forEach(victims::add);
        });
        process.toHandle().descendants().forEach(victims::add);
        victims.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle victim : victims) {
            try {
                victim.onExit().get(30, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                throw new IllegalStateException("process " + victim.pid() + " survived SIGKILL", e);
            }
        }
    }

    /**
     * SIGKILL to the server's JVM only, as the OOM killer or {@code kill -9} does: its PostgreSQL, a daemon of its own,
     * is left to the server's watchdog. Returns when the JVM is gone.
     */
    public void killJvm() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the server's JVM survived SIGKILL");
        }
    }

    /** The process id of the running server's JVM. */
    public long pid() {
        return process.pid();
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The process named in the cluster's {@code postmaster.pid}, if the file is there. */
    public java.util.OptionalLong postmasterPid() {
        if (!Files.isRegularFile(dataDir.resolve("postgres").resolve("postmaster.pid"))) {
            return java.util.OptionalLong.empty();
        }
        return java.util.OptionalLong.of(Long.parseLong(postmasterLine(0)));
    }

    /** The watchdog of this data directory's PostgreSQL (by its name and its pid file), while it runs. */
    public java.util.Optional<ProcessHandle> watchdog() {
        String pidFile = dataDir.resolve("postgres").resolve("postmaster.pid").toString();
        return ProcessHandle.allProcesses()
                .filter(p -> p.info()
                        .commandLine()
                        .map(line -> line.contains("mediwox-postgres-watchdog") && line.contains(pidFile))
                        .orElse(false))
                .findFirst();
    }

    /** Stops the server's PostgreSQL under the running server (fast shutdown: sessions ended, as in a restart). */
    public void stopDatabase() throws IOException, InterruptedException {
        pgCtl("stop", "-m", "fast", "-w", "-t", "60");
    }

    /** Starts the server's PostgreSQL again as it last ran (its {@code postmaster.opts}: same port and settings). */
    public void startDatabase() throws IOException, InterruptedException {
        String options =
                postmasterOptions().substring(postmasterBinary().length()).trim();
        Path postgresLog = dataDir.resolveSibling(dataDir.getFileName() + "-postgres-restarted.log");
        pgCtl("start", "-w", "-t", "60", "-l", postgresLog.toString(), "-o", options);
    }

    private void pgCtl(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (io.zonky.test.db.postgres.util.LinuxUtils.isUnshareAvailable()) {
            command.addAll(List.of("unshare", "-U")); // pg_ctl refuses root; zonky runs it this way too
        }
        command.addAll(List.of(
                Path.of(postmasterBinary()).resolveSibling("pg_ctl").toString(),
                "-D",
                dataDir.resolve("postgres").toString()));
        command.addAll(List.of(arguments));
        Process pgCtl = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!pgCtl.waitFor(90, TimeUnit.SECONDS) || pgCtl.exitValue() != 0) {
            throw new IllegalStateException("pg_ctl " + String.join(" ", arguments) + " failed");
        }
    }

    /** The command line PostgreSQL last started with, as it wrote it: {@code /path/postgres "-D" "…" "-p" "…" …}. */
    private String postmasterOptions() throws IOException {
        return Files.readString(dataDir.resolve("postgres").resolve("postmaster.opts"))
                .trim();
    }

    private String postmasterBinary() throws IOException {
        String options = postmasterOptions();
        return options.substring(0, options.indexOf(" \"-"));
    }

    /** An orderly stop (SIGTERM), as at the end of a test. */
    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                crash();
            }
        }
    }

    /** A connection to the server's embedded PostgreSQL, as its superuser, to read what the server cannot show. */
    public Connection database() throws SQLException {
        return DriverManager.getConnection(
                "jdbc:postgresql://localhost:" + postmasterLine(3) + "/mediwox", "postgres", "");
    }

    private java.util.Optional<ProcessHandle> postmaster() {
        Path pidFile = dataDir.resolve("postgres").resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return java.util.Optional.empty();
        }
        return ProcessHandle.of(Long.parseLong(postmasterLine(0)));
    }

    /** A line of {@code postmaster.pid}: 0 the pid, 3 the port. */
    private String postmasterLine(int index) {
        try (Stream<String> lines = Files.lines(dataDir.resolve("postgres").resolve("postmaster.pid"))) {
            return lines.skip(index).findFirst().orElseThrow().trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitReady(Duration patience) {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(patience);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited with " + process.exitValue() + "; see " + log);
            }
            try {
                // ready: started and its start-up work done (the IG's resources stored, demo data loaded)
                HttpResponse<Void> response = http.send(
                        HttpRequest.newBuilder(URI.create(root() + "/actuator/health/readiness"))
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("the server did not answer within " + patience + "; see " + log);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

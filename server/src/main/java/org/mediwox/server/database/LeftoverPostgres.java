package org.mediwox.server.database;

import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL that an earlier Mediwox process left running on this cluster (its JVM killed and its {@link
 * PostgresWatchdog} killed or frozen with it), recognised through the cluster's {@code postmaster.pid} and stopped
 * cleanly before a new one starts. Without this, the new postmaster finds the old one's lock file and refuses, and the
 * start fails after waiting for it.
 *
 * <p>The process named in {@code postmaster.pid} counts as this cluster's PostgreSQL only if it runs a {@code postgres}
 * binary whose working directory (PostgreSQL changes into its data directory) or {@code -D} argument is this cluster:
 * a process id reused by another program is never signalled. Linux only ({@code /proc}), as are the shipped binaries.
 */
final class LeftoverPostgres {

    private static final Logger log = LoggerFactory.getLogger(LeftoverPostgres.class);
    private static final String PID_FILE = "postmaster.pid";
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

    private LeftoverPostgres() {}

    /** Stops the PostgreSQL left running on {@code cluster}, or clears a pid file naming another program. */
    static void stopIfRunning(Path cluster) throws IOException, InterruptedException {
        Path pidFile = cluster.resolve(PID_FILE);
        Optional<Long> pid = pidIn(pidFile);
        if (pid.isEmpty()) {
            return;
        }
        List<String> commandLine = commandLine(pid.get());
        if (commandLine.isEmpty()) {
            // a crash: the file stays behind; PostgreSQL itself replaces a lock file whose process is gone (and keeps
            // refusing while processes of the old server still hold its shared memory)
            log.info(
                    "{} names process {}, which no longer runs: left by a crash, PostgreSQL replaces it",
                    pidFile,
                    pid.get());
            return;
        }
        if (!isPostgresOf(cluster, pid.get(), commandLine)) {
            log.warn(
                    "{} names process {} ({}), which is not this cluster's PostgreSQL: a stale file, removed",
                    pidFile,
                    pid.get(),
                    commandLine.get(0));
            Files.deleteIfExists(pidFile);
            return;
        }
        long started = System.nanoTime();
        Path pgCtl = Path.of(commandLine.get(0)).resolveSibling("pg_ctl");
        log.warn(
                "PostgreSQL (process {}) is still running on {}: left by a Mediwox process that ended without stopping"
                        + " it; stopping it",
                pid.get(),
                cluster);
        if (!pgCtlStop(pgCtl, cluster, "fast")) {
            // fast did not finish in time (a long shutdown checkpoint): no checkpoint then, the WAL replays at start
            log.warn(
                    "PostgreSQL on {} did not stop in {} s; stopping it without a checkpoint",
                    cluster,
                    STOP_TIMEOUT.toSeconds());
            if (!pgCtlStop(pgCtl, cluster, "immediate")) {
                throw new IllegalStateException("The PostgreSQL (process " + pid.get() + ") left running on " + cluster
                        + " does not stop. Stop it (kill -INT " + pid.get() + ") and start again.");
            }
        }
        log.info(
                "Stopped the PostgreSQL left running on {} in {} ms",
                cluster,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    /** The first line of {@code postmaster.pid}, if the file exists and holds a process id. */
    static Optional<Long> pidIn(Path pidFile) throws IOException {
        try (Stream<String> lines = Files.lines(pidFile, StandardCharsets.UTF_8)) {
            return lines.findFirst()
                    .map(String::trim)
                    .filter(line -> line.matches("\\d+"))
                    .map(Long::valueOf);
        } catch (NoSuchFileException none) {
            return Optional.empty();
        }
    }

    /** The process's arguments ({@code /proc/<pid>/cmdline}); empty when it does not run. */
    private static List<String> commandLine(long pid) throws IOException {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
            if (raw.length == 0) {
                return List.of(); // a zombie: it has exited
            }
            return Arrays.asList(new String(raw, StandardCharsets.UTF_8).split("\0"));
        } catch (NoSuchFileException gone) {
            return List.of();
        }
    }

    private static boolean isPostgresOf(Path cluster, long pid, List<String> commandLine) throws IOException {
        if (!Path.of(commandLine.get(0)).getFileName().toString().equals("postgres")) {
            return false;
        }
        Path home = cluster.toRealPath();
        int data = commandLine.indexOf("-D");
        if (data >= 0 && data + 1 < commandLine.size() && sameDirectory(Path.of(commandLine.get(data + 1)), home)) {
            return true;
        }
        try {
            return sameDirectory(Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "cwd")), home);
        } catch (IOException unreadable) {
            return false;
        }
    }

    private static boolean sameDirectory(Path candidate, Path home) {
        try {
            return candidate.toRealPath().equals(home);
        } catch (IOException missing) {
            return false;
        }
    }

    /** {@code pg_ctl stop} in this mode, waiting for the server to end; whether it ended in time. */
    private static boolean pgCtlStop(Path pgCtl, Path cluster, String mode) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (LinuxUtils.isUnshareAvailable()) {
            // as root: pg_ctl refuses to run as root, so it runs in a user namespace of its own, as zonky runs it
            command.addAll(List.of("unshare", "-U"));
        }
        command.addAll(List.of(
                pgCtl.toString(),
                "-D",
                cluster.toString(),
                "stop",
                "-m",
                mode,
                "-w",
                "-t",
                Long.toString(STOP_TIMEOUT.toSeconds())));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!process.waitFor(STOP_TIMEOUT.toSeconds() + 10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return false;
        }
        log.info("pg_ctl stop -m {}: {}", mode, output);
        return process.exitValue() == 0;
    }
}

package org.mediwox.server.database;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Stops the embedded PostgreSQL when the JVM that started it is gone, however it went: PostgreSQL runs as a daemon of
 * its own ({@code pg_ctl start}), so a {@code kill -9} or the OOM killer would otherwise leave it running.
 *
 * <p>The watchdog is a small {@code /bin/sh} process whose standard input is a pipe from this JVM. Only this JVM holds
 * the pipe's other end (Java closes inherited descriptors in every child it starts), and the kernel closes it when the
 * JVM ends, so the watchdog's {@code read} returns at once — no polling of process ids, which the system may reuse.
 * It then sends the postmaster SIGINT (PostgreSQL's fast shutdown: sessions ended, a checkpoint, a clean stop) and,
 * should that not finish within 8 s, SIGQUIT (immediate shutdown; the WAL replays at the next start), so PostgreSQL
 * is gone within 10 s of its JVM. It acts only if {@code postmaster.pid} still names the postmaster it was started for:
 * a watchdog that was frozen while a new server took over the directory leaves the new server alone.
 *
 * <p>On an orderly stop PostgreSQL is stopped first and the pipe closed after; the watchdog then finds no pid file and
 * exits.
 */
final class PostgresWatchdog implements AutoCloseable {

    /** Its name in the process list ({@code $0} of the script). */
    static final String NAME = "mediwox-postgres-watchdog";

    private static final String SCRIPT = """
            while read -r _; do :; done
            read -r owner < "$2" 2>/dev/null || exit 0
            [ "$owner" = "$1" ] || exit 0
            kill -INT "$1" 2>/dev/null || exit 0
            tenths=0
            while kill -0 "$1" 2>/dev/null && [ "$tenths" -lt 300 ]; do
              [ "$tenths" -eq 80 ] && kill -QUIT "$1" 2>/dev/null
              tenths=$((tenths + 1))
              sleep 0.1
            done
            """;

    private final Process process;

    private PostgresWatchdog(Process process) {
        this.process = process;
    }

    /** Starts the watchdog of the postmaster {@code pid}, whose lock file is {@code pidFile}. */
    static PostgresWatchdog start(long pid, Path pidFile) throws IOException {
        Process process = new ProcessBuilder("/bin/sh", "-c", SCRIPT, NAME, Long.toString(pid), pidFile.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        return new PostgresWatchdog(process);
    }

    long pid() {
        return process.pid();
    }

    /** After PostgreSQL was stopped: the watchdog sees the pipe close, finds no pid file and exits. */
    @Override
    public void close() throws IOException {
        process.getOutputStream().close();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroy();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

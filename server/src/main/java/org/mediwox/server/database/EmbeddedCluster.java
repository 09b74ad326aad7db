package org.mediwox.server.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The zero-setup PostgreSQL with what keeps it safe across crashes, started and stopped in this order: the data
 * directory's lock (a second live Mediwox on it is refused), a PostgreSQL left running by a killed predecessor
 * stopped, zonky's {@link EmbeddedPostgres} started, its {@link PostgresWatchdog} started. {@link #close()} undoes it
 * in reverse: PostgreSQL stopped, then the watchdog released, then the lock.
 */
final class EmbeddedCluster implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedCluster.class);

    private final DataDirectoryLock lock;
    private final EmbeddedPostgres postgres;
    private final PostgresWatchdog watchdog;

    private EmbeddedCluster(DataDirectoryLock lock, EmbeddedPostgres postgres, PostgresWatchdog watchdog) {
        this.lock = lock;
        this.postgres = postgres;
        this.watchdog = watchdog;
    }

    /**
     * @param dataDir the server's data directory: the cluster lives in {@code postgres/} there
     * @param starter starts zonky's PostgreSQL on the cluster directory
     */
    static EmbeddedCluster start(Path dataDir, Starter starter) throws IOException {
        DataDirectoryLock lock = DataDirectoryLock.acquire(dataDir);
        EmbeddedPostgres postgres = null;
        try {
            Path cluster = dataDir.resolve("postgres");
            Files.createDirectories(cluster);
            LeftoverPostgres.stopIfRunning(cluster);
            postgres = starter.start(cluster);
            Path pidFile = cluster.resolve("postmaster.pid");
            long pid = LeftoverPostgres.pidIn(pidFile)
                    .orElseThrow(() -> new IllegalStateException("PostgreSQL started without " + pidFile));
            return new EmbeddedCluster(lock, postgres, watch(pid, pidFile));
        } catch (IOException | RuntimeException e) {
            closeQuietly(postgres);
            lock.close();
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeQuietly(postgres);
            lock.close();
            throw new IllegalStateException("interrupted while stopping a PostgreSQL left running", e);
        }
    }

    /** The watchdog, or none where it cannot start: then the next start stops a PostgreSQL left running. */
    private static PostgresWatchdog watch(long pid, Path pidFile) {
        try {
            PostgresWatchdog watchdog = PostgresWatchdog.start(pid, pidFile);
            log.info(
                    "PostgreSQL (process {}) is watched by process {}: it stops when this JVM ends",
                    pid,
                    watchdog.pid());
            return watchdog;
        } catch (IOException e) {
            log.warn(
                    "No watchdog for PostgreSQL (process {}): {}. If this JVM is killed, PostgreSQL keeps running until"
                            + " the next start stops it",
                    pid,
                    e.toString());
            return null;
        }
    }

    EmbeddedPostgres postgres() {
        return postgres;
    }

    @Override
    public void close() throws IOException {
        long started = System.nanoTime();
        try {
            postgres.close();
            if (watchdog != null) {
                watchdog.close();
            }
        } finally {
            lock.close();
        }
        log.info(
                "Embedded PostgreSQL stopped in {} ms",
                Duration.ofNanos(System.nanoTime() - started).toMillis());
    }

    private static void closeQuietly(EmbeddedPostgres postgres) {
        if (postgres == null) {
            return;
        }
        try {
            postgres.close();
        } catch (IOException | RuntimeException e) {
            log.warn("Could not stop the embedded PostgreSQL after a failed start", e);
        }
    }

    /** Starts zonky's PostgreSQL on a cluster directory. */
    @FunctionalInterface
    interface Starter {
        EmbeddedPostgres start(Path cluster) throws IOException;
    }
}

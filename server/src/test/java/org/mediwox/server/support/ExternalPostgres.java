package org.mediwox.server.support;

import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of the machine's own installation (Debian's {@code postgresql} package: the newest version under
 * {@code /usr/lib/postgresql}, 15 on Debian 12; {@code -Dmediwox.test.postgres-bin=<dir>} names another {@code bin}
 * directory), run by the test as a process of its
 * own the way an operator runs the database of a cluster: {@code initdb} into a fresh directory, {@code pg_ctl start}
 * on a free port, trust authentication on 127.0.0.1 only. As root, PostgreSQL refuses to run, so its commands run in a
 * user namespace ({@code unshare -U}), as the embedded PostgreSQL of the zero-setup run does.
 *
 * <p>When the binaries are missing the start fails with what to install: a test on this database must not pass by
 * skipping.
 */
public final class ExternalPostgres implements AutoCloseable {

    public static final String DATABASE = "mediwox";
    public static final String USER = "postgres";

    private final Path bin;
    private final Path dataDir;
    private final Path log;
    private final int port;

    private ExternalPostgres(Path bin, Path directory) {
        this.bin = bin;
        this.dataDir = directory.toAbsolutePath().resolve("data");
        this.log = directory.toAbsolutePath().resolve("postgres.log");
        this.port = freePort();
    }

    /** Makes a cluster in {@code directory} (which must not hold one), starts it and creates the database. */
    public static ExternalPostgres start(Path directory) throws IOException, InterruptedException {
        Path bin = Path.of(System.getProperty("mediwox.test.postgres-bin", newestInstalled()));
        if (!Files.isExecutable(bin.resolve("initdb")) || !Files.isExecutable(bin.resolve("pg_ctl"))) {
            throw new IllegalStateException("No PostgreSQL server binaries in " + bin + ": install Debian's"
                    + " postgresql and postgresql-contrib (.ci/run does), or name another bin directory with"
                    + " -Dmediwox.test.postgres-bin");
        }
        ExternalPostgres postgres = new ExternalPostgres(bin, directory);
        Files.createDirectories(directory);
        postgres.run(
                "initdb",
                "-D",
                postgres.dataDir.toString(),
                "-U",
                USER,
                "--auth=trust",
                "--encoding=UTF8",
                "--locale=C");
        postgres.pgCtl(
                "start",
                "-w",
                "-t",
                "60",
                "-l",
                postgres.log.toString(),
                "-o",
                "-p " + postgres.port + " -k " + directory.toAbsolutePath()
                        + " -c listen_addresses=127.0.0.1 -c max_connections=200");
        Runtime.getRuntime().addShutdownHook(new Thread(postgres::stopQuietly));
        try (Connection db = DriverManager.getConnection(postgres.jdbcUrl("postgres"), USER, "");
                Statement sql = db.createStatement()) {
            sql.execute("create database " + DATABASE);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the database; see " + postgres.log, e);
        }
        return postgres;
    }

    /** The {@code bin} directory of the newest PostgreSQL under {@code /usr/lib/postgresql} (Debian's layout). */
    private static String newestInstalled() throws IOException {
        Path installed = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(installed)) {
            return installed.resolve("<version>").resolve("bin").toString();
        }
        try (Stream<Path> versions = Files.list(installed)) {
            return versions.filter(v -> v.getFileName().toString().matches("\\d+"))
                    .max(Comparator.comparingInt(
                            v -> Integer.parseInt(v.getFileName().toString())))
                    .map(v -> v.resolve("bin").toString())
                    .orElse(installed.resolve("<version>").resolve("bin").toString());
        }
    }

    /** The JDBC URL of the {@value #DATABASE} database, for the nodes ({@code SPRING_DATASOURCE_URL}). */
    public String jdbcUrl() {
        return jdbcUrl(DATABASE);
    }

    private String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** A connection as the superuser, to read what the server does not show. */
    public Connection connection() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), USER, "");
    }

    /** {@code pg_ctl restart -m fast}: every session ended, the server down and up again on the same port. */
    public void restart() throws IOException, InterruptedException {
        pgCtl("restart", "-m", "fast", "-w", "-t", "60", "-l", log.toString());
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (Files.isRegularFile(dataDir.resolve("postmaster.pid"))) {
            pgCtl("stop", "-m", "fast", "-w", "-t", "60");
        }
    }

    private void stopQuietly() {
        try {
            close();
        } catch (IOException | RuntimeException e) {
            // the JVM is going: nothing more to do
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void pgCtl(String... arguments) throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(List.of("-D", dataDir.toString()));
        all.addAll(List.of(arguments));
        run("pg_ctl", all.toArray(String[]::new));
    }

    private void run(String program, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (LinuxUtils.isUnshareAvailable()) {
            command.addAll(List.of("unshare", "-U")); // PostgreSQL refuses to run as root
        }
        command.add(bin.resolve(program).toString());
        command.addAll(List.of(arguments));
        Path output = log.resolveSibling(program + ".out");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()))
                .start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(program + " did not finish in 120 s; see " + output);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(program + " " + String.join(" ", arguments) + " failed with "
                    + process.exitValue() + ": " + Files.readString(output) + " (server log: " + log + ")");
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

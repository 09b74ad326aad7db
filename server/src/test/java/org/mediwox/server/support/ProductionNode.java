package org.mediwox.server.support;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.mediwox.server.MediwoxApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A Mediwox started in the test JVM the way production starts it ({@code mediwox.demo=false}), for the tests that need
 * a node of their own: a restart, a second node, another database, other settings. The one place that knows which
 * settings production mode requires, so a new required setting is added here once.
 *
 * <pre>{@code
 * ProductionNode.named("restart").safe().dataDir(dir).start();
 * ProductionNode.named("node2").safe().onDatabaseOf(dataSource).with("--mediwox.fhir.server-address=" + base).start();
 * }</pre>
 */
public final class ProductionNode {

    private final List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--mediwox.demo=false"));
    private final String name;
    private Path dataDir;

    private ProductionNode(String name) {
        this.name = name;
    }

    /** @param name names the node's own data directory under {@code target/it-data} (a fresh one per start) */
    public static ProductionNode named(String name) {
        return new ProductionNode(name);
    }

    /**
     * The settings production refuses to start without ({@code ProductionSettingsCheck}): a real notification transport
     * (here {@code log}), the patients' manage link and the clinic's phone number.
     */
    public ProductionNode safe() {
        return with(
                "--mediwox.notification.transport=log",
                "--mediwox.notification.manage-url=https://clinic.example/app",
                "--mediwox.notification.clinic-phone=+14155550123");
    }

    /**
     * On the database of another node's pool (the shared test server's), as nodes behind one load balancer run. The pool
     * may be wrapped (the statement counter wraps the shared server's), so it is unwrapped to read its URL.
     */
    public ProductionNode onDatabaseOf(DataSource pool) {
        HikariDataSource hikari;
        try {
            hikari = pool.unwrap(HikariDataSource.class);
        } catch (SQLException e) {
            throw new IllegalArgumentException("not a Hikari pool: " + pool, e);
        }
        return onDatabase(hikari.getJdbcUrl(), hikari.getUsername());
    }

    /** On the database at {@code jdbcUrl}, as {@code user} without a password (the embedded PostgreSQL's). */
    public ProductionNode onDatabase(String jdbcUrl, String user) {
        return with(
                "--spring.datasource.url=" + jdbcUrl,
                "--spring.datasource.username=" + user,
                "--spring.datasource.password=");
    }

    /** The node's data directory (the embedded PostgreSQL's, when no database is named): kept across starts. */
    public ProductionNode dataDir(Path directory) {
        this.dataDir = directory;
        return this;
    }

    /** Further {@code --key=value} arguments (each key once: Spring joins repeated ones into a list). */
    public ProductionNode with(String... more) {
        arguments.addAll(List.of(more));
        return this;
    }

    public ConfigurableApplicationContext start() {
        List<String> all = new ArrayList<>(arguments);
        Path directory = dataDir != null ? dataDir : Path.of("target", "it-data", name + "-" + UUID.randomUUID());
        all.add(1, "--mediwox.data-dir=" + directory.toAbsolutePath());
        return new SpringApplicationBuilder(MediwoxApplication.class).run(all.toArray(String[]::new));
    }

    /** {@code http://localhost:<port>} of a started node. */
    public static String root(ConfigurableApplicationContext node) {
        return "http://localhost:"
                + ((WebServerApplicationContext) node).getWebServer().getPort();
    }
}

package org.mediwox.server.database;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.mediwox.server.MediwoxProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Zero-setup database: when no {@code spring.datasource.url} is configured, a real PostgreSQL (binaries shipped as a
 * Maven artifact, unpacked into {@code ${mediwox.data-dir}/postgres-binaries}) runs as a child process with its cluster
 * under {@code ${mediwox.data-dir}/postgres}, so data survives a restart. With an external URL this configuration is skipped and Boot's own DataSource auto-configuration applies.
 *
 * <p>zonky's {@link EmbeddedPostgres} is made for throw-away test databases: it starts the postmaster with {@code -F}
 * (fsync off) and {@code synchronous_commit=off}. Both are overridden here ({@code -c} settings come after {@code -F}
 * on the command line, and the last one wins) unless {@code mediwox.database.durable=false}; {@link DurabilityCheck}
 * then reads back what the running cluster does.
 *
 * <p>{@link EmbeddedCluster} makes the cluster survive crashes of the JVM: a second live server on the data directory
 * is refused, a PostgreSQL left running by a killed server is stopped before a new one starts, and a watchdog stops
 * PostgreSQL within seconds when its JVM dies.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
class EmbeddedPostgresConfiguration {

    static final String DATABASE = "mediwox";
    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedCluster embeddedCluster(MediwoxProperties properties) throws IOException, SQLException {
        Path dataDir = properties.dataDir().toAbsolutePath().normalize();
        // the binaries unpacked from the Maven artifact live with the data, not in /tmp where a cleaner may remove
        // them under a running cluster (and where they would be a leftover of ours)
        Path binaries = dataDir.resolve("postgres-binaries");
        Files.createDirectories(binaries);
        long started = System.nanoTime();
        boolean durable = properties.database().durable();
        EmbeddedCluster cluster = EmbeddedCluster.start(
                dataDir,
                directory -> EmbeddedPostgres.builder()
                        .setDataDirectory(directory)
                        .setCleanDataDirectory(false)
                        .setOverrideWorkingDirectory(binaries.toFile())
                        // stopped by Spring (destroy method) after everything that uses it, not by a JVM hook racing it
                        .setRegisterShutdownHook(false)
                        .setPGStartupWait(Duration.ofSeconds(60))
                        // a booking acknowledged to a client must survive a crash of the process and of the host
                        .setServerConfig("fsync", durable ? "on" : "off")
                        .setServerConfig("synchronous_commit", durable ? "on" : "off")
                        .setServerConfig("full_page_writes", durable ? "on" : "off")
                        .setServerConfig("max_connections", "200")
                        .setServerConfig("shared_buffers", "256MB")
                        .start());
        EmbeddedPostgres postgres = cluster.postgres();
        try {
            createDatabaseIfMissing(postgres);
            DurabilityCheck.embedded(postgres.getDatabase("postgres", DATABASE), durable);
        } catch (SQLException | RuntimeException e) {
            cluster.close();
            throw e;
        }
        log.info(
                "Embedded PostgreSQL started in {} ms on port {} with data in {}",
                Duration.ofNanos(System.nanoTime() - started).toMillis(),
                postgres.getPort(),
                dataDir.resolve("postgres"));
        return cluster;
    }

    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(EmbeddedCluster cluster) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(cluster.postgres().getJdbcUrl("postgres", DATABASE));
        dataSource.setUsername("postgres");
        dataSource.setPoolName("mediwox-embedded");
        return dataSource;
    }

    private static void createDatabaseIfMissing(EmbeddedPostgres postgres) throws SQLException {
        DataSource admin = postgres.getPostgresDatabase();
        try (Connection connection = admin.getConnection();
                Statement statement = connection.createStatement()) {
            try (ResultSet exists =
                    statement.executeQuery("select 1 from pg_database where datname = '" + DATABASE + "'")) {
                if (exists.next()) {
                    return;
                }
            }
            statement.execute("create database " + DATABASE);
            log.info("Created database '{}' in the embedded PostgreSQL cluster", DATABASE);
        }
    }
}

package org.mediwox.server.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.config.util.HapiEntityManagerFactoryUtil;
import ca.uhn.fhir.jpa.migrate.HapiMigrationLock;
import ca.uhn.fhir.jpa.model.config.PartitionSettings;
import ca.uhn.fhir.jpa.model.dialect.HapiFhirPostgresDialect;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.util.VersionUtil;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.flywaydb.core.Flyway;
import org.hibernate.cfg.AvailableSettings;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mediwox.server.MediwoxProperties.Database.HapiSchema;
import org.mediwox.server.support.ProductionNode;
import org.mediwox.server.support.Tokens;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;

/**
 * HAPI FHIR's tables are made and upgraded by HAPI's migrator ({@link HapiSchemaMigration}), each test on a fresh
 * database of a PostgreSQL cluster of its own: an empty database, a second start, a database Hibernate's schema update
 * made (Mediwox before issue 19), validate mode, nodes migrating at once and a lock row a killed migration left.
 */
class HapiSchemaMigrationIT {

    private static final Path DATA_DIR = Path.of("target", "it-data", "hapi-schema-" + UUID.randomUUID());
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static final String HISTORY = "\"FLY_HFJ_MIGRATION\"";

    private static EmbeddedPostgres postgres;

    private final List<HikariDataSource> opened = new ArrayList<>();

    @BeforeAll
    static void startPostgres() throws IOException {
        Files.createDirectories(DATA_DIR.resolve("binaries"));
        postgres = EmbeddedPostgres.builder()
                .setDataDirectory(DATA_DIR.resolve("postgres"))
                .setOverrideWorkingDirectory(DATA_DIR.resolve("binaries").toFile())
                .start();
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        postgres.close();
    }

    @AfterEach
    void closeDataSources() {
        opened.forEach(HikariDataSource::close);
    }

    @Test
    void migrate_emptyDatabase_runsHapisMigrationsAndRecordsEveryTask() throws SQLException {
        // given
        String database = freshDatabase();
        HikariDataSource node = dataSource(database);

        // when
        HapiSchemaMigration.Outcome outcome = new HapiSchemaMigration(node, HapiSchema.MIGRATE).migrate();

        // then
        int required = HapiSchemaMigration.allTasks().getUnskippableTasks().size();
        assertThat(required).isGreaterThan(700);
        assertThat(outcome.ran()).isPositive();
        assertThat(outcome.baselined()).isZero();
        assertThat(outcome.recorded()).isEqualTo(required);
        assertThat(tables(node))
                .contains("hfj_resource", "hfj_res_ver", "hfj_spidx_token", "trm_concept", "bt2_job_instance");
        new HapiSchemaMigration(node, HapiSchema.VALIDATE).validate();
    }

    @Test
    void migrate_secondStart_runsNoTask() throws SQLException {
        // given
        HikariDataSource node = dataSource(freshDatabase());
        new HapiSchemaMigration(node, HapiSchema.MIGRATE).migrate();
        int rowsBefore = historyRows(node);

        // when
        HapiSchemaMigration.Outcome second = new HapiSchemaMigration(node, HapiSchema.MIGRATE).migrate();

        // then
        assertThat(second.ran()).isZero();
        assertThat(second.baselined()).isZero();
        assertThat(historyRows(node)).isEqualTo(rowsBefore);
    }

    @Test
    void server_onADatabaseHibernateMade_baselinesItWithoutRunningATaskAndServes() throws SQLException {
        // given: what a Mediwox before issue 19 left: its Flyway migrations, HAPI's tables from Hibernate's schema
        // update and the HAPI version that update ran for
        String database = freshDatabase();
        HikariDataSource old = dataSource(database);
        madeTheOldWay(old);
        assertThat(tables(old)).contains("hfj_resource").doesNotContain("fly_hfj_migration");

        // when
        try (ConfigurableApplicationContext server = startServer(database, HapiSchema.MIGRATE)) {

            // then: every task recorded, none ran on Hibernate's tables, and the server works on them
            JdbcTemplate jdbc = new JdbcTemplate(old);
            int required = HapiSchemaMigration.allTasks().getUnskippableTasks().size();
            assertThat(historyRows(old)).isEqualTo(required);
            assertThat(jdbc.queryForList(
                            "select distinct result from " + HISTORY + " where installed_rank > 0", String.class))
                    .containsExactly("NOT_APPLIED_SKIPPED");
            assertThat(jdbc.queryForObject("select to_regclass('mediwox.schema_state') is null", Boolean.class))
                    .isTrue();

            IGenericClient client = client(server);
            Patient patient = new Patient();
            patient.addName().setFamily("Baselined-" + UUID.randomUUID());
            String id = client.create().resource(patient).execute().getId().getIdPart();
            Patient read = client.read().resource(Patient.class).withId(id).execute();
            assertThat(read.getNameFirstRep().getFamily())
                    .isEqualTo(patient.getNameFirstRep().getFamily());
        }
    }

    @Test
    void validate_refusesAnEmptyDatabaseOneHibernateMadeAndAnIncompleteHistory_withoutChangingThem()
            throws SQLException {
        // given
        HikariDataSource empty = dataSource(freshDatabase());
        HikariDataSource hibernateMade = dataSource(freshDatabase());
        madeTheOldWay(hibernateMade);
        HikariDataSource incomplete = dataSource(freshDatabase());
        new HapiSchemaMigration(incomplete, HapiSchema.MIGRATE).migrate();
        new JdbcTemplate(incomplete)
                .update("delete from " + HISTORY + " where installed_rank = (select max(installed_rank) from " + HISTORY
                        + ")");

        // when / then
        assertThatThrownBy(() -> new HapiSchemaMigration(empty, HapiSchema.VALIDATE).validate())
                .isInstanceOf(HapiSchemaNotCurrentException.class)
                .hasMessageContaining("never migrated for HAPI FHIR " + VersionUtil.getVersion());
        assertThatThrownBy(() -> new HapiSchemaMigration(hibernateMade, HapiSchema.VALIDATE).validate())
                .isInstanceOf(HapiSchemaNotCurrentException.class)
                .hasMessageContaining("made by Hibernate's schema update");
        assertThatThrownBy(() -> new HapiSchemaMigration(incomplete, HapiSchema.VALIDATE).validate())
                .isInstanceOf(HapiSchemaNotCurrentException.class)
                .hasMessageContaining("1 of "
                        + HapiSchemaMigration.allTasks().getUnskippableTasks().size() + " migrations are missing");
        assertThat(tables(empty)).isEmpty();
        assertThat(tables(hibernateMade)).doesNotContain("fly_hfj_migration");
    }

    @Test
    void server_inValidateMode_refusesAnUnmigratedDatabaseWithAOneLineReport_andStartsOnAMigratedOne()
            throws SQLException {
        // given
        String unmigrated = freshDatabase();
        String migrated = freshDatabase();
        new HapiSchemaMigration(dataSource(migrated), HapiSchema.MIGRATE).migrate();

        // when / then
        assertThatThrownBy(() -> startServer(unmigrated, HapiSchema.VALIDATE).close())
                .satisfies(failure -> {
                    FailureAnalysis report = new HapiSchemaNotCurrentFailureAnalyzer().analyze(failure);
                    assertThat(report).isNotNull();
                    assertThat(report.getDescription())
                            .contains("FLY_HFJ_MIGRATION")
                            .doesNotContain("\n");
                    assertThat(report.getAction()).contains("MEDIWOX_DATABASE_HAPI_SCHEMA=migrate");
                });
        assertThat(tables(dataSource(unmigrated))).doesNotContain("hfj_resource", "fly_hfj_migration");
        try (ConfigurableApplicationContext server = startServer(migrated, HapiSchema.VALIDATE)) {
            assertThat(server.isRunning()).isTrue();
        }
    }

    @Test
    void migrate_twoNodesAtOnceOnOneDatabase_bothSucceedAndEachTaskRunsOnce() throws Exception {
        // given: two nodes, each with its own connection pool, released together
        String database = freshDatabase();
        List<HikariDataSource> nodes = List.of(dataSource(database), dataSource(database));
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            // when
            List<Future<HapiSchemaMigration.Outcome>> outcomes = nodes.stream()
                    .map(node -> threads.submit(() -> {
                        start.await();
                        return new HapiSchemaMigration(node, HapiSchema.MIGRATE).migrate();
                    }))
                    .toList();
            start.countDown();

            // then
            HapiSchemaMigration.Outcome first = outcomes.get(0).get(5, TimeUnit.MINUTES);
            HapiSchemaMigration.Outcome second = outcomes.get(1).get(5, TimeUnit.MINUTES);
            assertThat(List.of(first.ran(), second.ran())).containsOnlyOnce(0);
            JdbcTemplate jdbc = new JdbcTemplate(nodes.get(0));
            assertThat(jdbc.queryForObject(
                            "select count(distinct version) from " + HISTORY + " where installed_rank > 0",
                            Integer.class))
                    .isEqualTo(historyRows(nodes.get(0)))
                    .isEqualTo(
                            HapiSchemaMigration.allTasks().getUnskippableTasks().size());
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void migrate_lockRowLeftByAKilledMigration_isRemovedAndTheStartGoesOn() throws SQLException {
        // given: HAPI's own lock row, as a node killed mid-migration leaves it
        HikariDataSource node = dataSource(freshDatabase());
        new HapiSchemaMigration(node, HapiSchema.MIGRATE).migrate();
        JdbcTemplate jdbc = new JdbcTemplate(node);
        jdbc.update(
                "insert into " + HISTORY + " (installed_rank, description, type, script, installed_by, installed_on,"
                        + " execution_time, success) values (?, 'killed-node', 'hapi-fhir-lock', 'HAPI FHIR', 'test',"
                        + " now(), 0, true)",
                HapiMigrationLock.LOCK_PID);

        // when
        long started = System.nanoTime();
        HapiSchemaMigration.Outcome outcome = new HapiSchemaMigration(node, HapiSchema.MIGRATE).migrate();

        // then: no wait for HAPI's lock (it retries for 50 s before giving up)
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started)).isLessThan(20);
        assertThat(outcome.ran()).isZero();
        assertThat(jdbc.queryForObject(
                        "select count(*) from " + HISTORY + " where installed_rank = ?",
                        Integer.class,
                        HapiMigrationLock.LOCK_PID))
                .isZero();
    }

    /**
     * What a Mediwox before issue 19 left in a database: Flyway's migrations of that time (up to V6), HAPI's tables
     * made by Hibernate's schema update, and the HAPI version of that update in {@code mediwox.schema_state}.
     */
    private static void madeTheOldWay(HikariDataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .schemas("mediwox")
                .defaultSchema("mediwox")
                .createSchemas(true)
                .table("mediwox_schema_history")
                .locations("classpath:db/mediwox")
                .outOfOrder(true)
                .target("6")
                .load()
                .migrate();
        // the beans HAPI's entity listeners take; nothing else of HAPI is needed to make its tables
        JpaStorageSettings storageSettings = new JpaStorageSettings();
        DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
        beans.registerSingleton("partitionSettings", new PartitionSettings());
        beans.registerSingleton("storageSettings", storageSettings);
        LocalContainerEntityManagerFactoryBean factory =
                HapiEntityManagerFactoryUtil.newEntityManagerFactory(beans, FhirContext.forR4Cached(), storageSettings);
        factory.setPersistenceUnitName("HAPI_PU");
        factory.setDataSource(dataSource);
        factory.setJpaPropertyMap(Map.of(
                AvailableSettings.DIALECT,
                HapiFhirPostgresDialect.class.getName(),
                AvailableSettings.HBM2DDL_AUTO,
                "update",
                "hibernate.search.enabled",
                "false"));
        factory.afterPropertiesSet();
        factory.destroy();
        new JdbcTemplate(dataSource)
                .update(
                        "insert into mediwox.schema_state (component, version) values ('hapi-fhir', ?)",
                        VersionUtil.getVersion());
    }

    private ConfigurableApplicationContext startServer(String database, HapiSchema mode) {
        return ProductionNode.named("node")
                .safe()
                .dataDir(DATA_DIR.resolve("node-" + UUID.randomUUID()))
                .onDatabase(postgres.getJdbcUrl("postgres", database), "postgres")
                .with(
                        "--mediwox.auth.demo-client=true",
                        "--mediwox.fhir.server-address=http://mediwox.test/fhir",
                        "--mediwox.database.hapi-schema=" + mode.name().toLowerCase())
                .start();
    }

    private static IGenericClient client(ConfigurableApplicationContext server) {
        String root = "http://localhost:"
                + ((WebServerApplicationContext) server).getWebServer().getPort();
        FhirContext fhir = server.getBean(FhirContext.class);
        fhir.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        IGenericClient client = fhir.newRestfulGenericClient(root + "/fhir");
        client.registerInterceptor(new BearerTokenAuthInterceptor(Tokens.demoClient(root, "system/*.cruds")));
        return client;
    }

    private static String freshDatabase() throws SQLException {
        String name = "hapi_schema_" + DATABASES.incrementAndGet();
        new JdbcTemplate(postgres.getPostgresDatabase()).execute("create database " + name);
        return name;
    }

    private HikariDataSource dataSource(String database) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(postgres.getJdbcUrl("postgres", database));
        dataSource.setUsername("postgres");
        dataSource.setMaximumPoolSize(4);
        opened.add(dataSource);
        return dataSource;
    }

    private static List<String> tables(HikariDataSource dataSource) {
        return new JdbcTemplate(dataSource)
                .queryForList(
                        "select lower(table_name) from information_schema.tables where table_schema = 'public'",
                        String.class);
    }

    private static int historyRows(HikariDataSource dataSource) {
        return new JdbcTemplate(dataSource)
                .queryForObject("select count(*) from " + HISTORY + " where installed_rank > 0", Integer.class);
    }
}

package org.mediwox.server.fhir;

import ca.uhn.fhir.jpa.migrate.DriverTypeEnum;
import ca.uhn.fhir.jpa.migrate.HapiMigrationLock;
import ca.uhn.fhir.jpa.migrate.HapiMigrationStorageSvc;
import ca.uhn.fhir.jpa.migrate.HapiMigrator;
import ca.uhn.fhir.jpa.migrate.MigrationResult;
import ca.uhn.fhir.jpa.migrate.MigrationTaskList;
import ca.uhn.fhir.jpa.migrate.dao.HapiMigrationDao;
import ca.uhn.fhir.jpa.migrate.taskdef.BaseTask;
import ca.uhn.fhir.jpa.migrate.tasks.HapiFhirJpaMigrationTasks;
import ca.uhn.fhir.jpa.migrate.tasks.api.TaskFlagEnum;
import ca.uhn.fhir.util.VersionEnum;
import ca.uhn.fhir.util.VersionUtil;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.sql.DataSource;
import org.apache.commons.lang3.EnumUtils;
import org.mediwox.server.MediwoxProperties.Database.HapiSchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * HAPI FHIR's tables ({@code HFJ_*}, {@code TRM_*}, {@code BT2_*}, …) belong to HAPI's own migrator, as in the HAPI
 * CLI and Smile CDR: the tasks of {@link HapiFhirJpaMigrationTasks} for every HAPI version up to the running one, with
 * their history in {@value #MIGRATION_TABLE}. This runs before the JPA layer starts (the entity manager factory
 * depends on it); Hibernate itself never changes the schema.
 *
 * <ul>
 *   <li>{@link HapiSchema#MIGRATE}: one node at a time, under a PostgreSQL advisory lock held on a connection of its
 *       own (HAPI's lock row in the history table stays behind when a node dies mid-migration and would stop every
 *       later start; the advisory lock dies with its session). Under that lock a leftover lock row can only be stale,
 *       so it is removed.
 *   <li>A database whose HAPI tables Hibernate's schema update made (Mediwox before issue 19) has {@code HFJ_RESOURCE}
 *       but no history table: it is baselined — every task of the HAPI version the database was last updated for
 *       (recorded in {@code mediwox.schema_state}, else the running one) is recorded as applied without running — and
 *       only what a later HAPI version adds runs.
 *   <li>{@link HapiSchema#VALIDATE}: changes nothing; refuses to start unless every task is in the history (an
 *       operator migrates out of band with HAPI's CLI).
 * </ul>
 *
 * Tasks HAPI marks heavyweight and skippable (e.g. rebuilding large indexes) are left out, as HAPI's migrator does by
 * default; they are not required for the schema to be current.
 */
class HapiSchemaMigration implements InitializingBean {

    static final String MIGRATION_TABLE = "FLY_HFJ_MIGRATION";
    /** pg_advisory_lock key held by the node that migrates ("HFJ_MIGR" in ASCII). */
    static final long ADVISORY_LOCK = 0x48464a5f4d494752L;

    private static final Logger log = LoggerFactory.getLogger(HapiSchemaMigration.class);
    /** HAPI creates its history table with a quoted, upper-case name. */
    private static final String HISTORY = '"' + MIGRATION_TABLE + '"';

    private static final DriverTypeEnum DRIVER = DriverTypeEnum.POSTGRES_9_4;

    private final DataSource dataSource;
    private final HapiSchema mode;
    private final JdbcTemplate jdbc;

    HapiSchemaMigration(DataSource dataSource, HapiSchema mode) {
        this.dataSource = dataSource;
        this.mode = mode;
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /**
     * What one run did.
     *
     * @param ran tasks that ran now (on an empty database: HAPI's schema script and the tasks that must follow it;
     *     once current: none)
     * @param baselined tasks recorded as applied without running, because Hibernate had already made the schema
     * @param recorded rows of the history that record a task as applied after the run
     */
    record Outcome(int ran, int baselined, int recorded) {}

    @Override
    public void afterPropertiesSet() throws SQLException {
        if (mode == HapiSchema.VALIDATE) {
            validate();
        } else {
            migrate();
        }
    }

    /** Brings HAPI's tables to the running HAPI version; waits while another node does the same. */
    Outcome migrate() throws SQLException {
        long started = System.nanoTime();
        try (Connection lockSession = dataSource.getConnection()) {
            lockSession.setAutoCommit(true);
            execute(lockSession, "select pg_advisory_lock(" + ADVISORY_LOCK + ")");
            try {
                Outcome outcome = migrateUnderLock();
                log.info(
                        "HAPI FHIR {} schema: {} migration tasks ran, {} baselined, {} recorded in {} ({} ms)",
                        VersionUtil.getVersion(),
                        outcome.ran(),
                        outcome.baselined(),
                        outcome.recorded(),
                        MIGRATION_TABLE,
                        Duration.ofNanos(System.nanoTime() - started).toMillis());
                return outcome;
            } finally {
                execute(lockSession, "select pg_advisory_unlock(" + ADVISORY_LOCK + ")");
            }
        }
    }

    private Outcome migrateUnderLock() {
        boolean madeByHibernate = !tableExists(MIGRATION_TABLE) && tableExists("HFJ_RESOURCE");
        HapiMigrator migrator = new HapiMigrator(MIGRATION_TABLE, dataSource, DRIVER);
        migrator.createMigrationTableIfRequired();
        removeStaleLock();
        MigrationTaskList tasks = allTasks();
        int baselined = 0;
        if (madeByHibernate) {
            VersionEnum madeFor = hibernateSchemaVersion();
            log.info(
                    "HAPI FHIR schema: HAPI's tables were made by Hibernate's schema update for HAPI {} and have no"
                            + " migration history: recording HAPI's migrations up to that version as applied",
                    madeFor);
            baselined = baseline(tasks, madeFor);
        }
        migrator.addTasks(tasks);
        MigrationResult result = migrator.migrate();
        int ran = (int) result.succeededTasks.stream()
                .filter(task -> !task.isDoNothing())
                .count();
        return new Outcome(ran, baselined, appliedCount());
    }

    /**
     * Refuses to start unless HAPI's migration history holds every task up to the running HAPI version.
     *
     * @throws HapiSchemaNotCurrentException naming what is missing and how to fix it
     */
    void validate() {
        String hapi = VersionUtil.getVersion();
        if (!tableExists(MIGRATION_TABLE)) {
            throw new HapiSchemaNotCurrentException(
                    tableExists("HFJ_RESOURCE")
                            ? "HAPI FHIR's tables have no migration history (" + MIGRATION_TABLE + " is missing): they"
                                    + " were made by Hibernate's schema update of an earlier Mediwox, not by HAPI's"
                                    + " migrator for " + hapi
                            : "HAPI FHIR's tables are missing (no " + MIGRATION_TABLE + ", no HFJ_RESOURCE): the"
                                    + " database was never migrated for HAPI FHIR " + hapi);
        }
        MigrationTaskList required = allTasks().getUnskippableTasks();
        MigrationTaskList missing = history().diff(required);
        if (missing.size() > 0) {
            BaseTask first = missing.iterator().next();
            throw new HapiSchemaNotCurrentException("HAPI FHIR's tables are not migrated to HAPI FHIR " + hapi + ": "
                    + missing.size() + " of " + required.size() + " migrations are missing from " + MIGRATION_TABLE
                    + " (first: " + first.getMigrationVersion() + " " + first.getDescription() + ")");
        }
        log.info(
                "HAPI FHIR {} schema: all {} migrations recorded in {} (validate only)",
                hapi,
                required.size(),
                MIGRATION_TABLE);
    }

    /** Every migration task of every HAPI version up to the running one, in order. */
    static MigrationTaskList allTasks() {
        return new HapiFhirJpaMigrationTasks(Set.of()).getAllTasks(VersionEnum.values());
    }

    /** Marks the tasks of {@code madeFor} and earlier versions to be recorded as applied without running. */
    static int baseline(MigrationTaskList tasks, VersionEnum madeFor) {
        int marked = 0;
        for (BaseTask task : tasks) {
            if (VersionEnum.valueOf(task.getProductVersion()).ordinal() <= madeFor.ordinal()) {
                task.addFlag(TaskFlagEnum.DO_NOTHING);
                marked++;
            }
        }
        return marked;
    }

    /**
     * The HAPI version Hibernate last updated the tables for, as the earlier Mediwox recorded it; the running version
     * when nothing (or nothing known) is recorded — Hibernate's update at the last start then made today's tables.
     */
    private VersionEnum hibernateSchemaVersion() {
        VersionEnum running = VersionEnum.valueOf("V" + VersionUtil.getVersion().replace('.', '_'));
        if (!tableExists("mediwox", "schema_state")) {
            return running;
        }
        List<String> recorded = jdbc.queryForList(
                "select version from mediwox.schema_state where component = 'hapi-fhir'", String.class);
        return recorded.stream()
                .map(version -> "V" + version.replace('.', '_'))
                .map(name -> EnumUtils.getEnum(VersionEnum.class, name))
                .filter(Objects::nonNull)
                .findFirst()
                .orElse(running);
    }

    /**
     * HAPI's migrator refuses to run while its lock row is in the history table. This node holds the advisory lock, so
     * no other node is migrating: a lock row is what a migration killed midway left behind.
     */
    private void removeStaleLock() {
        List<String> stale = jdbc.queryForList(
                "select description from " + HISTORY + " where installed_rank = ?",
                String.class,
                HapiMigrationLock.LOCK_PID);
        if (!stale.isEmpty()) {
            log.warn(
                    "HAPI FHIR schema: removing the migration lock {} left in {} by an interrupted migration",
                    stale,
                    MIGRATION_TABLE);
            jdbc.update("delete from " + HISTORY + " where installed_rank = ?", HapiMigrationLock.LOCK_PID);
        }
    }

    private HapiMigrationStorageSvc history() {
        return new HapiMigrationStorageSvc(new HapiMigrationDao(dataSource, DRIVER, MIGRATION_TABLE));
    }

    private int appliedCount() {
        Integer count = jdbc.queryForObject(
                "select count(*) from " + HISTORY + " where success and installed_rank > 0", Integer.class);
        return count == null ? 0 : count;
    }

    /**
     * In the schema HAPI's migrator works in (the connection's current schema), ignoring case as HAPI's own lookup of
     * its history table does.
     */
    private boolean tableExists(String table) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "select exists (select 1 from information_schema.tables where table_schema = current_schema()"
                        + " and lower(table_name) = lower(?))",
                Boolean.class,
                table));
    }

    private boolean tableExists(String schema, String table) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "select exists (select 1 from information_schema.tables where table_schema = ? and table_name = ?)",
                Boolean.class,
                schema,
                table));
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}

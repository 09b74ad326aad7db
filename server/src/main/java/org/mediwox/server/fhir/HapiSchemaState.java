package org.mediwox.server.fhir;

import ca.uhn.fhir.util.VersionUtil;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Decides whether Hibernate must update HAPI FHIR's tables on this start. The HAPI version whose schema the database
 * holds is recorded in {@code mediwox.schema_state} once the server is up; a restart with the same HAPI version skips
 * Hibernate's schema update, which reads the metadata of every table (seconds of start-up on every restart).
 */
class HapiSchemaState {

    static final String COMPONENT = "hapi-fhir";
    private static final Logger log = LoggerFactory.getLogger(HapiSchemaState.class);

    private final JdbcTemplate jdbc;
    private final String currentVersion = VersionUtil.getVersion();

    HapiSchemaState(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** The {@code hibernate.hbm2ddl.auto} mode for this start: {@code none} when the schema is current. */
    String schemaUpdateMode() {
        List<String> recorded = jdbc.queryForList(
                "select version from mediwox.schema_state where component = ?", String.class, COMPONENT);
        if (recorded.contains(currentVersion)) {
            return "none";
        }
        log.info(
                "HAPI FHIR schema: database holds {}, server runs {}: updating tables (takes a few seconds)",
                recorded.isEmpty() ? "no schema" : recorded.get(0),
                currentVersion);
        return "update";
    }

    @EventListener(ApplicationReadyEvent.class)
    void recordCurrentVersion() {
        jdbc.update(
                "insert into mediwox.schema_state (component, version) values (?, ?) "
                        + "on conflict (component) do update set version = excluded.version, updated_at = now()",
                COMPONENT,
                currentVersion);
    }
}

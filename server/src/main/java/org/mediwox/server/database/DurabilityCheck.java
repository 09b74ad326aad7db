package org.mediwox.server.database;

import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.stereotype.Component;

/**
 * Reads at start whether the database keeps what it acknowledges ({@link Durability}) and logs it.
 *
 * <p>The embedded PostgreSQL is Mediwox's own: {@link #embedded} runs right after it started, and when it is not
 * durable although {@code mediwox.database.durable} asks for it (a database or role setting such as {@code ALTER
 * DATABASE … SET synchronous_commit = off} overrides the start line) the server refuses to start. An external
 * PostgreSQL is the operator's: a non-durable one is warned about, not refused (a database set up that way on purpose).
 */
@Component
@ConditionalOnExpression("!'${spring.datasource.url:}'.isEmpty()")
class DurabilityCheck implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(DurabilityCheck.class);

    private final DataSource dataSource;

    DurabilityCheck(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void afterPropertiesSet() throws SQLException {
        Durability durability = Durability.of(dataSource);
        if (durability.durable()) {
            log.info("PostgreSQL durability: {}", durability);
        } else {
            log.warn(
                    "PostgreSQL is not durable ({}): a crash of the database or its host loses writes already"
                            + " acknowledged to clients (bookings, documents, messages). Set fsync, full_page_writes"
                            + " and synchronous_commit on in the database's configuration.",
                    durability);
        }
    }

    /**
     * The embedded cluster, read through a session of Mediwox's database: refused when it is not durable and
     * {@code required}; a warning when durability is off on purpose.
     */
    static void embedded(DataSource mediwoxDatabase, boolean required) throws SQLException {
        Durability durability = Durability.of(mediwoxDatabase);
        if (durability.durable()) {
            log.info("embedded PostgreSQL durability: {}", durability);
        } else if (required) {
            throw new IllegalStateException("The embedded PostgreSQL is not durable (" + durability + "): a crash would"
                    + " lose writes already acknowledged to clients. Remove the database or role setting that turns"
                    + " durability off, or set MEDIWOX_DATABASE_DURABLE=false to run without it knowingly.");
        } else {
            log.warn(
                    "embedded PostgreSQL runs without durability ({}) because mediwox.database.durable=false:"
                            + " a crash loses acknowledged writes; for tests and throw-away runs only",
                    durability);
        }
    }
}

package org.mediwox.server.database;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

/**
 * Tells a failure to reach PostgreSQL (down, restarting, refusing connections, or no pooled connection within the
 * pool's timeout) from every other database error, whatever Spring, Hibernate or HAPI wrapped it in. Such a failure
 * is the service's, temporary, and answered 503 with {@code Retry-After}; the connection pool reconnects by itself
 * once PostgreSQL is back. A transaction whose connection was lost never committed, so the 503 is also true to what
 * was stored.
 */
public final class DatabaseUnavailable {

    /**
     * SQLSTATEs of a server going away: {@code admin_shutdown} (a fast or immediate stop ends the sessions), {@code
     * crash_shutdown}, {@code cannot_connect_now} (starting, stopping or in recovery).
     */
    private static final Set<String> SHUTDOWN_STATES = Set.of("57P01", "57P02", "57P03");

    /** Connection exceptions (class 08): the connection could not be made or was lost. */
    private static final String CONNECTION_EXCEPTION_CLASS = "08";

    /** HikariCP's message for a call on a connection it has closed. */
    private static final String CLOSED_BY_THE_POOL = "Connection is closed";

    private DatabaseUnavailable() {}

    /** Whether this failure, or one it wraps, is a failure to reach the database. */
    public static boolean causes(Throwable failure) {
        int depth = 0;
        for (Throwable next = failure; next != null && depth < 32; next = next.getCause(), depth++) {
            if (next instanceof SQLTransientConnectionException) {
                return true; // HikariCP: no connection within connectionTimeout
            }
            if (next instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith(CONNECTION_EXCEPTION_CLASS) || SHUTDOWN_STATES.contains(state)) {
                    return true;
                }
            }
            if (next instanceof SQLException sql && closedByThePool(sql)) {
                return true;
            }
            if (next.getCause() == next) {
                break;
            }
        }
        return false;
    }

    /**
     * A call on a connection HikariCP closed because it broke (its SQLSTATE said so): the rollback that follows a lost
     * connection fails this way, and Spring then reports the rollback's failure instead of the one that lost the
     * connection (seen when PostgreSQL restarted under {@code $book}: "Unable to rollback against JDBC Connection").
     * HikariCP gives it no SQLSTATE; it is told by its message and by being thrown from HikariCP's closed-connection
     * proxy.
     */
    private static boolean closedByThePool(SQLException sql) {
        StackTraceElement[] frames = sql.getStackTrace();
        return sql.getSQLState() == null
                && CLOSED_BY_THE_POOL.equals(sql.getMessage())
                && frames.length > 0
                && frames[0].getClassName().startsWith("com.zaxxer.hikari.");
    }
}

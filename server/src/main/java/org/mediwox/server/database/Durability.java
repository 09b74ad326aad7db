package org.mediwox.server.database;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * What PostgreSQL does with a commit, read from the running server (with the database's and the role's own settings,
 * as a session of the application sees them) rather than from what was asked for at start.
 *
 * @param fsync {@code off}: an operating-system crash or power cut can corrupt the cluster
 * @param synchronousCommit {@code off}: a commit is acknowledged before its WAL is on disk, so a crash of PostgreSQL
 *     loses the last acknowledged transactions
 * @param fullPageWrites {@code off}: a torn page after a power cut cannot be repaired from the WAL
 */
record Durability(String fsync, String synchronousCommit, String fullPageWrites) {

    static Durability of(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            return new Durability(
                    show(statement, "fsync"),
                    show(statement, "synchronous_commit"),
                    show(statement, "full_page_writes"));
        }
    }

    /**
     * Whether an acknowledged commit survives a crash of PostgreSQL and of its host. Every {@code synchronous_commit}
     * level but {@code off} flushes the local WAL before the commit is acknowledged.
     */
    boolean durable() {
        return "on".equals(fsync) && "on".equals(fullPageWrites) && !"off".equals(synchronousCommit);
    }

    @Override
    public String toString() {
        return "fsync=" + fsync + ", synchronous_commit=" + synchronousCommit + ", full_page_writes=" + fullPageWrites;
    }

    private static String show(Statement statement, String setting) throws SQLException {
        try (ResultSet rs = statement.executeQuery("show " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }
}

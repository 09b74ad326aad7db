package org.mediwox.server.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.hibernate.TransactionException;
import org.hibernate.exception.JDBCConnectionException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import org.springframework.orm.jpa.JpaSystemException;
import org.springframework.transaction.CannotCreateTransactionException;

class DatabaseUnavailableTest {

    @Test
    void refusedConnection_wrappedByHibernateAndSpring_isUnavailable() {
        PSQLException refused = new PSQLException(
                "Connection to localhost:5432 refused", PSQLState.CONNECTION_UNABLE_TO_CONNECT, new ConnectException());
        Exception wrapped = new CannotCreateTransactionException(
                "Could not open JPA EntityManager", new JDBCConnectionException("unable to obtain", refused));

        assertThat(DatabaseUnavailable.causes(wrapped)).isTrue();
    }

    @Test
    void poolTimeout_andServerShuttingDown_areUnavailable() {
        assertThat(DatabaseUnavailable.causes(new RuntimeException(
                        new SQLTransientConnectionException("mediwox-embedded - Connection is not available"))))
                .isTrue();
        assertThat(DatabaseUnavailable.causes(
                        new SQLException("terminating connection due to administrator command", "57P01")))
                .isTrue();
        assertThat(DatabaseUnavailable.causes(new SQLException("the database system is starting up", "57P03")))
                .isTrue();
    }

    @Test
    void rollbackOnAConnectionThePoolClosedAfterItBroke_isUnavailable() {
        // as HikariCP throws it from its closed-connection proxy: no SQLSTATE, the original failure not attached
        SQLException closed = new SQLException("Connection is closed");
        closed.setStackTrace(new StackTraceElement[] {
            new StackTraceElement(
                    "com.zaxxer.hikari.pool.ProxyConnection$ClosedConnection",
                    "lambda$getClosedConnection$0",
                    "ProxyConnection.java",
                    562)
        });
        Exception rollback =
                new JpaSystemException(new TransactionException("Unable to rollback against JDBC Connection", closed));

        assertThat(DatabaseUnavailable.causes(rollback)).isTrue();
    }

    @Test
    void otherDatabaseErrors_areNot() {
        assertThat(DatabaseUnavailable.causes(new SQLException("duplicate key", "23505")))
                .isFalse();
        assertThat(DatabaseUnavailable.causes(new SQLException("conflicting key value violates exclusion", "23P01")))
                .isFalse();
        assertThat(DatabaseUnavailable.causes(new IllegalStateException("no cause")))
                .isFalse();
        assertThat(DatabaseUnavailable.causes(new SQLException("Connection is closed")))
                .as("the same words from elsewhere")
                .isFalse();
    }
}

package org.mediwox.scheduling.assignment;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The rotation position of each provider pool, kept in PostgreSQL ({@code mediwox.pool_cursor}), never in memory. The
 * row stays locked until the booking transaction ends, so bookings into one pool take turns, on every node.
 */
public class RoundRobinCursor {

    private final JdbcTemplate jdbc;

    public RoundRobinCursor(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Advances the pool's counter and returns the value before the advance (0 for the first booking). */
    public long advance(String poolKey) {
        Long counter = jdbc.queryForObject(
                "insert into mediwox.pool_cursor (pool_key, counter) values (?, 1)"
                        + " on conflict (pool_key) do update set counter = pool_cursor.counter + 1, updated_at = now()"
                        + " returning counter",
                Long.class,
                poolKey);
        return counter - 1;
    }
}

package org.mediwox.scheduling.assignment;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The rotation of each provider pool, kept in PostgreSQL, never in memory: every pool has its own sequence (registered
 * in {@code mediwox.pool_cursor}) and each booking takes the next turn from it inside the booking transaction. Turns
 * are handed out without locks, so concurrent bookings into one pool — on one node or many — get consecutive turns and
 * run in parallel.
 */
public class RoundRobinCursor {

    private final JdbcTemplate jdbc;
    /** Pools whose sequence is known to exist (committed): a booking then needs only {@code nextval}. */
    private final Map<String, String> knownSequences = new ConcurrentHashMap<>();

    public RoundRobinCursor(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Takes the pool's next turn: 0 for the first booking into the pool, then 1, 2, ... */
    public long advance(String poolKey) {
        String sequence = knownSequences.get(poolKey);
        if (sequence == null) {
            sequence = sequenceOf(poolKey);
        }
        return jdbc.queryForObject("select nextval('mediwox." + sequence + "')", Long.class);
    }

    private String sequenceOf(String poolKey) {
        List<String> known = jdbc.queryForList(
                "select sequence_name from mediwox.pool_cursor where pool_key = ?", String.class, poolKey);
        if (!known.isEmpty()) {
            // only a committed registration is remembered: one made by this transaction could still roll back
            knownSequences.put(poolKey, known.get(0));
            return known.get(0);
        }
        // the name is derived from the key (never from user text directly), so it is a safe SQL identifier
        String sequence = "pool_turn_" + digest(poolKey);
        jdbc.update(
                "insert into mediwox.pool_cursor (pool_key, sequence_name) values (?, ?) on conflict do nothing",
                poolKey,
                sequence);
        jdbc.execute("create sequence if not exists mediwox." + sequence + " minvalue 0 start with 0");
        return sequence;
    }

    private static String digest(String key) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package org.mediwox.server.security.authserver;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The built-in authorization server's RSA signing keys, kept in PostgreSQL ({@code mediwox.oauth_signing_key}) so that
 * tokens stay valid across restarts and every node signs and verifies with the same keys. They rotate: when the newest
 * key is older than the rotation period, the first node to notice makes a new one (under an advisory lock, so a
 * cluster makes one, not one per node), and every node signs with the newest key from its next read on. A replaced key
 * stays published for the retention (the access-token lifetime and a margin) so that the tokens it signed stay valid.
 *
 * <p>Nodes read the keys again every {@link #REREAD} without a restart, and sooner when asked for a key id they do not
 * know (a token signed by a key another node just made), at most once per {@link #UNKNOWN_KID_REREAD}.
 */
final class SigningKeys {

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

    static final Duration REREAD = Duration.ofMinutes(1);
    static final Duration UNKNOWN_KID_REREAD = Duration.ofSeconds(1);
    /** Tokens are minted with a node's clock, keys are dated by the database's: allow them to differ this much. */
    private static final Duration CLOCK_MARGIN = Duration.ofMinutes(1);
    /** pg_advisory_xact_lock key of key rotation ("mwxkeys"). */
    private static final long ROTATION_LOCK = 0x6d77786b657973L;

    private final JdbcTemplate jdbc;
    private final Duration rotation;
    private final Duration retention;
    private final ReentrantLock reading = new ReentrantLock();
    private volatile KeyRing ring;
    private volatile long readAtNanos;

    /**
     * @param rotation how old the newest key may get before a new one is made
     * @param accessTokenTtl how long the tokens a key signed stay valid
     */
    SigningKeys(JdbcTemplate jdbc, Duration rotation, Duration accessTokenTtl) {
        this.jdbc = jdbc;
        this.rotation = rotation;
        // a node may sign with a replaced key until it reads again, and its tokens live the TTL from then
        this.retention = accessTokenTtl.plus(REREAD).plus(CLOCK_MARGIN);
        reread();
    }

    /** The key new tokens are signed with (one key: the encoder refuses to choose). */
    JWKSource<SecurityContext> signing() {
        return (selector, context) -> selector.select(new JWKSet(current().signing()));
    }

    /**
     * Every published key: the JWKS endpoint's answer and what the FHIR API accepts. A selector naming a key id this
     * node does not know makes it read the keys again (rate-limited).
     */
    JWKSource<SecurityContext> published() {
        return (selector, context) -> {
            KeyRing keys = current();
            List<JWK> found = selector.select(keys.published());
            if (found.isEmpty() && namesAKeyId(selector) && elapsed() > UNKNOWN_KID_REREAD.toNanos()) {
                found = selector.select(reread().published());
            }
            return found;
        };
    }

    private static boolean namesAKeyId(JWKSelector selector) {
        return selector.getMatcher().getKeyIDs() != null
                && !selector.getMatcher().getKeyIDs().isEmpty();
    }

    private KeyRing current() {
        return elapsed() > REREAD.toNanos() ? reread() : ring;
    }

    private long elapsed() {
        return System.nanoTime() - readAtNanos;
    }

    /** Rotates if due, then reads the keys; one thread at a time, the others keep the keys they have. */
    private KeyRing reread() {
        if (ring != null && !reading.tryLock()) {
            return ring;
        }
        if (ring == null) {
            reading.lock();
        }
        try {
            rotateIfDue();
            KeyRing read = read();
            if (ring == null || !ring.signing().getKeyID().equals(read.signing().getKeyID())) {
                log.info(
                        "Authorization server: tokens are signed with key {}; {} keys published",
                        read.signing().getKeyID(),
                        read.published().size());
            }
            ring = read;
            readAtNanos = System.nanoTime();
            return read;
        } finally {
            reading.unlock();
        }
    }

    /** Makes a new key when there is none or the newest is older than the rotation period. Cluster-safe. */
    void rotateIfDue() {
        jdbc.execute((ConnectionCallback<Void>) connection -> {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                if (due(connection)) {
                    RSAKey key = generate();
                    try (PreparedStatement insert = connection.prepareStatement(
                            "insert into mediwox.oauth_signing_key (kid, jwk) values (?, ?)")) {
                        insert.setString(1, key.getKeyID());
                        insert.setString(2, key.toJSONString());
                        insert.executeUpdate();
                    }
                    log.info("Authorization server: new token signing key {}", key.getKeyID());
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
            return null;
        });
    }

    /** Under the rotation lock (held to the end of the transaction), so that only one node sees it due. */
    private boolean due(Connection connection) throws SQLException {
        try (Statement lock = connection.createStatement()) {
            lock.execute("select pg_advisory_xact_lock(" + ROTATION_LOCK + ")");
        }
        try (PreparedStatement newest =
                connection.prepareStatement("select coalesce(max(created) <= now() - make_interval(secs => ?), true)"
                        + " from mediwox.oauth_signing_key")) {
            newest.setDouble(1, rotation.toMillis() / 1000.0);
            try (ResultSet result = newest.executeQuery()) {
                result.next();
                return result.getBoolean(1);
            }
        }
    }

    private KeyRing read() {
        List<Row> rows = jdbc.query(
                "select jwk, created, now() as read_at from mediwox.oauth_signing_key order by created desc, kid desc",
                (result, i) -> new Row(
                        result.getString("jwk"),
                        result.getTimestamp("created").toInstant(),
                        result.getTimestamp("read_at").toInstant()));
        List<KeyRing.Stored> keys = rows.stream()
                .map(r -> new KeyRing.Stored(parse(r.jwk()), r.created()))
                .toList();
        return KeyRing.of(keys, rows.get(0).readAt(), retention);
    }

    private record Row(String jwk, Instant created, Instant readAt) {}

    private static RSAKey parse(String jwk) {
        try {
            return RSAKey.parse(jwk);
        } catch (ParseException e) {
            throw new IllegalStateException("A stored token signing key cannot be read", e);
        }
    }

    private static RSAKey generate() {
        try {
            return new RSAKeyGenerator(2048)
                    .keyUse(KeyUse.SIGNATURE)
                    .keyID(UUID.randomUUID().toString())
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}

package org.mediwox.server.ratelimit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Failed sign-ins per user name, in {@code mediwox.login_failure}: shared by every node, counted with the database's
 * clock. Any name counts, existing or not, so a lock says nothing about whether the user exists. Names are kept as
 * SHA-256 digests only: what someone types into the form is not stored.
 */
class LoginLockout {

    private final JdbcTemplate jdbc;
    private final RateLimitProperties.Lockout policy;

    LoginLockout(JdbcTemplate jdbc, RateLimitProperties.Lockout policy) {
        this.jdbc = jdbc;
        this.policy = policy;
    }

    /** Whether the name is locked now. */
    boolean isLocked(String username) {
        List<Integer> locked = jdbc.queryForList(
                "select 1 from mediwox.login_failure where name_digest = ? and locked_until > now()",
                Integer.class,
                digest(username));
        return !locked.isEmpty();
    }

    /**
     * One more failure in a row (a run older than {@code forget-after} starts over); from the threshold on, the name is
     * locked for the backoff of this failure.
     */
    void failed(String username) {
        String digest = digest(username);
        Integer failures = jdbc.queryForObject(
                "insert into mediwox.login_failure as f (name_digest, failures, last_failure) values (?, 1, now())"
                        + " on conflict (name_digest) do update set last_failure = now(), failures ="
                        + " case when f.last_failure < now() - make_interval(secs => ?) then 1 else f.failures + 1 end"
                        + " returning failures",
                Integer.class,
                digest,
                (double) policy.forgetAfter().toSeconds());
        Duration lock = policy.lockAfter(failures == null ? 0 : failures);
        if (!lock.isZero()) {
            jdbc.update(
                    "update mediwox.login_failure set locked_until = now() + make_interval(secs => ?)"
                            + " where name_digest = ?",
                    lock.toMillis() / 1000.0,
                    digest);
        }
    }

    /** A successful sign-in starts the count over. */
    void succeeded(String username) {
        jdbc.update("delete from mediwox.login_failure where name_digest = ?", digest(username));
    }

    private static String digest(String username) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(username.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package org.mediwox.server.security.accounts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The patient accounts ({@code mediwox.patient_account}) and their single-use e-mail links ({@code
 * mediwox.account_token}, only a SHA-256 of each token stored). E-mail addresses are unique without case.
 */
public class Accounts {

    /** What a link is for. */
    enum Purpose {
        VERIFY_EMAIL("verify-email"),
        RESET_PASSWORD("reset-password");

        final String value;

        Purpose(String value) {
            this.value = value;
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcTemplate jdbc;

    public Accounts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The account of this e-mail address, compared without case. */
    public Optional<Account> byEmail(String email) {
        List<Account> found = jdbc.query(
                "select id, email, password_hash, fhir_user, verified, totp_secret from mediwox.patient_account"
                        + " where lower(email) = lower(?)",
                Accounts::row,
                email.trim());
        return found.stream().findFirst();
    }

    Optional<Account> byId(long id) {
        List<Account> found = jdbc.query(
                "select id, email, password_hash, fhir_user, verified, totp_secret from mediwox.patient_account"
                        + " where id = ?",
                Accounts::row,
                id);
        return found.stream().findFirst();
    }

    /** Whether a Patient already has an account. */
    boolean hasAccount(String fhirUser) {
        return !jdbc.queryForList("select 1 from mediwox.patient_account where fhir_user = ?", Integer.class, fhirUser)
                .isEmpty();
    }

    /** A new, unverified account; empty when the address (or the Patient) has one already. */
    Optional<Account> create(String email, String passwordHash, String fhirUser) {
        List<Long> ids = jdbc.queryForList(
                "insert into mediwox.patient_account (email, password_hash, fhir_user) values (?, ?, ?)"
                        + " on conflict do nothing returning id",
                Long.class,
                email.trim(),
                passwordHash,
                fhirUser);
        return ids.isEmpty() ? Optional.empty() : byId(ids.get(0));
    }

    void markVerified(long id) {
        jdbc.update("update mediwox.patient_account set verified = true, updated_at = now() where id = ?", id);
    }

    void changePassword(long id, String passwordHash) {
        jdbc.update(
                "update mediwox.patient_account set password_hash = ?, updated_at = now() where id = ?",
                passwordHash,
                id);
    }

    /** Turns on the second factor with a secret whose code was just accepted at {@code step}. */
    void turnOnSecondFactor(long id, String totpSecret, long step) {
        jdbc.update(
                "update mediwox.patient_account set totp_secret = ?, totp_step = ?, updated_at = now() where id = ?",
                totpSecret,
                step,
                id);
    }

    /**
     * Records that a code of {@code step} was used; false when a code of this step or a later one was used already
     * (a code is good once, on every node).
     */
    boolean useCodeStep(long id, long step) {
        return jdbc.update(
                        "update mediwox.patient_account set totp_step = ? where id = ?"
                                + " and (totp_step is null or totp_step < ?)",
                        step,
                        id,
                        step)
                > 0;
    }

    /**
     * A new link token for the account (earlier ones of the same purpose stop working): 256 random bits, URL-safe.
     * Only its SHA-256 is stored.
     */
    String issueToken(long accountId, Purpose purpose, Duration lifetime) {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        jdbc.update("delete from mediwox.account_token where expires_at < now()");
        jdbc.update("delete from mediwox.account_token where account_id = ? and purpose = ?", accountId, purpose.value);
        jdbc.update(
                "insert into mediwox.account_token (token_hash, account_id, purpose, expires_at) values (?, ?, ?, ?)",
                hash(token),
                accountId,
                purpose.value,
                Timestamp.from(Instant.now().plus(lifetime)));
        return token;
    }

    /** Uses a link token once: the account it was issued for, if it is one of this purpose and not expired. */
    Optional<Long> useToken(String token, Purpose purpose) {
        if (token == null || token.isBlank() || token.length() > 100) {
            return Optional.empty();
        }
        // deleted whether or not it expired: a token is never good twice
        List<Long> ids = jdbc.query(
                "delete from mediwox.account_token where token_hash = ? and purpose = ? returning account_id,"
                        + " expires_at > now() as valid",
                (row, n) -> row.getBoolean("valid") ? row.getLong("account_id") : null,
                hash(token),
                purpose.value);
        return ids.stream().filter(Objects::nonNull).findFirst();
    }

    /** The account a link token is (still) good for, without using it: the reset page asks for a password first. */
    Optional<Account> holderOf(String token, Purpose purpose) {
        if (token == null || token.isBlank() || token.length() > 100) {
            return Optional.empty();
        }
        List<Long> ids = jdbc.queryForList(
                "select account_id from mediwox.account_token where token_hash = ? and purpose = ?"
                        + " and expires_at > now()",
                Long.class,
                hash(token),
                purpose.value);
        return ids.stream().findFirst().flatMap(this::byId);
    }

    private static Account row(ResultSet row, int n) throws SQLException {
        return new Account(
                row.getLong("id"),
                row.getString("email"),
                row.getString("password_hash"),
                row.getString("fhir_user"),
                row.getBoolean("verified"),
                row.getString("totp_secret"));
    }

    static String hash(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

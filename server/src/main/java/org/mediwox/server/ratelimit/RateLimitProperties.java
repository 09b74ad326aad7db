package org.mediwox.server.ratelimit;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Rate limits and the sign-in lockout, bound from {@code mediwox.rate-limit.*} (environment {@code
 * MEDIWOX_RATELIMIT_*}). A limit of {@code requests} per {@code per} is a token bucket of that capacity refilled at that
 * rate: a client may burst up to {@code requests} at once, then goes at the refill rate.
 *
 * @param enabled all rate limits and the lockout; off only for load tests of the sign-in itself
 * @param login {@code POST /login} and {@code POST /login/code}, per client IP address
 * @param accounts posts of the account forms ({@code /register}, {@code /register/resend}, {@code /forgot-password},
 *     {@code /reset-password}), per client IP address
 * @param token {@code POST /oauth2/token}, per client
 * @param api the FHIR API ({@code /fhir/*}), per client of the access token
 * @param lockout sign-in attempts per user name
 */
@ConfigurationProperties("mediwox.rate-limit")
record RateLimitProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue Login login,
        @DefaultValue Accounts accounts,
        @DefaultValue Token token,
        @DefaultValue Api api,
        @DefaultValue Lockout lockout) {

    /** Sign-in form posts per client IP address. */
    public record Login(
            @DefaultValue("10") int requests,
            @DefaultValue("1m") Duration per) {
        public Login {
            positive("login", requests, per);
        }
    }

    /** Account form posts per client IP address: each may send an e-mail or try a reset link. */
    public record Accounts(
            @DefaultValue("10") int requests,
            @DefaultValue("10m") Duration per) {
        public Accounts {
            positive("accounts", requests, per);
        }
    }

    /**
     * Token requests per client: an authenticating client (HTTP Basic, {@code private_key_jwt}) by its client id, a
     * public client by its client id and IP address, a request naming no client by IP address.
     */
    public record Token(
            @DefaultValue("30") int requests,
            @DefaultValue("1m") Duration per) {
        public Token {
            positive("token", requests, per);
        }
    }

    /**
     * FHIR API requests per client ({@code client_id}, else {@code azp} of the access token; by IP address without a
     * token). The default lets one client id send a thousand requests a second.
     *
     * @param enabled {@code false} turns off the API limit only
     */
    public record Api(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("1000") int requests,
            @DefaultValue("1s") Duration per) {
        public Api {
            positive("api", requests, per);
        }
    }

    /**
     * Failed sign-ins per user name (whether or not the user exists): after {@code failures} in a row the name is
     * refused for {@code initialLock}, doubled for every further failure after that, at most {@code maxLock}. A
     * successful sign-in, or {@code forgetAfter} without a failure, starts over.
     */
    public record Lockout(
            @DefaultValue("5") int failures,
            @DefaultValue("1m") Duration initialLock,
            @DefaultValue("1h") Duration maxLock,
            @DefaultValue("24h") Duration forgetAfter) {
        public Lockout {
            if (failures < 1) {
                throw new IllegalArgumentException(
                        "mediwox.rate-limit.lockout.failures must be at least 1, got " + failures);
            }
        }

        /** How long the name is refused after its {@code failure}-th failure in a row; zero below the threshold. */
        public Duration lockAfter(int failure) {
            if (failure < failures) {
                return Duration.ZERO;
            }
            Duration lock = initialLock.multipliedBy(1L << Math.min(failure - failures, 20));
            return lock.compareTo(maxLock) > 0 ? maxLock : lock;
        }
    }

    private static void positive(String name, int requests, Duration per) {
        if (requests < 1 || per.isNegative() || per.isZero()) {
            throw new IllegalArgumentException("mediwox.rate-limit." + name
                    + " needs requests of at least 1 per a positive duration, got " + requests + " per " + per);
        }
    }
}

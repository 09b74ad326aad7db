package org.mediwox.server.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.Optional;

/**
 * One limit, one token bucket per key (client id, IP address), in this node's memory. A bucket idle for a whole refill
 * period is full again, so it is dropped then and made anew when needed; the map is bounded, so a flood of new keys
 * costs memory up to the bound and then only evicts idle buckets.
 */
final class KeyedLimit {

    private static final long MAX_KEYS = 100_000;

    private final int requests;
    private final Duration per;
    private final Cache<String, Bucket> buckets;

    KeyedLimit(int requests, Duration per) {
        this.requests = requests;
        this.per = per;
        this.buckets = Caffeine.newBuilder()
                .maximumSize(MAX_KEYS)
                .expireAfterAccess(per)
                .build();
    }

    /** Takes one request from the key's bucket; empty if it may go on, else how long until it may retry. */
    Optional<Duration> tryTake(String key) {
        Bucket bucket = buckets.get(
                key,
                k -> Bucket.builder()
                        .addLimit(limit -> limit.capacity(requests).refillGreedy(requests, per))
                        .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    /** A {@code Retry-After} value: whole seconds, rounded up, at least one. */
    static long retryAfterSeconds(Duration wait) {
        long seconds = wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }

    String describe() {
        return requests + " per " + per.toString().substring(2).toLowerCase();
    }
}

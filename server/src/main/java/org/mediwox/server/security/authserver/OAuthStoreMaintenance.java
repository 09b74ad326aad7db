package org.mediwox.server.security.authserver;

import java.util.concurrent.TimeUnit;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The OAuth store's background work. Reading revocations runs on every node, since each node refuses revoked tokens
 * from its own copy in memory; deleting expired rows needs one node per round and holds the cluster-wide lock
 * {@value #CLEAN_UP_LOCK}. A failed round (the database briefly away) is logged and retried at the next one.
 */
class OAuthStoreMaintenance {

    private static final Logger log = LoggerFactory.getLogger(OAuthStoreMaintenance.class);
    static final String CLEAN_UP_LOCK = "oauth-store-clean-up";

    private final RevokedTokens revokedTokens;
    private final ClientAssertionReplay assertions;
    private final JdbcTemplate jdbc;

    OAuthStoreMaintenance(RevokedTokens revokedTokens, ClientAssertionReplay assertions, JdbcTemplate jdbc) {
        this.revokedTokens = revokedTokens;
        this.assertions = assertions;
        this.jdbc = jdbc;
    }

    @Scheduled(initialDelay = RevokedTokens.POLL_MILLIS, fixedDelay = RevokedTokens.POLL_MILLIS)
    public void readRevocations() {
        run("reading revocations", revokedTokens::refresh);
    }

    @Scheduled(initialDelay = 10, fixedDelay = 10, timeUnit = TimeUnit.MINUTES)
    @SchedulerLock(name = CLEAN_UP_LOCK, lockAtMostFor = "PT10M")
    public void deleteExpired() {
        run("deleting expired OAuth rows", () -> {
            revokedTokens.deleteExpired();
            assertions.deleteExpired();
            AuthorizationStore.deleteExpired(jdbc);
        });
    }

    private static void run(String what, Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            log.warn("OAuth store: {} failed, retrying in the next round: {}", what, e.toString());
        }
    }
}

package org.mediwox.server.security.authserver;

import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * What the built-in authorization server keeps in PostgreSQL so that it runs on one node or many and survives restarts:
 * authorizations (codes, access, refresh and ID tokens), client assertions already used, and revocations the FHIR API
 * must honour. One background task per node reads new revocations every {@link RevokedTokens#POLL} and, now and then,
 * deletes what has expired.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${mediwox.auth.issuer:}'.isBlank()")
class OAuthStoreConfiguration {

    private static final Logger log = LoggerFactory.getLogger(OAuthStoreConfiguration.class);

    private static final Duration CLEAN_UP = Duration.ofMinutes(10);

    @Bean
    OAuth2AuthorizationService authorizationService(
            JdbcTemplate jdbc, RegisteredClientRepository clients, RevokedTokens revokedTokens) {
        return new RevokingAuthorizationService(AuthorizationStore.jdbc(jdbc, clients), revokedTokens);
    }

    @Bean
    RevokedTokens revokedTokens(JdbcTemplate jdbc) {
        RevokedTokens revoked = new RevokedTokens(jdbc);
        revoked.refresh(); // a node starting up refuses what was revoked before
        return revoked;
    }

    @Bean
    ClientAssertionReplay clientAssertionReplay(JdbcTemplate jdbc) {
        return new ClientAssertionReplay(jdbc);
    }

    @Bean(destroyMethod = "shutdown")
    ThreadPoolTaskScheduler oauthStoreScheduler(
            RevokedTokens revokedTokens, ClientAssertionReplay assertions, JdbcTemplate jdbc) {
        ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
        scheduler.setThreadNamePrefix("oauth-store-");
        scheduler.setPoolSize(1);
        scheduler.initialize();
        scheduler.scheduleWithFixedDelay(
                () -> run("reading revocations", revokedTokens::refresh),
                Instant.now().plus(RevokedTokens.POLL),
                RevokedTokens.POLL);
        scheduler.scheduleWithFixedDelay(
                () -> run("deleting expired OAuth rows", () -> {
                    revokedTokens.deleteExpired();
                    assertions.deleteExpired();
                    AuthorizationStore.deleteExpired(jdbc);
                }),
                Instant.now().plus(CLEAN_UP),
                CLEAN_UP);
        return scheduler;
    }

    /** A failed round (the database briefly away) is logged and retried at the next one. */
    private static void run(String what, Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            log.warn("OAuth store: {} failed, retrying in the next round: {}", what, e.toString());
        }
    }
}

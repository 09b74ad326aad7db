package org.mediwox.server.security.authserver;

import ca.uhn.fhir.interceptor.api.IInterceptorService;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * What the built-in authorization server keeps in PostgreSQL so that it runs on one node or many and survives restarts:
 * authorizations (codes, access, refresh and ID tokens), client assertions already used, and revocations the FHIR API
 * must honour. In the background ({@link OAuthStoreMaintenance}) every node reads new revocations, and one node at a
 * time now and then deletes what has expired.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${mediwox.auth.issuer:}'.isBlank()")
class OAuthStoreConfiguration {

    @Bean
    OAuth2AuthorizationService authorizationService(
            JdbcTemplate jdbc, RegisteredClientRepository clients, RevokedTokens revokedTokens) {
        return new RevokingAuthorizationService(AuthorizationStore.jdbc(jdbc, clients), revokedTokens);
    }

    /** A password reset ends every grant of the account (accounts' SignOutEverywhere). */
    @Bean
    GrantRevocation grantRevocation(JdbcTemplate jdbc, OAuth2AuthorizationService authorizationService) {
        return new GrantRevocation(jdbc, authorizationService);
    }

    /** Deactivating (or deleting) a Practitioner ends their sign-ins' grants. */
    @Bean
    StaffDeactivation staffDeactivation(GrantRevocation grants, IInterceptorService interceptors) {
        StaffDeactivation deactivation = new StaffDeactivation(grants);
        interceptors.registerInterceptor(deactivation);
        return deactivation;
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

    @Bean
    OAuthStoreMaintenance oauthStoreMaintenance(
            RevokedTokens revokedTokens, ClientAssertionReplay assertions, JdbcTemplate jdbc) {
        return new OAuthStoreMaintenance(revokedTokens, assertions, jdbc);
    }
}

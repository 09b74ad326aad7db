package org.mediwox.server.security.accounts;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import java.time.Clock;
import org.mediwox.plugin.account.AccountMailer;
import org.mediwox.server.MediwoxProperties;
import org.mediwox.server.security.ServerUrls;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Patient accounts of the built-in authorization server (off with an external issuer, which has its own): the store,
 * registration with e-mail confirmation, the password reset. Passwords are hashed with bcrypt ({@code {bcrypt}},
 * Spring's delegating encoder, which the sign-in checks them with).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${mediwox.auth.issuer:}'.isBlank()")
class AccountConfiguration {

    private static final PasswordEncoder PASSWORDS = PasswordEncoderFactories.createDelegatingPasswordEncoder();

    @Bean
    Accounts accounts(JdbcTemplate jdbc) {
        return new Accounts(jdbc);
    }

    @Bean
    AccountLinks accountLinks(ObjectProvider<AccountMailer> mailers, ServerUrls urls, MediwoxProperties properties) {
        return new AccountLinks(mailers, urls, properties.demo());
    }

    @Bean
    Registration registration(
            Accounts accounts, DaoRegistry daoRegistry, AccountLinks links, AccountProperties properties) {
        return new Registration(accounts, daoRegistry, PASSWORDS, links, properties);
    }

    /** The sign-in form's success: on at once, or on to the second factor's code. */
    @Bean
    SecondFactor secondFactor(Accounts accounts, UserDetailsService smartUsers, ApplicationEventPublisher events) {
        return new SecondFactor(accounts, smartUsers, events, Clock.systemUTC());
    }

    @Bean
    PasswordReset passwordReset(
            Accounts accounts, AccountLinks links, AccountProperties properties, SignOutEverywhere signOut) {
        return new PasswordReset(accounts, PASSWORDS, links, properties, signOut);
    }
}

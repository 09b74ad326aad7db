package org.mediwox.server.ratelimit;

import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * The sign-in lockout of the built-in server's login form. Spring Security's authentication events count: a bad
 * password or an unknown name ({@link AuthenticationFailureBadCredentialsEvent}) is a failure, a sign-in ({@link
 * AuthenticationSuccessEvent}) starts over. While a name is locked, the user details service answers a locked account
 * for it, existing or not, before any password is compared: the form answers as for a wrong password ("Invalid
 * credentials") in every case, and the attempt is not counted again.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "mediwox.rate-limit", name = "enabled", matchIfMissing = true)
class LockoutConfiguration {

    @Bean
    LoginLockout loginLockout(JdbcTemplate jdbc, RateLimitProperties limits) {
        return new LoginLockout(jdbc, limits.lockout());
    }

    /** Wraps the user details service (the demo users) with the lock check; the lockout is looked up lazily. */
    @Bean
    static BeanPostProcessor lockedUserDetails(ObjectProvider<LoginLockout> lockout) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof UserDetailsService users && !(bean instanceof LockCheckingUsers)) {
                    return new LockCheckingUsers(users, lockout);
                }
                return bean;
            }
        };
    }

    /** Counts failures and resets on success. */
    @Bean
    LockoutEvents lockoutEvents(LoginLockout lockout) {
        return new LockoutEvents(lockout);
    }

    static final class LockoutEvents {
        private final LoginLockout lockout;

        LockoutEvents(LoginLockout lockout) {
            this.lockout = lockout;
        }

        @EventListener
        void failed(AuthenticationFailureBadCredentialsEvent event) {
            // form sign-ins only: client authentication and bearer tokens use other authentication types
            if (event.getAuthentication() instanceof UsernamePasswordAuthenticationToken attempt) {
                lockout.failed(attempt.getName());
            }
        }

        @EventListener
        void succeeded(AuthenticationSuccessEvent event) {
            if (event.getAuthentication() instanceof UsernamePasswordAuthenticationToken signedIn) {
                lockout.succeeded(signedIn.getName());
            }
        }
    }

    static final class LockCheckingUsers implements UserDetailsService {
        private final UserDetailsService users;
        private final ObjectProvider<LoginLockout> lockout;

        LockCheckingUsers(UserDetailsService users, ObjectProvider<LoginLockout> lockout) {
            this.users = users;
            this.lockout = lockout;
        }

        @Override
        public UserDetails loadUserByUsername(String username) {
            if (lockout.getObject().isLocked(username)) {
                // the same answer for every name: Spring Security refuses a locked account before the password
                return User.withUsername(username)
                        .password("")
                        .accountLocked(true)
                        .authorities(List.of())
                        .build();
            }
            return users.loadUserByUsername(username);
        }
    }
}

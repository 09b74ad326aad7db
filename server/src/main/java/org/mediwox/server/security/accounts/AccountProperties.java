package org.mediwox.server.security.accounts;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Patient accounts of the built-in authorization server, bound from {@code mediwox.accounts.*} (environment {@code
 * MEDIWOX_ACCOUNTS_*}).
 *
 * @param registration whether patients may register themselves at {@code /register}
 * @param verificationTtl how long the link that confirms a new account's e-mail address works
 * @param resetTtl how long a password reset link works
 */
@ConfigurationProperties("mediwox.accounts")
public record AccountProperties(
        @DefaultValue("true") boolean registration,
        @DefaultValue("24h") Duration verificationTtl,
        @DefaultValue("1h") Duration resetTtl) {

    public AccountProperties {
        if (verificationTtl.isNegative() || verificationTtl.isZero() || resetTtl.isNegative() || resetTtl.isZero()) {
            throw new IllegalArgumentException("mediwox.accounts: link lifetimes must be positive");
        }
    }
}

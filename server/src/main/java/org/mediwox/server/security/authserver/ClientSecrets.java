package org.mediwox.server.security.authserver;

import java.util.regex.Pattern;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Secrets of the built-in server's clients and demo users as they are kept in memory and compared: bcrypt hashes in
 * Spring's {@code {bcrypt}} form, which Spring Authorization Server's default (delegating) password encoder checks. A
 * secret configured already hashed ({@code {bcrypt}$2a$10$...}) is taken as it is, a plain one is hashed at start-up;
 * nothing is kept in clear ({@code {noop}}).
 */
final class ClientSecrets {

    private static final String BCRYPT = "{bcrypt}";
    private static final String NOOP = "{noop}";
    private static final Pattern BCRYPT_HASH = Pattern.compile("\\$2[aby]?\\$\\d\\d\\$[./A-Za-z0-9]{53}");
    private static final PasswordEncoder ENCODER = PasswordEncoderFactories.createDelegatingPasswordEncoder();

    private ClientSecrets() {}

    /**
     * @param configured a plain secret, or a bcrypt hash prefixed with {@code {bcrypt}}; {@code {noop}} marks a plain one
     * @return its {@code {bcrypt}} hash
     */
    static String hashed(String configured) {
        if (configured.startsWith(BCRYPT)) {
            if (!BCRYPT_HASH.matcher(configured.substring(BCRYPT.length())).matches()) {
                throw new IllegalStateException(
                        "A secret given as {bcrypt} must be a bcrypt hash ({bcrypt}$2a$10$...)");
            }
            return configured;
        }
        String plain = configured.startsWith(NOOP) ? configured.substring(NOOP.length()) : configured;
        return ENCODER.encode(plain);
    }
}

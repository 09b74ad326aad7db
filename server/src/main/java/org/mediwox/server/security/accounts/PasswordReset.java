package org.mediwox.server.security.accounts;

import java.util.Optional;
import org.mediwox.plugin.account.AccountMail;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * A forgotten password: a single-use link, valid for {@code mediwox.accounts.reset-ttl}, sent to the account's address
 * — the page answers the same whether or not the address has an account — then a new password, which also confirms the
 * address (the link reached it) and revokes every refresh token of the account ({@link SignOutEverywhere}).
 */
final class PasswordReset {

    private final Accounts accounts;
    private final PasswordEncoder passwords;
    private final AccountLinks links;
    private final AccountProperties properties;
    private final SignOutEverywhere signOut;

    PasswordReset(
            Accounts accounts,
            PasswordEncoder passwords,
            AccountLinks links,
            AccountProperties properties,
            SignOutEverywhere signOut) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.links = links;
        this.properties = properties;
        this.signOut = signOut;
    }

    /** Sends a reset link when the address has an account; nothing otherwise (the caller answers alike). */
    void request(String email, String language) {
        if (email == null || email.isBlank() || email.length() > 320) {
            return;
        }
        accounts.byEmail(email).ifPresent(account -> {
            String token = accounts.issueToken(account.id(), Accounts.Purpose.RESET_PASSWORD, properties.resetTtl());
            links.send(AccountMail.Kind.RESET_PASSWORD, account, SignInPage.RESET, token, language);
        });
    }

    /** Whether the link is good, so that the page asks for a new password (the link is used only by {@link #reset}). */
    boolean linkWorks(String token) {
        return accounts.holderOf(token, Accounts.Purpose.RESET_PASSWORD).isPresent();
    }

    /**
     * Sets the new password. Empty when done; otherwise the text key of the problem: the password's (the link stays
     * good for another try) or {@code reset.failed} (the link is wrong, used or expired).
     */
    Optional<String> reset(String token, String password) {
        Optional<Account> account = accounts.holderOf(token, Accounts.Purpose.RESET_PASSWORD);
        if (account.isEmpty()) {
            return Optional.of("reset.failed");
        }
        Optional<String> problem = Passwords.problem(password, account.get().email());
        if (problem.isPresent()) {
            return problem;
        }
        if (accounts.useToken(token, Accounts.Purpose.RESET_PASSWORD).isEmpty()) {
            return Optional.of("reset.failed"); // used meanwhile
        }
        accounts.changePassword(account.get().id(), passwords.encode(password));
        accounts.markVerified(account.get().id());
        signOut.revokeAll(account.get().email());
        return Optional.empty();
    }
}

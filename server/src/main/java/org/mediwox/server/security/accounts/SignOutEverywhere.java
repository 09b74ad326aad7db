package org.mediwox.server.security.accounts;

/**
 * Ends what a login holds at the authorization server: every refresh token issued to it (and the access tokens of those
 * grants), as a revocation does. Called when its password is reset.
 */
@FunctionalInterface
public interface SignOutEverywhere {

    /** @return how many grants were revoked */
    int revokeAll(String email);
}

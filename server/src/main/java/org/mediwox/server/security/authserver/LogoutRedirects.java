package org.mediwox.server.security.authserver;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.function.Consumer;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcLogoutAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcLogoutAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcLogoutAuthenticationValidator;

/**
 * The {@code post_logout_redirect_uri} check of RP-Initiated Logout ({@code /connect/logout}): registered URIs as
 * Spring checks them, and — as for redirect URIs (RFC 8252) — a registered loopback URI ({@code http://127.0.0.1/app/})
 * on any port, so the patient app served at {@code http://127.0.0.1:8080/app/} returns there after signing out.
 */
final class LogoutRedirects implements Consumer<OidcLogoutAuthenticationContext> {

    private final Consumer<OidcLogoutAuthenticationContext> registered = new OidcLogoutAuthenticationValidator();

    @Override
    public void accept(OidcLogoutAuthenticationContext context) {
        OidcLogoutAuthenticationToken logout = context.getAuthentication();
        String redirect = logout.getPostLogoutRedirectUri();
        if (redirect != null
                && context.getRegisteredClient().getPostLogoutRedirectUris().contains(withoutLoopbackPort(redirect))) {
            return;
        }
        registered.accept(context);
    }

    /** {@code http://127.0.0.1:8080/app/} as {@code http://127.0.0.1/app/}; any other URI as it is. */
    static String withoutLoopbackPort(String uri) {
        try {
            URI parsed = new URI(uri);
            String host = parsed.getHost();
            if ("http".equals(parsed.getScheme())
                    && parsed.getPort() != -1
                    && ("127.0.0.1".equals(host) || "[::1]".equals(host))) {
                return new URI(
                                parsed.getScheme(),
                                parsed.getUserInfo(),
                                host,
                                -1,
                                parsed.getPath(),
                                parsed.getQuery(),
                                parsed.getFragment())
                        .toString();
            }
        } catch (URISyntaxException e) {
            // not a URI: checked as it is, and refused
        }
        return uri;
    }
}

package org.mediwox.server.security.authserver;

import java.util.function.Consumer;
import org.mediwox.server.security.ServerUrls;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationValidator;

/**
 * The checks of an authorization request, in order: the redirect URI (Spring's check: until it passes, no error may be
 * sent to it), {@code aud}, that some scope was granted ({@link ScopeGrants}: Spring's literal scope check is replaced
 * by the intersection), and that a token with patient scopes can have a patient.
 */
final class AuthorizationRequestChecks {

    private AuthorizationRequestChecks() {}

    static Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> of(ServerUrls urls) {
        return OAuth2AuthorizationCodeRequestAuthenticationValidator.DEFAULT_REDIRECT_URI_VALIDATOR
                .andThen(new AudienceRequirement(urls))
                .andThen(ScopeGrants::requireAGrant)
                .andThen(new PatientContextRequirement());
    }
}

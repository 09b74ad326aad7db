package org.mediwox.server.security.authserver;

import java.util.function.Consumer;
import org.mediwox.server.security.ServerUrls;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;

/**
 * SMART App Launch requires the {@code aud} parameter of an authorization request to name the FHIR server the app is
 * about to call: an app tricked into sending its token to another server by a forged {@code iss} names that server
 * here and is refused ({@code invalid_request} on the app's redirect URI) before the user logs in.
 */
final class AudienceRequirement implements Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> {

    static final String AUD = "aud";

    private final ServerUrls urls;

    AudienceRequirement(ServerUrls urls) {
        this.urls = urls;
    }

    @Override
    public void accept(OAuth2AuthorizationCodeRequestAuthenticationContext context) {
        OAuth2AuthorizationCodeRequestAuthenticationToken request = context.getAuthentication();
        Object aud = request.getAdditionalParameters().get(AUD);
        if (!(aud instanceof String asked) || asked.isBlank()) {
            throw AuthorizationRequestError.of(
                    context,
                    OAuth2ErrorCodes.INVALID_REQUEST,
                    "aud is required: the base URL of the FHIR server the app will call (" + urls.fhirBase() + ")");
        }
        String wanted = stripSlash(asked);
        if (!wanted.equals(urls.fhirBase()) && !wanted.equals(stripSlash(urls.audience()))) {
            throw AuthorizationRequestError.of(
                    context,
                    OAuth2ErrorCodes.INVALID_REQUEST,
                    "aud does not name this FHIR server: expected " + urls.fhirBase());
        }
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}

package org.mediwox.server.security.authserver;

import java.util.function.Consumer;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;

/**
 * Refuses, once the user has logged in, an authorization whose token could not carry a patient context: the patient
 * app signs in patients only, and {@code patient/} scopes need a patient — the patient who logged in or the patient of
 * an EHR launch. A practitioner who signs in to the patient app gets the OAuth error {@code access_denied} on the app's
 * redirect URI instead of a token with patient scopes for no patient (which the FHIR API would refuse anyway). Runs
 * after the redirect URI's check ({@link AuthorizationRequestChecks}): an error may only be sent to a registered URI.
 */
final class PatientContextRequirement implements Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> {

    @Override
    public void accept(OAuth2AuthorizationCodeRequestAuthenticationContext context) {
        OAuth2AuthorizationCodeRequestAuthenticationToken request = context.getAuthentication();
        if (!(request.getPrincipal() instanceof Authentication login)
                || !login.isAuthenticated()
                || !(login.getPrincipal() instanceof SmartUser user)
                || user.patientId() != null) {
            return; // not logged in yet (the login page comes next), or a patient (or a proxy) acting for one
        }
        if (user.mustChoose()) {
            // PatientChoice asks first; only a request that went around it gets here
            throw denied(request, "Choose whom you act for: sign in again and pick the patient");
        }
        if (SmartClients.PATIENT_APP.equals(context.getRegisteredClient().getClientId())) {
            throw denied(request, "The patient app is for patients: sign in with a patient's account");
        }
        boolean patientScopes = request.getScopes().stream().anyMatch(s -> s.startsWith("patient/"));
        boolean ehrLaunch = request.getScopes().contains("launch")
                && request.getAdditionalParameters().get("launch") != null;
        if (patientScopes && !ehrLaunch) {
            throw denied(
                    request,
                    "patient/ scopes need a patient context: sign in as the patient, or launch the app from the EHR"
                            + " with a patient");
        }
    }

    private static OAuth2AuthorizationCodeRequestAuthenticationException denied(
            OAuth2AuthorizationCodeRequestAuthenticationToken request, String description) {
        return new OAuth2AuthorizationCodeRequestAuthenticationException(
                new OAuth2Error(OAuth2ErrorCodes.ACCESS_DENIED, description, null), request);
    }
}

package org.mediwox.server.security;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import org.mediwox.plugin.booking.Overbooking;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Who may overbook: a clinician — a token whose {@code fhirUser} is a Practitioner — that was granted the scope
 * {@value Overbooking#SCOPE}. Patients (whose {@code fhirUser} is a Patient) and back-end systems
 * (no user at all) never may, whatever their scopes. The booking rule reads the mark this puts on the request.
 */
@Interceptor
public class OverbookingPermission {

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
    public void mark(RequestDetails request) {
        if (clinicianMayOverbook()) {
            Overbooking.allow(request.getUserData());
        }
    }

    static boolean clinicianMayOverbook() {
        if (!(SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken token)) {
            return false;
        }
        String fhirUser = token.getToken().getClaimAsString("fhirUser");
        return fhirUser != null
                && fhirUser.startsWith("Practitioner/")
                && SmartAccess.scopeStrings(token.getToken()).contains(Overbooking.SCOPE);
    }
}

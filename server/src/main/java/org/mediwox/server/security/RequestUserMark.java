package org.mediwox.server.security;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import org.mediwox.plugin.access.RequestUser;

/**
 * Tells the modules who each request's token acts as ({@link RequestUser}): a practitioner ({@code fhirUser}
 * Practitioner, also in an EHR launch with a patient in context), a patient (another token with a patient context, or
 * {@code fhirUser} Patient or RelatedPerson), a back end (system scopes, no user), or someone else.
 */
@Interceptor
public class RequestUserMark {

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
    public void mark(RequestDetails request) {
        SmartAccess.current().ifPresent(access -> RequestUser.put(request.getUserData(), of(access)));
    }

    static RequestUser of(SmartAccess access) {
        String user = relative(access.fhirUser());
        RequestUser.Kind kind;
        if (user.startsWith("Practitioner/")) {
            kind = RequestUser.Kind.PRACTITIONER; // also in an EHR launch, whose token names the patient in context
        } else if (access.hasPatientContext() || user.startsWith("Patient/") || user.startsWith("RelatedPerson/")) {
            kind = RequestUser.Kind.PATIENT;
        } else if (user.isEmpty() && access.scopes().stream().anyMatch(s -> s.level() == SmartScope.Level.SYSTEM)) {
            kind = RequestUser.Kind.SYSTEM;
        } else {
            kind = RequestUser.Kind.OTHER;
        }
        return new RequestUser(kind, user);
    }

    /** {@code https://host/fhir/Practitioner/7} → {@code Practitioner/7}. */
    private static String relative(String fhirUser) {
        if (fhirUser == null || fhirUser.isBlank()) {
            return "";
        }
        String[] parts = fhirUser.replaceAll("/_history/.*$", "").split("/");
        return parts.length < 2 ? fhirUser : parts[parts.length - 2] + "/" + parts[parts.length - 1];
    }
}

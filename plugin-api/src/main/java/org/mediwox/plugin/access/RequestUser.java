package org.mediwox.plugin.access;

import java.util.Map;
import java.util.Optional;

/**
 * Who a request's access token acts as, for a module's operation whose answer depends on who asks (workload figures: a
 * practitioner sees their own, a back end everything): the server's security layer puts it on the request's user data
 * (HAPI's {@code RequestDetails.getUserData()}) from the token, a module reads it. Under a key only this class knows.
 *
 * @param kind what the token acts as
 * @param fhirUser the token's {@code fhirUser} as a relative reference ({@code Practitioner/7}), or {@code ""}
 */
public record RequestUser(Kind kind, String fhirUser) {

    private static final Object KEY = new Key("request-user");

    /** What a token acts as. */
    public enum Kind {
        /** A back end with {@code system/} scopes and no user. */
        SYSTEM,
        /** A user who is a Practitioner ({@code fhirUser} {@code Practitioner/…}). */
        PRACTITIONER,
        /** A patient or someone acting for patients (a patient context, or {@code fhirUser} Patient or RelatedPerson). */
        PATIENT,
        /** Anyone else. */
        OTHER
    }

    public RequestUser {
        fhirUser = fhirUser == null ? "" : fhirUser;
    }

    /** The Practitioner's id for a {@link Kind#PRACTITIONER}, else empty. */
    public Optional<String> practitionerId() {
        return kind == Kind.PRACTITIONER && fhirUser.startsWith("Practitioner/")
                ? Optional.of(fhirUser.substring("Practitioner/".length()))
                : Optional.empty();
    }

    /** Called by the security layer for each request with a token. */
    public static void put(Map<Object, Object> requestData, RequestUser user) {
        requestData.put(KEY, user);
    }

    /** Who the request's token acts as; empty for a request without a token (server code, public endpoints). */
    public static Optional<RequestUser> of(Map<Object, Object> requestData) {
        return requestData.get(KEY) instanceof RequestUser user ? Optional.of(user) : Optional.empty();
    }

    /** A key no other code can build by accident. */
    private record Key(String name) {}
}

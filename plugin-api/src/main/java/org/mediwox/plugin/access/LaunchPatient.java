package org.mediwox.plugin.access;

import java.util.Map;
import java.util.Optional;

/**
 * The patient a request's access token acts for (the SMART launch context of a token with {@code patient/} scopes): the
 * server's security layer puts it on the request's user data (HAPI's {@code RequestDetails.getUserData()}), a module's
 * operation reads it where the patient matters but no input names one ({@code $find} leaves out the times the patient
 * already holds). Under a key only this class knows.
 */
public final class LaunchPatient {

    private static final Object KEY = new Key("launch-patient");

    private LaunchPatient() {}

    /** Called by the security layer for a request whose token acts for one patient; {@code patientId} without type. */
    public static void put(Map<Object, Object> requestData, String patientId) {
        requestData.put(KEY, patientId);
    }

    /** The id (without type) of the patient the token acts for; empty for tokens not limited to one patient. */
    public static Optional<String> of(Map<Object, Object> requestData) {
        return requestData.get(KEY) instanceof String id && !id.isBlank() ? Optional.of(id) : Optional.empty();
    }

    /** A key no other code can build by accident. */
    private record Key(String name) {}
}

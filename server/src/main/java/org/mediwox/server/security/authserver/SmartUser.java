package org.mediwox.server.security.authserver;

import java.util.List;
import java.util.Optional;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.userdetails.User;

/**
 * A user of the built-in server who is a FHIR resource: a Patient, a Practitioner, or a caregiver acting for a patient
 * through a RelatedPerson (SMART's {@code fhirUser}). A login that may act for more than one patient — a parent who is
 * a patient too, or the proxy of two children — chooses one after signing in ({@link PatientChoice}); until then it
 * acts for no patient.
 */
final class SmartUser extends User {

    /**
     * Someone a login may act as.
     *
     * @param fhirUser who acts: {@code Patient/1} for oneself, {@code RelatedPerson/5} for a proxy
     * @param patientId the patient acted for
     * @param name the patient's name, to choose by
     */
    record Acting(String fhirUser, String patientId, String name) {}

    private final String fhirUser;
    private final String patientId;
    private final List<Acting> choices;
    private final boolean verified;

    /** A practitioner, or a user read back from storage. */
    SmartUser(String username, String password, String fhirUser, String patientId) {
        this(username, password, fhirUser, patientId, List.of(), true);
    }

    private SmartUser(
            String username,
            String password,
            String fhirUser,
            String patientId,
            List<Acting> choices,
            boolean verified) {
        super(username, password, AuthorityUtils.createAuthorityList("ROLE_USER"));
        this.fhirUser = fhirUser;
        this.patientId = patientId;
        this.choices = List.copyOf(choices);
        this.verified = verified;
    }

    /** A login that acts for patients: for the only one directly, else for none until it chooses. */
    static SmartUser actingFor(String username, String password, List<Acting> choices) {
        if (choices.size() == 1) {
            Acting only = choices.get(0);
            return new SmartUser(username, password, only.fhirUser(), only.patientId(), choices, true);
        }
        return new SmartUser(username, password, choices.get(0).fhirUser(), null, choices, true);
    }

    /** The same login of an account whose e-mail address is not confirmed yet: its sign-in is refused. */
    SmartUser unverified() {
        return new SmartUser(getUsername(), getPassword(), fhirUser, patientId, choices, false);
    }

    /** Whether the login's e-mail address is confirmed (always, for demo users). */
    boolean verified() {
        return verified;
    }

    String fhirUser() {
        return fhirUser;
    }

    /** The patient this login acts for; null for a practitioner, or before a choice is made. */
    String patientId() {
        return patientId;
    }

    /** Whether this login acts for patients (as a patient or a proxy), whether or not it has chosen one yet. */
    boolean actsForPatients() {
        return patientId != null || !choices.isEmpty();
    }

    /** Whether it still has to choose whom it acts for. */
    boolean mustChoose() {
        return patientId == null && choices.size() > 1;
    }

    List<Acting> choices() {
        return choices;
    }

    /** The same login acting for none of its choices yet (to choose again). */
    SmartUser undecided() {
        return new SmartUser(getUsername(), "", choices.get(0).fhirUser(), null, choices, verified);
    }

    /** The same login acting for one of its choices; empty when the patient is none of them. */
    Optional<SmartUser> choose(String patient) {
        return choices.stream()
                .filter(acting -> acting.patientId().equals(patient))
                .findFirst()
                .map(acting -> new SmartUser(getUsername(), "", acting.fhirUser(), acting.patientId(), choices, true));
    }
}

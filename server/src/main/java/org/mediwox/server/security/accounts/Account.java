package org.mediwox.server.security.accounts;

/**
 * A patient's account of the built-in server ({@code mediwox.patient_account}).
 *
 * @param email the sign-in name, as registered (compared without case)
 * @param passwordHash {@code {bcrypt}…}
 * @param fhirUser {@code Patient/[id]}
 * @param verified whether the e-mail address was confirmed; sign-in is refused until it is
 * @param totpSecret the Base32 TOTP secret when the second factor is on, else null
 */
public record Account(
        long id, String email, String passwordHash, String fhirUser, boolean verified, String totpSecret) {

    public boolean secondFactor() {
        return totpSecret != null;
    }

    /** The Patient's id. */
    public String patientId() {
        return fhirUser.substring(fhirUser.indexOf('/') + 1);
    }

    @Override
    public String toString() {
        return "Account[" + id + ", " + fhirUser + "]"; // never the hash or the secret
    }
}

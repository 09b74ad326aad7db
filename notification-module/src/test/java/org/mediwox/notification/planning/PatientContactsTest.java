package org.mediwox.notification.planning;

import static org.assertj.core.api.Assertions.assertThat;

import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.ContactPoint.ContactPointSystem;
import org.hl7.fhir.r4.model.ContactPoint.ContactPointUse;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.mediwox.notification.planning.PatientContacts.Target;

/** Which address a message goes to, or why it is skipped, read from the Patient alone. */
class PatientContactsTest {

    @Test
    void email_takesTheBestRankedCurrentAddress() {
        Patient patient = new Patient();
        patient.addTelecom(contact(ContactPointSystem.EMAIL, "old@example.org", ContactPointUse.OLD, 1));
        patient.addTelecom(contact(ContactPointSystem.EMAIL, "second@example.org", ContactPointUse.HOME, 2));
        patient.addTelecom(contact(ContactPointSystem.EMAIL, "first@example.org", ContactPointUse.WORK, 1));

        Target email = PatientContacts.email(patient);

        assertThat(email.address()).isEqualTo("first@example.org");
        assertThat(email.skipReason()).isNull();
    }

    @Test
    void email_optedOut_isSkippedWithTheReason() {
        Patient patient = new Patient();
        ContactPoint email = contact(ContactPointSystem.EMAIL, "ana@example.org", ContactPointUse.HOME, 1);
        email.addExtension(NotificationPlanner.OPT_OUT_EXTENSION, new BooleanType(true));
        patient.addTelecom(email);

        assertThat(PatientContacts.email(patient).skipReason()).contains("opted out");
        assertThat(PatientContacts.email(new Patient()).skipReason()).isEqualTo("the patient has no email address");
    }

    @Test
    void phone_needsAMobileOrSmsNumberInE164() {
        Patient landline = new Patient();
        landline.addTelecom(contact(ContactPointSystem.PHONE, "+34911000000", ContactPointUse.HOME, 1));
        Patient local = new Patient();
        local.addTelecom(contact(ContactPointSystem.PHONE, "600 123 456", ContactPointUse.MOBILE, 1));
        Patient international = new Patient();
        international.addTelecom(contact(ContactPointSystem.PHONE, "+34 (600) 123-456", ContactPointUse.MOBILE, 1));

        assertThat(PatientContacts.phone(landline).skipReason()).isEqualTo("the patient has no mobile phone number");
        assertThat(PatientContacts.phone(local).skipReason()).startsWith("not an E.164 phone number");
        assertThat(PatientContacts.phone(international).address()).isEqualTo("+34600123456");
        assertThat(PatientContacts.phone(international).skipReason()).isNull();
    }

    @Test
    void preferredLanguage_andFirstName() {
        Patient patient = new Patient();
        patient.addCommunication().setLanguage(new CodeableConcept(new Coding("urn:ietf:bcp:47", "en", null)));
        patient.addCommunication()
                .setPreferred(true)
                .setLanguage(new CodeableConcept(new Coding("urn:ietf:bcp:47", "es", null)));
        patient.addName().addGiven("Ana María").setFamily("García");

        assertThat(PatientContacts.preferredLanguage(patient)).isEqualTo("es");
        assertThat(PatientContacts.firstName(patient)).isEqualTo("Ana");
        assertThat(PatientContacts.preferredLanguage(new Patient())).isNull();
        assertThat(PatientContacts.firstName(new Patient())).isEmpty();
    }

    private static ContactPoint contact(ContactPointSystem system, String value, ContactPointUse use, int rank) {
        return new ContactPoint().setSystem(system).setValue(value).setUse(use).setRank(rank);
    }
}

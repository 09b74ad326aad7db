package org.mediwox.notification.planning;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.ContactPoint.ContactPointSystem;
import org.hl7.fhir.r4.model.Patient;
import org.mediwox.notification.subscription.SubscriptionRules;

/**
 * Where and how a patient is reached, from the Patient resource: the email address and mobile number to use (best
 * rank, current, not {@code old}), or why there is none (missing, opted out, not E.164); the preferred language; the
 * first name messages greet. The patient's own choice of channels ({@code Patient/[id]/$notification-preferences})
 * reads and marks the same ContactPoints.
 */
public final class PatientContacts {

    /**
     * An address to send to, or why not.
     *
     * @param address the address (normalised for SMS); may be set alongside a skip reason, to record what was skipped
     * @param skipReason why nothing is sent; null when the address is usable
     */
    record Target(String address, String skipReason) {}

    private PatientContacts() {}

    static Target email(Patient patient) {
        List<ContactPoint> emails = emails(patient);
        if (emails.isEmpty()) {
            return new Target(null, "the patient has no email address");
        }
        ContactPoint email = emails.get(0);
        if (optedOut(email)) {
            return new Target(email.getValue(), "the patient opted out of email notifications");
        }
        return new Target(email.getValue(), null);
    }

    static Target phone(Patient patient) {
        List<ContactPoint> phones = mobiles(patient);
        if (phones.isEmpty()) {
            return new Target(null, "the patient has no mobile phone number");
        }
        ContactPoint phone = phones.get(0);
        if (optedOut(phone)) {
            return new Target(phone.getValue(), "the patient opted out of SMS notifications");
        }
        String number = smsNumber(phone);
        if (number == null) {
            return new Target(phone.getValue(), "not an E.164 phone number: " + phone.getValue());
        }
        return new Target(number, null);
    }

    /** The patient's current email addresses, the one messages go to first. */
    public static List<ContactPoint> emails(Patient patient) {
        return usable(patient, ContactPointSystem.EMAIL);
    }

    /** The patient's current mobile numbers ({@code sms}, then mobile {@code phone}), the one messages go to first. */
    public static List<ContactPoint> mobiles(Patient patient) {
        List<ContactPoint> phones = new ArrayList<>(usable(patient, ContactPointSystem.SMS));
        usable(patient, ContactPointSystem.PHONE).stream()
                .filter(p -> p.getUse() == ContactPoint.ContactPointUse.MOBILE)
                .forEach(phones::add);
        return phones;
    }

    /** The number an SMS would go to (E.164, separators removed), or null when it is not an E.164 number. */
    public static String smsNumber(ContactPoint phone) {
        String number = phone.getValue().replaceAll("[\\s().-]", "");
        return SubscriptionRules.E164.matcher(number).matches() ? number : null;
    }

    private static List<ContactPoint> usable(Patient patient, ContactPointSystem system) {
        Set<ContactPoint> seen = new HashSet<>();
        return patient.getTelecom().stream()
                .filter(c -> c.getSystem() == system && c.hasValue())
                .filter(c -> !c.hasPeriod()
                        || !c.getPeriod().hasEnd()
                        || c.getPeriod().getEnd().after(new java.util.Date()))
                .filter(c -> c.getUse() != ContactPoint.ContactPointUse.OLD)
                .filter(seen::add)
                .sorted((a, b) -> Integer.compare(rank(a), rank(b)))
                .toList();
    }

    private static int rank(ContactPoint contact) {
        return contact.hasRank() ? contact.getRank() : Integer.MAX_VALUE;
    }

    /** Whether the patient does not want appointment messages through this ContactPoint. */
    public static boolean optedOut(ContactPoint contact) {
        return contact.getExtensionsByUrl(NotificationPlanner.OPT_OUT_EXTENSION).stream()
                .anyMatch(e -> e.getValue() instanceof BooleanType b && b.booleanValue());
    }

    static String preferredLanguage(Patient patient) {
        return patient.getCommunication().stream()
                .sorted((a, b) -> Boolean.compare(b.getPreferred(), a.getPreferred()))
                .flatMap(c -> c.getLanguage().getCoding().stream())
                .map(coding -> coding.getCode())
                .filter(Objects::nonNull)
                .findFirst()
                .orElse(null);
    }

    static String firstName(Patient patient) {
        if (!patient.hasName()) {
            return "";
        }
        var name = patient.getNameFirstRep();
        if (name.hasGiven()) {
            return name.getGivenAsSingleString().split(" ")[0];
        }
        return name.hasText() ? name.getText() : name.hasFamily() ? name.getFamily() : "";
    }
}

package org.mediwox.notification.preferences;

import java.util.List;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.StringType;
import org.mediwox.notification.planning.NotificationPlanner;
import org.mediwox.notification.planning.PatientContacts;

/**
 * The patient's choice of channels for appointment messages, read from and written to the Patient: the extension
 * {@code notification-opt-out} on the ContactPoints the notification planner sends to ({@link PatientContacts}). Turning
 * a channel off marks every current ContactPoint of it (so a second address of that kind does not take over); turning
 * it on removes the marks.
 */
final class ReminderChannels {

    /** A channel of appointment messages, by its code in {@code $notification-preferences}. */
    enum Channel {
        EMAIL("email"),
        SMS("sms");

        final String code;

        Channel(String code) {
            this.code = code;
        }
    }

    private ReminderChannels() {}

    /** The answer of {@code $notification-preferences}: one {@code channel} per channel, in a fixed order. */
    static Parameters describe(Patient patient) {
        Parameters answer = new Parameters();
        for (Channel channel : Channel.values()) {
            List<ContactPoint> contacts = contacts(patient, channel);
            ParametersParameterComponent part = answer.addParameter().setName("channel");
            part.addPart().setName("system").setValue(new CodeType(channel.code));
            if (contacts.isEmpty()) {
                part.addPart().setName("enabled").setValue(new BooleanType(false));
                part.addPart().setName("problem").setValue(new CodeType("no-address"));
                continue;
            }
            ContactPoint first = contacts.get(0);
            part.addPart().setName("address").setValue(new StringType(first.getValue()));
            part.addPart().setName("enabled").setValue(new BooleanType(!PatientContacts.optedOut(first)));
            if (channel == Channel.SMS && PatientContacts.smsNumber(first) == null) {
                part.addPart().setName("problem").setValue(new CodeType("not-e164"));
            }
        }
        return answer;
    }

    /**
     * Sets a channel on or off on the patient (in memory).
     *
     * @return whether the patient changed
     */
    static boolean choose(Patient patient, Channel channel, boolean enabled) {
        boolean changed = false;
        for (ContactPoint contact : contacts(patient, channel)) {
            if (PatientContacts.optedOut(contact) == !enabled) {
                continue;
            }
            contact.getExtension().removeIf(e -> NotificationPlanner.OPT_OUT_EXTENSION.equals(e.getUrl()));
            if (!enabled) {
                contact.addExtension(NotificationPlanner.OPT_OUT_EXTENSION, new BooleanType(true));
            }
            changed = true;
        }
        return changed;
    }

    private static List<ContactPoint> contacts(Patient patient, Channel channel) {
        return channel == Channel.EMAIL ? PatientContacts.emails(patient) : PatientContacts.mobiles(patient);
    }
}

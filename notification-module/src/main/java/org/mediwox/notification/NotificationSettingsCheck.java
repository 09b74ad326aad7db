package org.mediwox.notification;

import java.util.ArrayList;
import java.util.List;
import org.mediwox.plugin.server.ProductionSettings;

/**
 * Which notification settings are unsafe for production ({@code mediwox.demo=false}): the demo's defaults would tell
 * patients to call a fictional number and manage their appointments on {@code localhost}, and an unset transport would
 * record every message and send none. The server asks this check at start and refuses to start on any problem, listed
 * together with its own; the module reads only its own settings.
 */
public final class NotificationSettingsCheck implements ProductionSettings {

    static final String TRANSPORT_UNSET = "mediwox.notification.transport is not set: in production choose aws"
            + " (Amazon SES and SNS) or, knowingly, log (nothing sent)";

    private final NotificationProperties properties;

    public NotificationSettingsCheck(NotificationProperties properties) {
        this.properties = properties;
    }

    /** What would be wrong in production (the server asks only there: in the demo, its defaults are the point). */
    @Override
    public List<UnsafeSetting> unsafe() {
        List<UnsafeSetting> problems = new ArrayList<>();
        if (properties.transport() == null) {
            problems.add(new UnsafeSetting(
                    "mediwox.notification.transport",
                    "not set; the default log transport (messages recorded, nothing sent) is the demo's only",
                    "MEDIWOX_NOTIFICATION_TRANSPORT=aws to send through Amazon SES and SNS, or =log to record and log"
                            + " messages without sending them (recorded as logged, never as sent)"));
        }
        if (properties.manageUrl().equals(NotificationProperties.DEMO_MANAGE_URL)) {
            problems.add(new UnsafeSetting(
                    "mediwox.notification.manage-url",
                    "still the demo's " + NotificationProperties.DEMO_MANAGE_URL
                            + ", which every message gives patients to change or cancel",
                    "MEDIWOX_NOTIFICATION_MANAGE_URL=<the public address of your patient app>"));
        }
        if (properties.clinicPhone().equals(NotificationProperties.DEMO_CLINIC_PHONE)) {
            problems.add(new UnsafeSetting(
                    "mediwox.notification.clinic-phone",
                    "still the demo's fictional " + NotificationProperties.DEMO_CLINIC_PHONE
                            + ", which every message gives patients to call",
                    "MEDIWOX_NOTIFICATION_CLINIC_PHONE=<the clinic's phone number, E.164>"));
        }
        return List.copyOf(problems);
    }
}

package org.mediwox.notification.planning;

import java.text.MessageFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import org.mediwox.notification.outbox.MessageEvent;

/**
 * Message texts per language from {@code templates/messages*.properties} (English, Spanish). They carry the minimum:
 * time, provider, place and how to change or cancel; never a diagnosis or the reason for the visit.
 */
public class MessageTemplates {

    public static final List<String> LANGUAGES = List.of("en", "es");
    private static final String BUNDLE = "org.mediwox.notification.templates.messages";

    /**
     * What a message says about one appointment. {@code heldUntil} and {@code link} are an offer's: until when it is
     * held, and the patient app's page of it.
     */
    public record Facts(
            String patientName,
            Instant start,
            String provider,
            String place,
            Instant previousStart,
            Instant heldUntil,
            String link) {

        public Facts(String patientName, Instant start, String provider, String place, Instant previousStart) {
            this(patientName, start, provider, place, previousStart, null, null);
        }
    }

    private final ZoneId zone;
    private final String manageUrl;
    private final String clinicPhone;

    public MessageTemplates(ZoneId zone, String manageUrl, String clinicPhone) {
        this.zone = zone;
        this.manageUrl = manageUrl;
        this.clinicPhone = clinicPhone;
    }

    /** {@code en} or {@code es} for a BCP-47 tag such as {@code es-MX}; English for anything else. */
    public static String language(String tag) {
        if (tag == null) {
            return "en";
        }
        String language = Locale.forLanguageTag(tag.replace('_', '-')).getLanguage();
        return LANGUAGES.contains(language) ? language : "en";
    }

    /** A localized text of the bundle, e.g. {@code fallback.place}. */
    public String text(String key, String language) {
        return bundle(language).getString(key);
    }

    /** The subject of an email about {@code event} (keys {@code <event>.subject}). */
    public String subject(MessageEvent event, String language) {
        return bundle(language).getString(event.value() + ".subject");
    }

    /** The text of a message about {@code event} (keys {@code <event>.body}). */
    public String body(MessageEvent event, String language, Facts facts) {
        return format(event.value() + ".body", language, facts);
    }

    /** The short text of an SMS about {@code event} (keys {@code <event>.sms}). */
    public String sms(MessageEvent event, String language, Facts facts) {
        return format(event.value() + ".sms", language, facts);
    }

    private String format(String key, String language, Facts facts) {
        Locale locale = Locale.forLanguageTag(language);
        MessageFormat format = new MessageFormat(bundle(language).getString(key), locale);
        return format.format(new Object[] {
            facts.patientName(),
            when(facts.start(), locale),
            facts.provider(),
            facts.place(),
            manageUrl,
            clinicPhone,
            facts.previousStart() == null ? "" : when(facts.previousStart(), locale),
            facts.heldUntil() == null ? "" : timeOfDay(facts.heldUntil(), locale),
            facts.link() == null ? manageUrl : facts.link()
        });
    }

    /** The date and time in the clinic's zone, in the patient's language, e.g. "Thursday, 26 November 2026, 09:00 CET". */
    String when(Instant instant, Locale locale) {
        DateTimeFormatter date =
                DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL).withLocale(locale);
        DateTimeFormatter time = DateTimeFormatter.ofPattern("HH:mm zzz", locale);
        var local = instant.atZone(zone);
        return date.format(local) + ", " + time.format(local);
    }

    /** The time of day in the clinic's zone, e.g. "15:20 CET". */
    String timeOfDay(Instant instant, Locale locale) {
        return DateTimeFormatter.ofPattern("HH:mm zzz", locale).format(instant.atZone(zone));
    }

    /** The patient app's page of a waiting-list offer for the booked Appointment {@code bookedId}. */
    public String offerLink(String bookedId) {
        String base = manageUrl.endsWith("/") ? manageUrl : manageUrl + "/";
        return base + "#/appointments/" + bookedId + "/offer";
    }

    private static ResourceBundle bundle(String language) {
        return ResourceBundle.getBundle(
                BUNDLE,
                Locale.forLanguageTag(language),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }
}

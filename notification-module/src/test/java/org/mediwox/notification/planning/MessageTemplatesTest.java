package org.mediwox.notification.planning;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mediwox.notification.outbox.MessageEvent;

class MessageTemplatesTest {

    private final MessageTemplates templates =
            new MessageTemplates(ZoneId.of("Europe/Madrid"), "https://clinic.example/app", "+34910000000");
    private final MessageTemplates.Facts facts = new MessageTemplates.Facts(
            "Ana", Instant.parse("2026-11-26T14:00:00Z"), "Dr. Amara Okafor", "Mediwox Main Street", null);

    @Test
    void spanishPatient_getsSpanishText_withTimeInTheClinicsZone_andHowToCancel() {
        String body = templates.body(MessageEvent.BOOKED, "es", facts);

        assertThat(templates.subject(MessageEvent.BOOKED, "es")).isEqualTo("Su cita está confirmada");
        assertThat(body)
                .contains("Hola Ana")
                .contains("jueves, 26 de noviembre de 2026, 15:00 CET")
                .contains("Dr. Amara Okafor")
                .contains("Mediwox Main Street")
                .contains("https://clinic.example/app")
                .contains("+34910000000");
    }

    @Test
    void englishIsTheDefault_forUnknownOrMissingLanguages() {
        assertThat(MessageTemplates.language("es-MX")).isEqualTo("es");
        assertThat(MessageTemplates.language("en-GB")).isEqualTo("en");
        assertThat(MessageTemplates.language("de")).isEqualTo("en");
        assertThat(MessageTemplates.language(null)).isEqualTo("en");
        assertThat(templates.subject(MessageEvent.CANCELLED, "en")).isEqualTo("Your appointment was cancelled");
        assertThat(templates.body(MessageEvent.BOOKED, "en", facts)).contains("Thursday, November 26, 2026, 15:00 CET");
    }

    @Test
    void rescheduleMessage_namesTheOldAndTheNewTime() {
        MessageTemplates.Facts moved = new MessageTemplates.Facts(
                "John",
                Instant.parse("2026-11-27T09:30:00Z"),
                "Dr. Amara Okafor",
                "Mediwox Main Street",
                Instant.parse("2026-11-26T14:00:00Z"));

        assertThat(templates.body(MessageEvent.RESCHEDULED, "en", moved))
                .contains("from Thursday, November 26, 2026, 15:00 CET to Friday, November 27, 2026, 10:30 CET");
    }

    @Test
    void offer_saysUntilWhenItIsHeld_theTimeItWouldReplace_andLinksToTheOffer() {
        MessageTemplates.Facts offer = new MessageTemplates.Facts(
                "Ana",
                Instant.parse("2026-11-26T14:00:00Z"),
                "Dr. Amara Okafor",
                "Mediwox Main Street",
                Instant.parse("2026-11-30T09:00:00Z"),
                Instant.parse("2026-11-25T10:15:00Z"),
                templates.offerLink("42"));

        assertThat(templates.subject(MessageEvent.OFFERED, "es")).isEqualTo("Hay una hora antes libre para usted");
        assertThat(templates.body(MessageEvent.OFFERED, "es", offer))
                .contains("Hola Ana")
                .contains("jueves, 26 de noviembre de 2026, 15:00 CET")
                .contains("hasta las 11:15 CET")
                .contains("lunes, 30 de noviembre de 2026, 10:00 CET")
                .contains("https://clinic.example/app/#/appointments/42/offer");
        assertThat(templates.sms(MessageEvent.OFFERED, "en", offer))
                .contains("Thursday, November 26, 2026, 15:00 CET")
                .contains("until 11:15 CET")
                .contains("https://clinic.example/app/#/appointments/42/offer");
    }

    @Test
    void textsCarryNoClinicalDetail() {
        for (String language : MessageTemplates.LANGUAGES) {
            for (MessageEvent event : List.of(
                    MessageEvent.BOOKED,
                    MessageEvent.CANCELLED,
                    MessageEvent.RESCHEDULED,
                    MessageEvent.OFFERED,
                    MessageEvent.REMINDER)) {
                assertThat(templates.body(event, language, facts))
                        .doesNotContainIgnoringCase("diagnos")
                        .doesNotContainIgnoringCase("reason");
            }
        }
    }
}

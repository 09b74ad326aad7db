package org.mediwox.scheduling.payer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import org.hl7.fhir.r4.model.Extension;
import org.junit.jupiter.api.Test;
import org.mediwox.plugin.vocabulary.MediwoxExtensions;

class PayerAnswerTest {

    private static final FhirContext R4 = FhirContext.forR4Cached();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void read_keepsCardsWithTheirRequiredFields_absoluteLinksOnly_andCrdCoverageInformation() throws Exception {
        String answer = """
                {"cards": [
                  {"uuid": "1", "summary": "Prior authorization needed", "indicator": "warning",
                   "detail": "Send the referral.", "source": {"label": "Payer", "url": "https://p.example",
                   "topic": {"system": "urn:t", "code": "pa"}},
                   "links": [{"label": "PA", "url": "https://p.example/pa", "type": "absolute"},
                             {"label": "App", "url": "https://p.example/app", "type": "smart"}]},
                  {"summary": "no indicator", "source": {"label": "Payer"}},
                  {"summary": "unknown indicator", "indicator": "hard-stop", "source": {"label": "Payer"}},
                  {"indicator": "info", "source": {"label": "Payer"}},
                  {"summary": "no source", "indicator": "info"}],
                 "systemActions": [
                  {"type": "update", "resource": {"resourceType": "Appointment", "status": "proposed",
                   "participant": [], "extension": [
                    {"url": "http://hl7.org/fhir/us/davinci-crd/StructureDefinition/ext-coverage-information",
                     "extension": [{"url": "covered", "valueCode": "not-covered"}]},
                    {"url": "urn:other", "valueString": "not kept"}]}},
                  {"type": "create", "resource": {"resourceType": "Task", "status": "requested", "intent": "order"}}]}
                """;

        PayerAnswer read = PayerAnswer.read(JSON.readTree(answer), R4);

        assertThat(read.cards()).singleElement().satisfies(card -> {
            assertThat(card.summary()).isEqualTo("Prior authorization needed");
            assertThat(card.indicator()).isEqualTo("warning");
            assertThat(card.topic().getCode()).isEqualTo("pa");
            assertThat(card.links()).containsExactly(new PayerAnswer.Link("PA", "https://p.example/pa"));
            Extension kept = card.toExtension();
            assertThat(kept.getUrl()).isEqualTo(MediwoxExtensions.PAYER_CARD);
            assertThat(kept.getExtensionString("detail")).isEqualTo("Send the referral.");
            assertThat(kept.getExtensionString("sourceUrl")).isEqualTo("https://p.example");
        });
        assertThat(read.coverageInformation())
                .singleElement()
                .satisfies(e -> assertThat(e.getExtensionString("covered")).isEqualTo("not-covered"));
    }

    @Test
    void read_refusesAnAnswerWithoutCards() throws Exception {
        assertThatThrownBy(() -> PayerAnswer.read(JSON.readTree("{\"error\": \"x\"}"), R4))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void properties_needTheServiceWhenEnabled_andAddressIt() {
        assertThatThrownBy(() -> new PayerProperties(
                        true, null, "svc", java.time.Duration.ofSeconds(2), java.time.Duration.ofMinutes(1), 10))
                .hasMessageContaining("cds-base-url");
        PayerProperties properties = new PayerProperties(
                true,
                URI.create("https://payer.example/cds-services"),
                "crd",
                java.time.Duration.ofSeconds(2),
                java.time.Duration.ofMinutes(1),
                10);
        assertThat(properties.serviceUrl()).hasToString("https://payer.example/cds-services/crd");
    }
}

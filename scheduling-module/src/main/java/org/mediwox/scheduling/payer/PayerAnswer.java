package org.mediwox.scheduling.payer;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.MarkdownType;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.UrlType;
import org.mediwox.plugin.vocabulary.MediwoxExtensions;

/**
 * A payer's answer to {@code appointment-book}: its cards, and the Da Vinci CRD coverage information its system actions
 * put on the Appointment. Kept as values ({@code payer-card}, CRD's {@code ext-coverage-information}), never as text
 * another part of Mediwox must parse.
 */
public record PayerAnswer(List<Card> cards, List<Extension> coverageInformation) {

    private static final Set<String> INDICATORS = Set.of("info", "warning", "critical");

    /** One CDS Hooks card, as Mediwox keeps it. */
    public record Card(
            String uuid,
            String summary,
            String indicator,
            String detail,
            String source,
            String sourceUrl,
            Coding topic,
            List<Link> links) {

        /** The card as the {@code payer-card} extension. */
        public Extension toExtension() {
            Extension card = new Extension(MediwoxExtensions.PAYER_CARD);
            if (uuid != null) {
                card.addExtension("uuid", new StringType(uuid));
            }
            card.addExtension("summary", new StringType(summary));
            card.addExtension("indicator", new CodeType(indicator));
            if (detail != null) {
                card.addExtension("detail", new MarkdownType(detail));
            }
            card.addExtension("source", new StringType(source));
            if (sourceUrl != null) {
                card.addExtension("sourceUrl", new UrlType(sourceUrl));
            }
            if (topic != null) {
                card.addExtension("topic", topic);
            }
            for (Link link : links) {
                Extension kept = card.addExtension().setUrl("link");
                kept.addExtension("label", new StringType(link.label()));
                kept.addExtension("url", new UrlType(link.url()));
            }
            return card;
        }
    }

    /** A card's link (absolute links only: a SMART app link needs a launch this server does not make). */
    public record Link(String label, String url) {}

    public PayerAnswer {
        cards = List.copyOf(cards);
        coverageInformation = List.copyOf(coverageInformation);
    }

    /** Reads a CDS Hooks answer; a card without its required fields is left out, not guessed. */
    static PayerAnswer read(JsonNode answer, FhirContext fhirContext) {
        if (!answer.isObject() || !answer.path("cards").isArray()) {
            throw new IllegalArgumentException("a CDS Hooks answer has a cards array");
        }
        List<Card> cards = new ArrayList<>();
        for (JsonNode card : answer.get("cards")) {
            String summary = text(card, "summary");
            String indicator = text(card, "indicator");
            String source = text(card.path("source"), "label");
            if (summary == null || source == null || indicator == null || !INDICATORS.contains(indicator)) {
                continue;
            }
            JsonNode topic = card.path("source").path("topic");
            List<Link> links = new ArrayList<>();
            for (JsonNode link : card.path("links")) {
                String url = text(link, "url");
                if (text(link, "label") != null && url != null && "absolute".equals(text(link, "type"))) {
                    links.add(new Link(text(link, "label"), url));
                }
            }
            cards.add(new Card(
                    text(card, "uuid"),
                    summary.length() > 140 ? summary.substring(0, 140) : summary,
                    indicator,
                    text(card, "detail"),
                    source,
                    text(card.path("source"), "url"),
                    topic.isObject()
                            ? new Coding(text(topic, "system"), text(topic, "code"), text(topic, "display"))
                            : null,
                    links));
        }
        List<Extension> coverage = new ArrayList<>();
        for (JsonNode action : answer.path("systemActions")) {
            JsonNode resource = action.path("resource");
            if ("update".equals(text(action, "type")) && "Appointment".equals(text(resource, "resourceType"))) {
                Appointment updated = fhirContext.newJsonParser().parseResource(Appointment.class, resource.toString());
                updated.getExtension().stream()
                        .filter(e -> MediwoxExtensions.CRD_COVERAGE_INFORMATION.equals(e.getUrl()))
                        .forEach(coverage::add);
            }
        }
        return new PayerAnswer(cards, coverage);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }
}

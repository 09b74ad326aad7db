package org.mediwox.server.fulltext;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.Patient;
import org.mediwox.server.support.OpenSearchNode;

/**
 * One deployment's resource index on the test OpenSearch node (its index prefix), read and changed over OpenSearch's
 * own REST API, and the searchable Patients the full-text tests write into it.
 */
record ResourceIndex(OpenSearchNode opensearch, String prefix) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Documents holding {@code word}, after a refresh (OpenSearch's own count). */
    long documentsWith(String word) {
        refresh();
        return json(opensearch.get(read() + "/_count?q=" + word)).get("count").asLong();
    }

    /** The first document holding {@code word}, as OpenSearch returns a hit: its id, routing and source. */
    JsonNode documentWith(String word) {
        refresh();
        return json(opensearch.get(read() + "/_search?q=" + word)).at("/hits/hits/0");
    }

    /** Deletes a document as {@link #documentWith} returned it (the test node has no delete-by-query). */
    void delete(JsonNode hit) {
        opensearch.delete(document(hit));
    }

    /** Writes a document back as {@link #documentWith} returned it. */
    void restore(JsonNode hit) {
        opensearch.post(document(hit), hit.get("_source").toString());
    }

    private String document(JsonNode hit) {
        String routing =
                hit.hasNonNull("_routing") ? "&routing=" + hit.get("_routing").asText() : "";
        return "/" + prefix + "-resourcetable-write/_doc/" + hit.get("_id").asText() + "?refresh=true" + routing;
    }

    private void refresh() {
        opensearch.get(read() + "/_refresh");
    }

    private String read() {
        return "/" + prefix + "-resourcetable-read";
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The ids of a search's matches. */
    static List<String> ids(IGenericClient client, String search) {
        return client.search().byUrl(search).returnBundle(Bundle.class).execute().getEntry().stream()
                .map(e -> e.getResource().getIdElement().getIdPart())
                .toList();
    }

    /** A Patient whose given name and narrative hold {@code word}. */
    static Patient patient(String family, String narrative, String word) {
        Patient patient = new Patient();
        patient.addName().setFamily(family).addGiven(word);
        patient.getText()
                .setStatus(Narrative.NarrativeStatus.GENERATED)
                .setDivAsString("<div xmlns=\"http://www.w3.org/1999/xhtml\">" + narrative + " " + word + "</div>");
        return patient;
    }

    /** A word no other resource holds. */
    static String word(String start) {
        return start
                + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toLowerCase(Locale.ROOT);
    }
}

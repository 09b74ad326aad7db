package org.mediwox.server.fulltext;

import static org.assertj.core.api.Assertions.assertThat;

import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

/** The {@code _text} words the sweep rebuilds, as HAPI extracts them at write: the narrative's characters. */
class FullTextReindexerTest {

    @Test
    void narrativeWords_areTheNarrativesCharacters() {
        Patient patient = new Patient();
        patient.getText()
                .setStatus(Narrative.NarrativeStatus.GENERATED)
                .setDivAsString("<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>Keeps <b>bees</b></p></div>");

        assertThat(FullTextReindexer.narrativeWords(patient).split("\\s+")).containsExactly("Keeps", "bees");
    }

    @Test
    void noNarrative_noWords() {
        assertThat(FullTextReindexer.narrativeWords(new Patient())).isNull();
        assertThat(FullTextReindexer.narrativeWords(new Binary()))
                .as("not a domain resource")
                .isNull();
    }
}

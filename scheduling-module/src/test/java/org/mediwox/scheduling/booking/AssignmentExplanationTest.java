package org.mediwox.scheduling.booking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.mediwox.scheduling.booking.AssignmentExplanation.Provider;
import org.mediwox.scheduling.booking.AssignmentExplanation.Skip;
import org.mediwox.scheduling.booking.AssignmentExplanation.SkipReason;

class AssignmentExplanationTest {

    private static final String POOL = "specialty=urn:test|gp;visit-type=;location=";
    private static final Provider CHEN = new Provider("PractitionerRole/12", "Dr. Amelia Chen");
    private static final Provider HADDAD = new Provider("PractitionerRole/11", "Dr. Omar Haddad");
    private static final Provider UNNAMED = new Provider("PractitionerRole/10", null);

    @Test
    void rotation_rendersTheSentenceAndOneLinePerSkip() {
        AssignmentExplanation explanation = AssignmentExplanation.rotation(
                POOL,
                5,
                11,
                2,
                CHEN,
                List.of(
                        new Skip(UNNAMED, SkipReason.NO_FREE_SLOT, null),
                        new Skip(HADDAD, SkipReason.SLOTS_BEING_BOOKED, null),
                        new Skip(CHEN, SkipReason.PATIENT_BUSY, "Slot/7")));

        assertThat(explanation.lines())
                .containsExactly(
                        "Rotation turn 11 of pool " + POOL
                                + " (5 providers, position 2): assigned PractitionerRole/12 (Dr. Amelia Chen),"
                                + " 2 provider(s) later in rotation",
                        "Skipped PractitionerRole/10: no free slot in the window",
                        "Skipped PractitionerRole/11 (Dr. Omar Haddad): every free slot found was being booked by"
                                + " other requests",
                        "Slot/7 of PractitionerRole/12 (Dr. Amelia Chen) not taken: the patient already has an"
                                + " appointment at that time");
    }

    @Test
    void rotation_withNobodySkipped_saysNothingAboutLaterProviders() {
        AssignmentExplanation explanation = AssignmentExplanation.rotation(POOL, 3, 0, 1, CHEN, List.of());

        assertThat(explanation.text())
                .isEqualTo("Rotation turn 0 of pool " + POOL
                        + " (3 providers, position 1): assigned PractitionerRole/12 (Dr. Amelia Chen)");
        assertThat(explanation.lines()).hasSize(1);
    }

    @Test
    void urgent_rendersTheEarliestSlotSentence() {
        AssignmentExplanation explanation = AssignmentExplanation.urgent(POOL, 3, HADDAD, List.of());

        assertThat(explanation.text())
                .isEqualTo("Urgent request: earliest free slot in pool " + POOL
                        + ", with PractitionerRole/11 (Dr. Omar Haddad)");
    }

    @Test
    void rotationExtension_holdsEveryValue_andTheSentenceAsText() {
        AssignmentExplanation explanation = AssignmentExplanation.rotation(
                POOL,
                5,
                11,
                2,
                CHEN,
                List.of(
                        new Skip(HADDAD, SkipReason.NO_FREE_SLOT, null),
                        new Skip(CHEN, SkipReason.RESERVED_FOR_URGENT, "Slot/7")));

        Extension extension = explanation.toExtension();

        assertThat(extension.getUrl()).isEqualTo("https://mediwox.org/fhir/StructureDefinition/assignment-explanation");
        assertThat(extension.hasValue()).isFalse();
        assertThat(extension.getExtension())
                .extracting(Extension::getUrl)
                .containsExactly(
                        "method", "pool", "poolSize", "turn", "position", "assigned", "skipped", "skipped", "text");
        assertThat(extension.getExtensionString("method")).isEqualTo("rotation");
        assertThat(extension.getExtensionString("pool")).isEqualTo(POOL);
        assertThat(integer(extension, "poolSize")).isEqualTo(5);
        assertThat(integer(extension, "turn")).isEqualTo(11);
        assertThat(integer(extension, "position")).isEqualTo(2);
        Reference assigned = (Reference) extension.getExtensionByUrl("assigned").getValue();
        assertThat(assigned.getReference()).isEqualTo("PractitionerRole/12");
        assertThat(assigned.getDisplay()).isEqualTo("Dr. Amelia Chen");
        List<Extension> skipped = extension.getExtensionsByUrl("skipped");
        assertThat(skipped.get(0).getExtension()).extracting(Extension::getUrl).containsExactly("provider", "reason");
        assertThat(((Reference) skipped.get(0).getExtensionByUrl("provider").getValue()).getReference())
                .isEqualTo("PractitionerRole/11");
        assertThat(skipped.get(0).getExtensionString("reason")).isEqualTo("no-free-slot");
        assertThat(skipped.get(1).getExtensionString("reason")).isEqualTo("reserved-for-urgent");
        assertThat(((Reference) skipped.get(1).getExtensionByUrl("slot").getValue()).getReference())
                .isEqualTo("Slot/7");
        assertThat(extension.getExtensionString("text")).isEqualTo(explanation.text());
    }

    @Test
    void urgentExtension_hasNoTurnOrPosition_andAProviderWithoutNameHasNoDisplay() {
        Extension extension =
                AssignmentExplanation.urgent(POOL, 3, UNNAMED, List.of()).toExtension();

        assertThat(extension.getExtensionString("method")).isEqualTo("urgent-earliest");
        assertThat(extension.getExtensionByUrl("turn")).isNull();
        assertThat(extension.getExtensionByUrl("position")).isNull();
        assertThat(extension.getExtensionsByUrl("skipped")).isEmpty();
        assertThat(((Reference) extension.getExtensionByUrl("assigned").getValue()).hasDisplay())
                .isFalse();
    }

    @Test
    void everyRefusalOfTheDatabase_hasASkipReason() {
        for (BookingClaims.Refusal refusal : BookingClaims.Refusal.values()) {
            assertThat(SkipReason.of(refusal).name()).isEqualTo(refusal.name());
        }
    }

    private static int integer(Extension extension, String url) {
        return ((IntegerType) extension.getExtensionByUrl(url).getValue()).getValue();
    }
}

package org.mediwox.server.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.util.Arrays;
import java.util.List;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.junit.jupiter.api.Test;
import org.mediwox.ig.MediwoxPackage;
import org.mediwox.plugin.vocabulary.BookingRefusal;
import org.mediwox.plugin.vocabulary.CancellationReason;
import org.mediwox.plugin.vocabulary.MediwoxExtensions;
import org.mediwox.plugin.vocabulary.StaffRefusal;
import org.mediwox.plugin.vocabulary.StaffRole;

/** The codes and extensions the modules write (plugin-api's vocabulary) are exactly those the IG defines. */
class VocabularyTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final List<?> RESOURCES = MediwoxPackage.load().conformanceResources(FHIR);

    @Test
    void bookingRefusalCodes_areTheIgCodeSystem() {
        assertThat(codes(BookingRefusal.SYSTEM))
                .containsExactlyElementsOf(Arrays.stream(BookingRefusal.values())
                        .map(BookingRefusal::code)
                        .toList());
    }

    @Test
    void cancellationReasons_areTheIgCodeSystem() {
        assertThat(codes(CancellationReason.SYSTEM))
                .containsExactlyElementsOf(Arrays.stream(CancellationReason.values())
                        .map(CancellationReason::code)
                        .toList());
    }

    @Test
    void staffRolesAndRefusals_areTheIgCodeSystems() {
        assertThat(codes(StaffRole.SYSTEM))
                .containsExactlyElementsOf(
                        Arrays.stream(StaffRole.values()).map(StaffRole::code).toList());
        assertThat(codes(StaffRefusal.SYSTEM))
                .containsExactlyElementsOf(Arrays.stream(StaffRefusal.values())
                        .map(StaffRefusal::code)
                        .toList());
    }

    @Test
    void sharedExtensions_areDefinedInTheIg() {
        List<String> urls = RESOURCES.stream()
                .filter(StructureDefinition.class::isInstance)
                .map(r -> ((StructureDefinition) r).getUrl())
                .toList();
        assertThat(urls)
                .contains(
                        MediwoxExtensions.ASSIGNMENT_EXPLANATION,
                        MediwoxExtensions.OVERBOOKING,
                        MediwoxExtensions.RESCHEDULED_FROM);
    }

    private static List<String> codes(String system) {
        return RESOURCES.stream()
                .filter(r -> r instanceof CodeSystem cs && system.equals(cs.getUrl()))
                .flatMap(r -> ((CodeSystem) r).getConcept().stream())
                .map(CodeSystem.ConceptDefinitionComponent::getCode)
                .toList();
    }
}

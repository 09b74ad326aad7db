package org.mediwox.ig;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every example of the guide validates against its profile, and every deliberately broken one
 * ({@code src/test/resources/broken}) fails with the message that names what is wrong.
 */
class ExamplesTest {

    private static final FhirContext FHIR = ConformanceResourcesTest.FHIR;
    private static FhirValidator validator;

    @BeforeAll
    static void offlineValidator() {
        validator = FHIR.newValidator()
                .registerValidatorModule(new FhirInstanceValidator(MediwoxPackage.validationSupport(FHIR)));
    }

    static Stream<IBaseResource> examples() {
        return MediwoxPackage.load().examples(FHIR).stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void example_isValidAgainstItsProfile(IBaseResource example) {
        assertThat(errors(example))
                .as("errors in %s", example.getIdElement().getValue())
                .isEmpty();
    }

    @Test
    void everyProfileAndOperationHasExamples() {
        List<String> operations = MediwoxPackage.load().conformanceResources(FHIR).stream()
                .filter(r -> r instanceof org.hl7.fhir.r4.model.OperationDefinition)
                .map(r -> ((org.hl7.fhir.r4.model.OperationDefinition) r).getCode())
                .toList();
        assertThat(operations).hasSize(12);
        List<IBaseResource> examples = MediwoxPackage.load().examples(FHIR);
        for (String profile : MediwoxPackage.load().profilesByType(FHIR).values()) {
            assertThat(examples)
                    .as("an example of %s", profile)
                    .anySatisfy(e -> assertThat(((Resource) e).getMeta().hasProfile(profile))
                            .isTrue());
        }
        for (String operation : List.of(
                "find",
                "hold",
                "book",
                "cancel",
                "waitlist",
                "status",
                "notifications",
                "notification-replay",
                "notification-preferences",
                "smart-launch",
                "workload")) {
            assertThat(examples)
                    .extracting(e -> e.getIdElement().getIdPart())
                    .contains(operation + "-request", operation + "-response");
        }
        // $bulk-publish answers SMART Scheduling Links' manifest, JSON that is not a FHIR resource (checked against
        // the specification by BulkPublishIT): an example of its request only
        assertThat(examples).extracting(e -> e.getIdElement().getIdPart()).contains("bulk-publish-request");
    }

    static Stream<Arguments> brokenExamples() {
        return Stream.of(
                Arguments.of("Appointment-end-before-start.json", "mwx-appt-1", "ends after it starts"),
                Arguments.of("Appointment-missing-status.json", "Appointment.status", "minimum required = 1"),
                Arguments.of("Appointment-bad-status-code.json", "Appointment.status", "confirmed"),
                Arguments.of("Slot-end-before-start.json", "mwx-slot-1", "ends after it starts"),
                Arguments.of(
                        "Schedule-horizon-ends-before-it-starts.json",
                        "mwx-sched-1",
                        "planning horizon cannot end before it starts"),
                Arguments.of(
                        "Patient-opt-out-not-boolean.json", "notification-opt-out", "allows for the types [boolean]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenExamples")
    void brokenExample_failsWithTheExpectedMessage(String file, String names, String says) throws IOException {
        String broken; // validated as text: the parser itself refuses some of them (an unknown status code)
        try (InputStream in = getClass().getResourceAsStream("/broken/" + file)) {
            broken = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }

        assertThat(validator.validateWithResult(broken).getMessages().stream()
                        .filter(m -> m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
                        .toList())
                .as("errors of %s", file)
                .anySatisfy(m -> assertThat(m.getLocationString() + " " + m.getMessage())
                        .contains(names)
                        .contains(says));
    }

    private static List<SingleValidationMessage> errors(IBaseResource resource) {
        return validator.validateWithResult(resource).getMessages().stream()
                .filter(m -> m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
                .toList();
    }
}

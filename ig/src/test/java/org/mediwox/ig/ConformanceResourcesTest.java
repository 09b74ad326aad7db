package org.mediwox.ig;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every conformance resource Mediwox ships is valid FHIR R4, checked offline with HAPI's instance validator. */
class ConformanceResourcesTest {

    private static final Path RESOURCES = Path.of("src/main/resources/mediwox-ig");
    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static FhirValidator validator;

    @BeforeAll
    static void offlineValidator() {
        ValidationSupportChain support = new ValidationSupportChain(
                new DefaultProfileValidationSupport(FHIR),
                new CommonCodeSystemsTerminologyService(FHIR),
                new InMemoryTerminologyServerValidationSupport(FHIR));
        validator = FHIR.newValidator().registerValidatorModule(new FhirInstanceValidator(support));
    }

    static Stream<Path> conformanceResources() throws IOException {
        try (Stream<Path> files = Files.list(RESOURCES)) {
            return files
                    .filter(f -> f.getFileName().toString().matches("[A-Z]\\w+-.+\\.json"))
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    /**
     * The SubscriptionTopics are R4 {@code Basic} resources with the R5/R4B cross-version extensions, the form the
     * Subscriptions Backport IG uses for R4 topics. Their definitions come in the cross-version extension packages, which
     * the offline validator does not have; that one message (and only for these URLs) is not an error here.
     */
    private static boolean crossVersionTopicExtension(SingleValidationMessage message) {
        return "Extension_EXT_Version_Invalid".equals(message.getMessageId())
                && message.getMessage()
                        .matches("Extension url 'http://hl7.org/fhir/(5\\.0|4\\.3)/StructureDefinition/"
                                + "extension-SubscriptionTopic\\.[A-Za-z]+' is not valid.*");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("conformanceResources")
    void shippedResource_isValidR4(Path file) throws IOException {
        IBaseResource resource = FHIR.newJsonParser().parseResource(Files.readString(file));

        List<SingleValidationMessage> errors = validator.validateWithResult(resource).getMessages().stream()
                .filter(m -> m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
                .filter(m -> !crossVersionTopicExtension(m))
                .toList();

        assertThat(errors).as("validation errors in %s", file.getFileName()).isEmpty();
        String expectedName =
                resource.fhirType() + "-" + resource.getIdElement().getIdPart() + ".json";
        assertThat(file.getFileName().toString()).isEqualTo(expectedName);
    }
}

package org.mediwox.server.validation;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationOptions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.mediwox.ig.MediwoxPackage;

/**
 * Validates resources of the types Mediwox profiles (Patient, PractitionerRole, Schedule, Slot, Appointment,
 * DocumentReference) against their profile in the implementation guide, offline with HAPI's instance validator — whether
 * or not the resource claims the profile in {@code meta.profile}.
 */
public class ProfileValidator {

    private final Map<String, String> profilesByType;
    private final FhirValidator validator;

    public ProfileValidator(FhirContext fhirContext, Map<String, String> profilesByType) {
        this.profilesByType = Map.copyOf(profilesByType);
        FhirInstanceValidator instanceValidator =
                new FhirInstanceValidator(MediwoxPackage.validationSupport(fhirContext));
        instanceValidator.setAnyExtensionsAllowed(true);
        instanceValidator.setErrorForUnknownProfiles(false);
        this.validator = fhirContext.newValidator().registerValidatorModule(instanceValidator);
    }

    /** The profile a resource of this type is validated against, if Mediwox profiles the type. */
    public Optional<String> profileFor(String resourceType) {
        return Optional.ofNullable(profilesByType.get(resourceType));
    }

    /** The errors (and fatal errors) of the resource against its type's profile; empty when valid or not profiled. */
    public List<SingleValidationMessage> errors(IBaseResource resource) {
        Optional<String> profile = profileFor(resource.fhirType());
        if (profile.isEmpty()) {
            return List.of();
        }
        return validator
                .validateWithResult(resource, new ValidationOptions().addProfile(profile.get()))
                .getMessages()
                .stream()
                .filter(m -> m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
                .toList();
    }
}

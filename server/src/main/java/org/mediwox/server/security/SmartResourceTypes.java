package org.mediwox.server.security;

import ca.uhn.fhir.context.FhirContext;
import java.util.Set;
import java.util.TreeSet;

/** How resource types relate to a patient's data, for patient-level SMART scopes. */
final class SmartResourceTypes {

    /**
     * The clinic's directory and conformance resources: public to any patient who may read them, even those (Schedule)
     * that a patient compartment could hold. A patient needs them to choose a provider, a place and a time.
     */
    static final Set<String> DIRECTORY = Set.of(
            "Practitioner",
            "PractitionerRole",
            "Organization",
            "Location",
            "HealthcareService",
            "Endpoint",
            "Schedule",
            "Slot",
            "CapabilityStatement",
            "OperationDefinition",
            "SearchParameter",
            "StructureDefinition",
            "ImplementationGuide",
            "ValueSet",
            "CodeSystem",
            "Questionnaire");

    private SmartResourceTypes() {}

    /** Types a patient compartment holds (R4 CompartmentDefinition Patient), the directory excepted. */
    static Set<String> patientCompartmentTypes(FhirContext fhirContext) {
        Set<String> types = new TreeSet<>();
        for (String type : fhirContext.getResourceTypes()) {
            if (!DIRECTORY.contains(type)
                    && !fhirContext
                            .getResourceDefinition(type)
                            .getSearchParamsForCompartmentName("Patient")
                            .isEmpty()) {
                types.add(type);
            }
        }
        return Set.copyOf(types);
    }
}

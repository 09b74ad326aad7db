package org.mediwox.server.fhir.compartment;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeSearchParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a search in a patient's compartment ({@code Patient/[id]/[type]}) means as a plain type search, read from FHIR
 * R4's CompartmentDefinition for Patient as HAPI carries it in its resource definitions.
 *
 * <p>A type that joins the compartment through one search parameter (Appointment through {@code actor}, Encounter
 * through {@code patient}) becomes {@code [type]?[parameter]=Patient/[id]}. A type that joins through several
 * (Observation through {@code subject} or {@code performer}) would need them OR-ed, which one FHIR search cannot say
 * (HAPI's {@code _filter} could, but it is off on this server and narrowing by SMART scopes does not reason about it):
 * such a search is refused with the plain searches to make instead, rather than answered with a subset.
 */
final class PatientCompartment {

    static final String NAME = "Patient";

    private static final Pattern TYPE_NARROWING = Pattern.compile("\\.where\\(resolve\\(\\) is [A-Za-z]+\\)");

    private final FhirContext fhirContext;

    PatientCompartment(FhirContext fhirContext) {
        this.fhirContext = fhirContext;
    }

    /**
     * The search parameters that put a resource of this type in a patient's compartment, one for each element they
     * search: the parameters the CompartmentDefinition names, as HAPI's model declares them. HAPI's
     * {@code getSearchParamsForCompartmentName} adds every parameter on the same element for its authorization
     * rules (Appointment's {@code practitioner} and {@code location} next to {@code actor}); those are left out, and
     * of declared parameters on one element only the one that does not narrow it by type is kept.
     */
    List<String> membershipParameters(String resourceType) {
        Map<String, RuntimeSearchParam> byElement = new TreeMap<>();
        fhirContext.getResourceDefinition(resourceType).getSearchParamsForCompartmentName(NAME).stream()
                .filter(parameter -> parameter.getProvidesMembershipInCompartments() != null
                        && parameter.getProvidesMembershipInCompartments().contains(NAME))
                .sorted(Comparator.comparing(RuntimeSearchParam::getName))
                .forEach(parameter -> byElement.merge(
                        element(parameter.getPath()),
                        parameter,
                        (kept, other) -> other.getPath().equals(element(other.getPath())) ? other : kept));
        return byElement.values().stream()
                .map(RuntimeSearchParam::getName)
                .sorted()
                .toList();
    }

    /** The element a path searches, without a {@code .where(resolve() is Type)} narrowing. */
    private static String element(String path) {
        return TYPE_NARROWING.matcher(path).replaceAll("");
    }

    /**
     * The criterion that limits a search of this type to the patient's compartment, e.g. {@code actor=Patient/23}.
     *
     * @throws InvalidRequestException (400) naming what to search instead when the type is outside the compartment or
     *     joins it through several parameters
     */
    String criterion(String patientId, String resourceType) {
        List<String> parameters = membershipParameters(resourceType);
        String compartmentSearch = NAME + "/" + patientId + "/" + resourceType;
        if (parameters.isEmpty()) {
            throw new InvalidRequestException(resourceType
                    + " is not in the Patient compartment (FHIR R4 CompartmentDefinition patient), so "
                    + compartmentSearch + " cannot be searched; search " + resourceType + " directly");
        }
        if (parameters.size() > 1) {
            String instead = parameters.stream()
                    .map(parameter -> resourceType + "?" + parameter + "=" + NAME + "/" + patientId)
                    .collect(Collectors.joining(" and "));
            throw new InvalidRequestException(resourceType + " is in the Patient compartment through any of "
                    + String.join(", ", parameters) + ", which one FHIR search cannot combine, so "
                    + compartmentSearch + " is not supported; search " + instead + " instead");
        }
        return parameters.get(0) + "=" + NAME + "/" + patientId;
    }
}

package org.mediwox.server.validation;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.fhirpath.FhirPathExecutionException;
import ca.uhn.fhir.fhirpath.IFhirPath;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.ElementDefinition;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.StructureDefinition;

/**
 * The rules a Mediwox profile holds a resource to, checked fast on every write: the base resource's required elements
 * (its minimum cardinalities — HAPI's parser does not check them) and those the profile raises, the profile's invariants
 * of severity error (compiled once, evaluated with HAPI's FHIRPath engine on the resource, with FHIRPath's rule that an
 * empty result fails, as HAPI's validator has it), and the value types of Mediwox's extensions wherever they occur.
 * Read from the implementation guide's StructureDefinitions and the R4 definitions, so the guide stays the one
 * definition. Not checked here (but by {@link ProfileValidator}, HAPI's full instance validator): maximum cardinalities,
 * terminology bindings, data type formats beyond what the parser enforces.
 */
class ProfileRules {

    /** One broken rule: where (a FHIRPath location), which rule, what it says. */
    public record Violation(String location, String rule, String message) {}

    private record Invariant(String key, String human, IFhirPath.IParsedExpression check) {}

    private record Required(String parentPath, String child, String path, int min) {}

    /** A required element with its FHIRPath compiled once. */
    private record CompiledRequired(
            Required required, IFhirPath.IParsedExpression parents, IFhirPath.IParsedExpression child) {}

    private final FhirContext fhirContext;
    private final IFhirPath fhirPath;
    private final Map<String, String> profileByType = new HashMap<>();
    private final Map<String, List<Invariant>> invariantsByType = new HashMap<>();
    private final Map<String, List<CompiledRequired>> requiredByType = new HashMap<>();
    private final Map<String, Set<String>> extensionValueTypes = new HashMap<>();

    public ProfileRules(FhirContext fhirContext, List<? extends IBaseResource> conformanceResources) {
        this.fhirContext = fhirContext;
        this.fhirPath = fhirContext.newFhirPath();
        for (IBaseResource resource : conformanceResources) {
            if (!(resource instanceof StructureDefinition sd)
                    || sd.getDerivation() != StructureDefinition.TypeDerivationRule.CONSTRAINT) {
                continue;
            }
            if (sd.getType().equals("Extension")) {
                extensionValueTypes.put(sd.getUrl(), valueTypes(sd));
                continue;
            }
            profileByType.put(sd.getType(), sd.getUrl());
            Map<String, Required> required = new LinkedHashMap<>();
            baseRequired(sd.getType()).forEach(r -> required.put(r.path(), r));
            List<Invariant> invariants = new ArrayList<>();
            for (ElementDefinition element : sd.getDifferential().getElement()) {
                if (element.getId() != null && element.getId().contains(":")) {
                    continue; // extension slices: checked by their extension's value types
                }
                String relative = relativePath(element.getPath());
                for (ElementDefinition.ElementDefinitionConstraintComponent constraint : element.getConstraint()) {
                    if (constraint.getSeverity() == ElementDefinition.ConstraintSeverity.ERROR) {
                        String expression = relative.isEmpty()
                                ? constraint.getExpression()
                                : relative + ".all(" + constraint.getExpression() + ")";
                        invariants.add(new Invariant(
                                constraint.getKey(), constraint.getHuman(), parse(expression, constraint.getKey())));
                    }
                }
                requirement(element).ifPresent(r -> required.put(r.path(), r));
            }
            invariantsByType.put(sd.getType(), invariants);
            requiredByType.put(
                    sd.getType(),
                    required.values().stream()
                            .map(r -> new CompiledRequired(
                                    r,
                                    r.parentPath().isEmpty() ? null : parse(r.parentPath(), r.path()),
                                    parse(r.child(), r.path())))
                            .toList());
        }
    }

    /** The profile of a resource type, or null when Mediwox does not profile it. */
    public String profileFor(String resourceType) {
        return profileByType.get(resourceType);
    }

    public List<Violation> check(IBaseResource resource) {
        List<Violation> violations = new ArrayList<>();
        String type = resource.fhirType();
        for (CompiledRequired compiled : requiredByType.getOrDefault(type, List.of())) {
            Required required = compiled.required();
            List<IBase> parents = compiled.parents() == null
                    ? List.of(resource)
                    : fhirPath.evaluate(resource, compiled.parents(), IBase.class);
            for (IBase parent : parents) {
                int count =
                        fhirPath.evaluate(parent, compiled.child(), IBase.class).size();
                if (count < required.min()) {
                    violations.add(new Violation(
                            required.path(),
                            "cardinality",
                            required.path() + ": minimum required = " + required.min() + ", but only found " + count));
                }
            }
        }
        for (Invariant invariant : invariantsByType.getOrDefault(type, List.of())) {
            if (!holds(resource, invariant)) {
                violations.add(new Violation(type, invariant.key(), invariant.key() + ": " + invariant.human()));
            }
        }
        for (Extension extension :
                fhirContext.newTerser().getAllPopulatedChildElementsOfType(resource, Extension.class)) {
            Set<String> allowed = extensionValueTypes.get(extension.getUrl());
            if (allowed == null || allowed.isEmpty()) {
                continue;
            }
            String actual =
                    extension.getValue() == null ? null : extension.getValue().fhirType();
            if (actual == null || !allowed.contains(actual)) {
                violations.add(new Violation(
                        type + ".descendants().where(url = '" + extension.getUrl() + "')",
                        "extension value",
                        "The extension " + extension.getUrl() + " takes a " + String.join(" or ", allowed)
                                + " value, not " + (actual == null ? "none" : actual)));
            }
        }
        return violations;
    }

    /** FHIRPath: an invariant holds when it evaluates to true; empty (or an error) is a failure, as in the validator. */
    private boolean holds(IBaseResource resource, Invariant invariant) {
        try {
            List<BooleanType> result = fhirPath.evaluate(resource, invariant.check(), BooleanType.class);
            return !result.isEmpty() && result.stream().allMatch(BooleanType::booleanValue);
        } catch (FhirPathExecutionException | ClassCastException e) {
            return false;
        }
    }

    private IFhirPath.IParsedExpression parse(String expression, String key) {
        try {
            return fhirPath.parse(expression);
        } catch (Exception e) {
            throw new IllegalStateException(
                    "Invariant " + key + " of the implementation guide does not parse: " + expression, e);
        }
    }

    /** The required elements of the base resource (R4 definitions), e.g. Appointment.status, Slot.start. */
    private List<Required> baseRequired(String type) {
        IBaseResource base = fhirContext
                .getValidationSupport()
                .fetchStructureDefinition("http://hl7.org/fhir/StructureDefinition/" + type);
        if (!(base instanceof StructureDefinition definition)) {
            return List.of();
        }
        return definition.getSnapshot().getElement().stream()
                .map(ProfileRules::requirement)
                .flatMap(java.util.Optional::stream)
                .toList();
    }

    /** An element with a minimum above zero, outside choice types and slices, whose parents are all plain elements. */
    private static java.util.Optional<Required> requirement(ElementDefinition element) {
        String path = element.getPath();
        if (!element.hasMin()
                || element.getMin() < 1
                || !path.contains(".")
                || path.contains("[x]")
                || (element.getId() != null && element.getId().contains(":"))) {
            return java.util.Optional.empty();
        }
        String relative = relativePath(path);
        int dot = relative.lastIndexOf('.');
        return java.util.Optional.of(new Required(
                dot < 0 ? "" : relative.substring(0, dot),
                dot < 0 ? relative : relative.substring(dot + 1),
                path,
                element.getMin()));
    }

    /** {@code Appointment.participant.status} → {@code participant.status}; {@code Appointment} → empty. */
    private static String relativePath(String path) {
        int dot = path.indexOf('.');
        return dot < 0 ? "" : path.substring(dot + 1);
    }

    private static Set<String> valueTypes(StructureDefinition extension) {
        return extension.getDifferential().getElement().stream()
                .filter(e -> e.getPath().equals("Extension.value[x]"))
                .flatMap(e -> e.getType().stream())
                .map(ElementDefinition.TypeRefComponent::getCode)
                .collect(Collectors.toSet());
    }
}

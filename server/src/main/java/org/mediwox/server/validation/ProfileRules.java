package org.mediwox.server.validation;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.fhirpath.IFhirPath;
import java.util.ArrayList;
import java.util.HashMap;
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
 * The rules Mediwox's profiles add to the base resources, checked fast on every write: each profile's invariants of
 * severity error (evaluated with HAPI's FHIRPath engine at the element that carries them), the minimum cardinalities its
 * differential raises, and the value types of Mediwox's extensions wherever they occur. Read from the implementation
 * guide's StructureDefinitions, so the guide stays the one definition. What the base specification requires is checked
 * by HAPI's parser and, where asked for, by {@link ProfileValidator} (HAPI's full instance validator).
 */
public class ProfileRules {

    /** One broken rule: where, which rule, what it says. */
    public record Violation(String location, String rule, String message) {}

    private record Invariant(String path, String key, String human, String expression) {}

    private record Required(String parentPath, String child, String path, int min) {}

    private final FhirContext fhirContext;
    private final IFhirPath fhirPath;
    private final Map<String, String> profileByType = new HashMap<>();
    private final Map<String, List<Invariant>> invariantsByType = new HashMap<>();
    private final Map<String, List<Required>> requiredByType = new HashMap<>();
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
            List<Invariant> invariants = new ArrayList<>();
            List<Required> required = new ArrayList<>();
            for (ElementDefinition element : sd.getDifferential().getElement()) {
                if (element.getId() != null && element.getId().contains(":")) {
                    continue; // slices (extensions) are checked by their extension's value types
                }
                for (ElementDefinition.ElementDefinitionConstraintComponent constraint : element.getConstraint()) {
                    if (constraint.getSeverity() == ElementDefinition.ConstraintSeverity.ERROR) {
                        invariants.add(new Invariant(
                                element.getPath(),
                                constraint.getKey(),
                                constraint.getHuman(),
                                constraint.getExpression()));
                    }
                }
                if (element.hasMin()
                        && element.getMin() > 0
                        && element.getPath().contains(".")) {
                    String path = element.getPath();
                    int dot = path.lastIndexOf('.');
                    required.add(new Required(path.substring(0, dot), path.substring(dot + 1), path, element.getMin()));
                }
            }
            invariantsByType.put(sd.getType(), invariants);
            requiredByType.put(sd.getType(), required);
        }
    }

    /** The profile of a resource type, or null when Mediwox does not profile it. */
    public String profileFor(String resourceType) {
        return profileByType.get(resourceType);
    }

    public List<Violation> check(IBaseResource resource) {
        List<Violation> violations = new ArrayList<>();
        String type = resource.fhirType();
        for (Invariant invariant : invariantsByType.getOrDefault(type, List.of())) {
            for (IBase node : nodes(resource, invariant.path())) {
                if (!holds(node, invariant.expression())) {
                    violations.add(new Violation(
                            invariant.path(), invariant.key(), invariant.key() + ": " + invariant.human()));
                }
            }
        }
        for (Required required : requiredByType.getOrDefault(type, List.of())) {
            for (IBase parent : nodes(resource, required.parentPath())) {
                int count =
                        fhirPath.evaluate(parent, required.child(), IBase.class).size();
                if (count < required.min()) {
                    violations.add(new Violation(
                            required.path(),
                            "cardinality",
                            required.path() + ": at least " + required.min() + " required, found " + count));
                }
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
                        type + ".extension('" + extension.getUrl() + "')",
                        "extension value",
                        "The extension " + extension.getUrl() + " takes a " + String.join(" or ", allowed)
                                + " value, not " + (actual == null ? "none" : actual)));
            }
        }
        return violations;
    }

    private List<IBase> nodes(IBaseResource resource, String path) {
        int dot = path.indexOf('.');
        if (dot < 0) {
            return List.of(resource);
        }
        return fhirPath.evaluate(resource, path.substring(dot + 1), IBase.class);
    }

    private boolean holds(IBase node, String expression) {
        List<BooleanType> result = fhirPath.evaluate(node, expression, BooleanType.class);
        // an expression that yields nothing does not fail (FHIRPath: empty is not false)
        return result.isEmpty() || result.stream().allMatch(BooleanType::booleanValue);
    }

    private static Set<String> valueTypes(StructureDefinition extension) {
        return extension.getDifferential().getElement().stream()
                .filter(e -> e.getPath().equals("Extension.value[x]"))
                .flatMap(e -> e.getType().stream())
                .map(ElementDefinition.TypeRefComponent::getCode)
                .collect(Collectors.toSet());
    }
}

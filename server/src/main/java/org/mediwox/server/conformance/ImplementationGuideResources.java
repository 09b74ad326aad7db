package org.mediwox.server.conformance;

import ca.uhn.fhir.context.FhirContext;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.ImplementationGuide;
import org.hl7.fhir.r4.model.OperationDefinition;
import org.hl7.fhir.r4.model.Resource;
import org.mediwox.ig.MediwoxPackage;

/**
 * The conformance resources of Mediwox's implementation guide (module {@code ig/}), read from its FHIR package on the
 * class path ({@value MediwoxPackage#CLASSPATH_LOCATION}); the package's examples are not among them.
 */
public final class ImplementationGuideResources {

    private final String packageId;
    private final List<Resource> resources;
    private final Map<String, String> profilesByType;
    private final List<Resource> examples;

    private ImplementationGuideResources(
            String packageId, List<Resource> resources, Map<String, String> profiles, List<Resource> examples) {
        this.packageId = packageId;
        this.resources = List.copyOf(resources);
        this.profilesByType = Map.copyOf(profiles);
        this.examples = List.copyOf(examples);
    }

    public static ImplementationGuideResources load(FhirContext fhirContext) {
        MediwoxPackage ig = MediwoxPackage.load();
        return new ImplementationGuideResources(
                ig.id(),
                ig.conformanceResources(fhirContext).stream()
                        .map(Resource.class::cast)
                        .map(ImplementationGuideResources::withoutExamples)
                        .toList(),
                ig.profilesByType(fhirContext),
                ig.examples(fhirContext).stream().map(Resource.class::cast).toList());
    }

    /** The guide's examples (not stored: for warming up the validator). */
    public List<Resource> examples() {
        return examples;
    }

    /** The server stores the guide's definitions, not its examples: the stored guide refers to what is stored. */
    private static Resource withoutExamples(Resource resource) {
        if (resource instanceof ImplementationGuide guide) {
            ImplementationGuide stored = guide.copy();
            stored.getDefinition()
                    .getResource()
                    .removeIf(r -> (r.hasExampleBooleanType()
                                    && r.getExampleBooleanType().booleanValue())
                            || r.hasExampleCanonicalType());
            return stored;
        }
        return resource;
    }

    /** {@code org.mediwox.fhir#<version>}. */
    public String packageId() {
        return packageId;
    }

    public List<Resource> all() {
        return resources;
    }

    public List<OperationDefinition> operations() {
        return resources.stream()
                .filter(OperationDefinition.class::isInstance)
                .map(OperationDefinition.class::cast)
                .toList();
    }

    /** The resource types Mediwox profiles and each one's profile URL. */
    public Map<String, String> profilesByType() {
        return profilesByType;
    }
}

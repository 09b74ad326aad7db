package org.mediwox.server.conformance;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.OperationDefinition;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** The conformance resources of Mediwox's implementation guide (module {@code ig/}), read from the class path. */
public final class ImplementationGuideResources {

    // <Type>-<id>.json; package.json has no dash and is not a FHIR resource
    private static final String LOCATION = "classpath*:mediwox-ig/*-*.json";

    private final List<Resource> resources;

    private ImplementationGuideResources(List<Resource> resources) {
        this.resources = List.copyOf(resources);
    }

    public static ImplementationGuideResources load(FhirContext fhirContext) {
        List<Resource> resources = new ArrayList<>();
        try {
            for (org.springframework.core.io.Resource file :
                    new PathMatchingResourcePatternResolver().getResources(LOCATION)) {
                try (InputStream in = file.getInputStream()) {
                    resources.add((Resource) fhirContext
                            .newJsonParser()
                            .parseResource(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the implementation guide resources (" + LOCATION + ")", e);
        }
        return new ImplementationGuideResources(resources);
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
}

package org.mediwox.ig;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.context.support.IValidationSupport;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.NpmPackageValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.utilities.npm.NpmPackage;

/**
 * The Mediwox implementation guide as its FHIR package ({@code org.mediwox.fhir}, built by SUSHI from {@code ig/input/fsh}
 * and shipped on the class path as {@value #CLASSPATH_LOCATION}): its conformance resources, its examples, and a
 * validation support chain that validates against its profiles offline.
 */
public final class MediwoxPackage {

    public static final String CLASSPATH_LOCATION = "mediwox-ig/package.tgz";

    private final NpmPackage npm;

    private MediwoxPackage(NpmPackage npm) {
        this.npm = npm;
    }

    /** The package on the class path. */
    public static MediwoxPackage load() {
        try (InputStream in = MediwoxPackage.class.getClassLoader().getResourceAsStream(CLASSPATH_LOCATION)) {
            if (in == null) {
                throw new IllegalStateException(CLASSPATH_LOCATION + " is not on the class path (build the ig module)");
            }
            return new MediwoxPackage(NpmPackage.fromPackage(in));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + CLASSPATH_LOCATION, e);
        }
    }

    public String id() {
        return npm.name() + "#" + npm.version();
    }

    /** The conformance resources: profiles, extensions, OperationDefinitions, topics, terminology, CapabilityStatement. */
    public List<IBaseResource> conformanceResources(FhirContext fhirContext) {
        return resourcesIn("package", fhirContext);
    }

    /** The examples (not for storing in a server). */
    public List<IBaseResource> examples(FhirContext fhirContext) {
        return resourcesIn("example", fhirContext);
    }

    /** The resource types Mediwox profiles (constrains, not extensions) and the profile of each. */
    public Map<String, String> profilesByType(FhirContext fhirContext) {
        Map<String, String> profiles = new LinkedHashMap<>();
        for (IBaseResource resource : conformanceResources(fhirContext)) {
            if (resource instanceof StructureDefinition sd
                    && sd.getDerivation() == StructureDefinition.TypeDerivationRule.CONSTRAINT
                    && !sd.getType().equals("Extension")) {
                profiles.put(sd.getType(), sd.getUrl());
            }
        }
        return profiles;
    }

    /**
     * Validation support for Mediwox's profiles, offline: the R4 core definitions, this package (snapshots generated
     * from the differentials SUSHI writes), and in-memory terminology for the code systems that need no server.
     */
    public static ValidationSupportChain validationSupport(FhirContext fhirContext) {
        NpmPackageValidationSupport ig = new NpmPackageValidationSupport(fhirContext);
        try {
            ig.loadPackageFromClasspath("classpath:" + CLASSPATH_LOCATION);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot load " + CLASSPATH_LOCATION, e);
        }
        List<IValidationSupport> supports = List.of(
                new DefaultProfileValidationSupport(fhirContext),
                ig,
                new CommonCodeSystemsTerminologyService(fhirContext),
                new InMemoryTerminologyServerValidationSupport(fhirContext),
                new SnapshotGeneratingValidationSupport(fhirContext));
        return new ValidationSupportChain(supports.toArray(new IValidationSupport[0]));
    }

    private List<IBaseResource> resourcesIn(String folderName, FhirContext fhirContext) {
        var folder = npm.getFolders().get(folderName);
        List<IBaseResource> resources = new ArrayList<>();
        if (folder == null) {
            return resources;
        }
        try {
            for (String file : folder.listFiles()) {
                if (!file.endsWith(".json") || file.equals("package.json") || file.startsWith(".")) {
                    continue;
                }
                String json = new String(folder.fetchFile(file), StandardCharsets.UTF_8);
                resources.add(fhirContext.newJsonParser().parseResource(json));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + folderName + " of " + id(), e);
        }
        return resources;
    }
}

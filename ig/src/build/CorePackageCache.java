import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;

/**
 * Puts the FHIR R4 core package ({@code hl7.fhir.r4.core#4.0.1}) into the build's own FHIR package cache
 * ({@code ig/.fhir-home/.fhir/packages}: SUSHI runs with that HOME, the ig tests with that {@code user.home}), built from the R4 definitions HAPI FHIR ships in {@code hapi-fhir-validation-resources-r4}
 * and {@code hapi-fhir-structures-r4}: the FHIR package registry is not reachable from every build machine, Maven
 * Central is. Run by the ig build (exec:exec, {@code java -cp <test classpath> CorePackageCache.java <cache dir>}); does
 * nothing when the package is already there. Never writes to the user's {@code ~/.fhir}: the cache directory is required.
 */
public class CorePackageCache {

    private static final List<String> BUNDLES = List.of(
            "/org/hl7/fhir/r4/model/profile/profiles-resources.xml",
            "/org/hl7/fhir/r4/model/profile/profiles-types.xml",
            "/org/hl7/fhir/r4/model/profile/profiles-others.xml",
            "/org/hl7/fhir/r4/model/extension/extension-definitions.xml",
            "/org/hl7/fhir/r4/model/valueset/valuesets.xml",
            "/org/hl7/fhir/r4/model/valueset/v3-codesystems.xml",
            "/org/hl7/fhir/r4/model/valueset/v2-tables.xml");

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: CorePackageCache <FHIR package cache directory>");
        }
        Path cache = Path.of(args[0]);
        Path packageDir = cache.resolve("hl7.fhir.r4.core#4.0.1").resolve("package");
        Path complete = packageDir.resolve(".mediwox-complete");
        if (Files.exists(packageDir.resolve("package.json"))
                && (Files.exists(complete) || !Files.exists(packageDir.resolve(".mediwox-partial")))) {
            System.out.println("[ig] hl7.fhir.r4.core#4.0.1 is in the FHIR package cache (" + packageDir + ")");
            return;
        }
        Files.createDirectories(packageDir);
        Files.writeString(packageDir.resolve(".mediwox-partial"), "");
        FhirContext fhir = FhirContext.forR4();
        IParser xml = fhir.newXmlParser();
        xml.setParserErrorHandler(new ca.uhn.fhir.parser.LenientErrorHandler(false));
        IParser json = fhir.newJsonParser();
        Set<String> written = new HashSet<>();
        for (String bundlePath : BUNDLES) {
            try (InputStream in = CorePackageCache.class.getResourceAsStream(bundlePath)) {
                if (in == null) {
                    throw new IllegalStateException(bundlePath + " is not on the class path");
                }
                Bundle bundle = xml.parseResource(Bundle.class, new InputStreamReader(in, StandardCharsets.UTF_8));
                for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
                    Resource resource = entry.getResource();
                    if (resource == null || !resource.hasIdElement()) {
                        continue;
                    }
                    String name = resource.fhirType() + "-" + resource.getIdElement().getIdPart() + ".json";
                    if (written.add(name)) {
                        Files.writeString(packageDir.resolve(name), json.encodeResourceToString(resource));
                    }
                }
            }
        }
        Files.writeString(
                packageDir.resolve("package.json"),
                "{\"name\":\"hl7.fhir.r4.core\",\"version\":\"4.0.1\",\"type\":\"Core\",\"fhirVersions\":[\"4.0.1\"],"
                        + "\"description\":\"FHIR R4 core definitions, from HAPI FHIR's R4 validation resources\"}");
        Files.writeString(complete, "");
        Files.deleteIfExists(packageDir.resolve(".mediwox-partial"));
        System.out.println("[ig] wrote hl7.fhir.r4.core#4.0.1 (" + written.size() + " resources) to " + packageDir);
    }
}

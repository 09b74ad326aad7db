package org.mediwox.ig;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The FHIR package cache the HL7 validator reads: {@code ${user.home}/.fhir/packages}, a path it hard-codes. When it
 * validates an extension's contexts it loads {@code hl7.fhir.r4.core} from there, and without it answers only "Error
 * generating Snapshot: Unable to resolve package id hl7.fhir.r4.core#null". The build points the tests'
 * {@code user.home} at its own FHIR home ({@code ig/.fhir-home}) and writes the core package into it first.
 */
final class FhirPackageCache {

    static final String CORE_PACKAGE = "hl7.fhir.r4.core#4.0.1";

    private FhirPackageCache() {}

    static Path corePackageManifest() {
        return Path.of(System.getProperty("user.home"), ".fhir", "packages", CORE_PACKAGE, "package", "package.json");
    }

    /** Fails with what to do when the core package is not where the validator looks for it. */
    static void requireCorePackage() {
        Path manifest = corePackageManifest();
        if (!Files.isRegularFile(manifest)) {
            throw new IllegalStateException(CORE_PACKAGE + " is not in the FHIR package cache the validator reads ("
                    + manifest.getParent().getParent() + "). The ig build writes it to ig/.fhir-home/.fhir/packages"
                    + " (CorePackageCache, phase generate-resources) and runs the tests with user.home=ig/.fhir-home:"
                    + " run them through Maven (mvn verify), not with another user.home.");
        }
    }
}

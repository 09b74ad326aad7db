package org.mediwox.ig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The validator's FHIR package cache is the build's own, and a missing core package is named, not a snapshot error. */
class FhirPackageCacheTest {

    @Test
    void validatorReadsTheBuildsOwnPackageCache_andFindsTheCorePackageThere() {
        Path home = Path.of(System.getProperty("user.home")).toAbsolutePath().normalize();

        assertThat(home.getFileName()).hasToString(".fhir-home");
        assertThat(FhirPackageCache.corePackageManifest()).isRegularFile();
        FhirPackageCache.requireCorePackage();
    }

    @Test
    void withoutTheCorePackage_theCheckSaysWhereItIsMissingAndHowTheBuildProvidesIt() {
        String home = System.getProperty("user.home");
        System.setProperty(
                "user.home", Path.of("target", "no-fhir-home").toAbsolutePath().toString());
        try {
            assertThatThrownBy(FhirPackageCache::requireCorePackage)
                    .hasMessageContaining("hl7.fhir.r4.core#4.0.1 is not in the FHIR package cache")
                    .hasMessageContaining("no-fhir-home")
                    .hasMessageContaining("mvn verify");
        } finally {
            System.setProperty("user.home", home);
        }
    }
}

package org.mediwox.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The modules meet only through {@code plugin-api}: the server does not reach into a feature module, the modules do not
 * reach into the server or each other, and the contracts depend on nothing of Mediwox. Checked on the compiled main
 * classes of every module on the server's class path (tests may use anything).
 */
class ModuleBoundariesTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.mediwox");
    }

    @Test
    void theServerUsesTheModulesOnlyThroughTheirContracts() {
        noClasses()
                .that()
                .resideInAPackage("org.mediwox.server..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.mediwox.scheduling..", "org.mediwox.notification..")
                .check(classes);
    }

    @Test
    void theSchedulingModuleKnowsNeitherTheServerNorTheNotificationModule() {
        noClasses()
                .that()
                .resideInAPackage("org.mediwox.scheduling..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.mediwox.server..", "org.mediwox.notification..")
                .check(classes);
    }

    @Test
    void theNotificationModuleKnowsNeitherTheServerNorTheSchedulingModule() {
        noClasses()
                .that()
                .resideInAPackage("org.mediwox.notification..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.mediwox.server..", "org.mediwox.scheduling..")
                .check(classes);
    }

    @Test
    void theContractsDependOnNothingOfMediwox() {
        noClasses()
                .that()
                .resideInAPackage("org.mediwox.plugin..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.mediwox.server..", "org.mediwox.scheduling..", "org.mediwox.notification..")
                .check(classes);
    }
}

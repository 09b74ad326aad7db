package org.mediwox.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mediwox.notification.NotificationAutoConfiguration;
import org.mediwox.plugin.access.OperationAccess;
import org.mediwox.scheduling.SchedulingAutoConfiguration;

/**
 * The modules meet only through {@code plugin-api}: the server does not reach into a feature module, the modules do not
 * reach into the server or each other, and the contracts depend on nothing of Mediwox. Checked on the compiled main
 * classes of every module on the server's class path (tests may use anything).
 */
class ModuleBoundariesTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        // the code sources of the four jars (or class directories) only: scanning the whole class path for the
        // package takes a minute
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importUrls(Stream.of(
                                MediwoxApplication.class,
                                OperationAccess.class,
                                SchedulingAutoConfiguration.class,
                                NotificationAutoConfiguration.class)
                        .map(type -> type.getProtectionDomain().getCodeSource().getLocation())
                        .toList());
    }

    @Test
    void everyModuleIsImported() {
        assertThat(classes.stream().map(c -> c.getPackageName().split("\\.")[2]).distinct())
                .contains("server", "plugin", "scheduling", "notification");
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

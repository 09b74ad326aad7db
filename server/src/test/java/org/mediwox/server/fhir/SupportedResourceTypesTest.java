package org.mediwox.server.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.mock.env.MockEnvironment;

/** Which resource types keep their HAPI DAO ({@code mediwox.fhir.resource-types}). */
class SupportedResourceTypesTest {

    private static final Set<String> R4 = FhirContext.forR4Cached().getResourceTypes();

    @Test
    void supported_anUnknownName_isRefusedNamingKeyAndValue() {
        assertThatThrownBy(() -> SupportedResourceTypes.supported(List.of("Coverage", "specimen"), R4))
                .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                .hasMessageContaining("mediwox.fhir.resource-types")
                .hasMessageContaining("specimen")
                .satisfies(e -> assertThat(((InvalidConfigurationPropertyValueException) e).getReason())
                        .contains("is no FHIR R4 resource type"));
    }

    @Test
    void supported_star_keepsAllR4Types() {
        assertThat(SupportedResourceTypes.supported(List.of("Coverage", " * "), R4))
                .hasSize(R4.size())
                .contains("Specimen", "Appointment");
        assertThat(R4).hasSize(146);
    }

    @Test
    void supported_keepsTheRequiredTypes_whateverIsConfigured() {
        assertThat(SupportedResourceTypes.supported(List.of(), R4))
                .containsExactlyInAnyOrderElementsOf(SupportedResourceTypes.REQUIRED);
        assertThat(SupportedResourceTypes.supported(List.of(" Specimen"), R4))
                .containsAll(SupportedResourceTypes.REQUIRED)
                .contains("Specimen")
                .hasSize(SupportedResourceTypes.REQUIRED.size() + 1);
    }

    @Test
    void required_areAllR4ResourceTypes() {
        assertThat(R4).containsAll(SupportedResourceTypes.REQUIRED);
    }

    @Test
    void postProcessor_withTheDocumentedDefault_removesOnlyTheDaosOfTypesLeftOut() {
        // given: no mediwox.fhir.resource-types set
        DefaultListableBeanFactory registry = registryWithDaos("Appointment", "Coverage", "Specimen");
        SupportedResourceTypes types = new SupportedResourceTypes();
        types.setEnvironment(new MockEnvironment());

        // when
        types.postProcessBeanDefinitionRegistry(registry);

        // then: Appointment required, Coverage in the default, Specimen in neither
        assertThat(registry.getBeanDefinitionNames())
                .containsExactlyInAnyOrder(
                        "myAppointmentDaoR4", "myCoverageDaoR4", "unrelated", SupportedResourceTypes.LINK_RESOLVER);
        assertThat(registry.getBeanDefinition(SupportedResourceTypes.LINK_RESOLVER)
                        .getBeanClassName())
                .isEqualTo(StoredTypesLinkResolver.class.getName());
    }

    @Test
    void postProcessor_withAConfiguredList_keepsTheRequiredAndTheListed() {
        // given
        DefaultListableBeanFactory registry = registryWithDaos("Appointment", "Coverage", "Specimen");
        SupportedResourceTypes types = new SupportedResourceTypes();
        types.setEnvironment(new MockEnvironment().withProperty("mediwox.fhir.resource-types", "Specimen"));

        // when
        types.postProcessBeanDefinitionRegistry(registry);

        // then
        assertThat(registry.getBeanDefinitionNames())
                .containsExactlyInAnyOrder(
                        "myAppointmentDaoR4", "mySpecimenDaoR4", "unrelated", SupportedResourceTypes.LINK_RESOLVER);
    }

    private static DefaultListableBeanFactory registryWithDaos(String... types) {
        DefaultListableBeanFactory registry = new DefaultListableBeanFactory();
        for (String type : types) {
            registry.registerBeanDefinition("my" + type + "DaoR4", new RootBeanDefinition(Object.class));
        }
        registry.registerBeanDefinition("unrelated", new RootBeanDefinition(Object.class));
        registry.registerBeanDefinition(SupportedResourceTypes.LINK_RESOLVER, new RootBeanDefinition(Object.class));
        return registry;
    }
}

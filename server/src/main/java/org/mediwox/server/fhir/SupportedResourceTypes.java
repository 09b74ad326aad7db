package org.mediwox.server.fhir;

import ca.uhn.fhir.context.FhirContext;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.mediwox.server.MediwoxProperties;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * The FHIR resource types the server stores ({@code mediwox.fhir.resource-types}): the types Mediwox's own features
 * need, always, plus the configured ones ({@link MediwoxProperties.Fhir#resourceTypes()}, by default the clinical types
 * Synthea writes and the types the integrations exchange); {@code *} keeps all 146 R4 types.
 *
 * <p>HAPI makes one DAO bean per R4 resource type, and its {@code DaoRegistry} instantiates every one of them at start
 * ({@code getBeansOfType}), whatever {@code DaoRegistry.setSupportedResourceTypes} says: measured, the 147 DAOs took
 * about 10 s of an 80 s start on 2 busy cores (bench/README.md, "Start-up levers"). So the DAO bean definitions of the
 * types left out are removed before any bean exists; {@code DaoRegistry} then treats those types as unsupported (no
 * resource provider, absent from the CapabilityStatement, 404 "unknown resource type" for their URLs), exactly as
 * {@code setSupportedResourceTypes} would.
 */
final class SupportedResourceTypes implements BeanDefinitionRegistryPostProcessor, EnvironmentAware {

    static final String KEY = "mediwox.fhir.resource-types";
    static final String ALL = "*";
    /** HAPI's reference resolver: it is {@code @Primary} itself, so it is replaced rather than outranked. */
    static final String LINK_RESOLVER = "daoResourceLinkResolver";

    /**
     * What Mediwox's features read or write: booking (scheduling-module), notifications and subscriptions (Basic
     * carries the R4 backport's SubscriptionTopic), documents, the audit trail, SMART's compartments and launch
     * context, the implementation guide's conformance resources, terminology, Group and Binary, HAPI's
     * merge and replace-references jobs (Task, Provenance) and the demo clinic.
     */
    static final Set<String> REQUIRED = Set.of(
            "Appointment",
            "AppointmentResponse",
            "AuditEvent",
            "Basic",
            "Binary",
            "Bundle",
            "CapabilityStatement",
            "CodeSystem",
            "Communication",
            "CommunicationRequest",
            "CompartmentDefinition",
            "Composition",
            "ConceptMap",
            "Device",
            "DocumentReference",
            "Encounter",
            "Endpoint",
            "Group",
            "HealthcareService",
            "ImplementationGuide",
            "List",
            "Location",
            "NamingSystem",
            "Observation",
            "OperationDefinition",
            "Organization",
            "Parameters",
            "Patient",
            "Person",
            "Practitioner",
            "PractitionerRole",
            "Provenance",
            "Questionnaire",
            "QuestionnaireResponse",
            "RelatedPerson",
            "Schedule",
            "SearchParameter",
            "ServiceRequest",
            "Slot",
            "StructureDefinition",
            "StructureMap",
            "Subscription",
            "Task",
            "ValueSet");

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
        // runs before any bean exists, so the key is bound here; MediwoxProperties.Fhir holds its default
        List<String> configured = Binder.get(environment)
                .bindOrCreate("mediwox.fhir", MediwoxProperties.Fhir.class)
                .resourceTypes();
        Set<String> all = FhirContext.forR4Cached().getResourceTypes();
        Set<String> supported = supported(configured, all);
        for (String type : all) {
            String dao = "my" + type + "DaoR4";
            if (!supported.contains(type) && registry.containsBeanDefinition(dao)) {
                registry.removeBeanDefinition(dao);
            }
        }
        if (registry.containsBeanDefinition(LINK_RESOLVER)) {
            registry.removeBeanDefinition(LINK_RESOLVER);
            RootBeanDefinition resolver = new RootBeanDefinition(StoredTypesLinkResolver.class);
            resolver.setAutowireMode(AbstractBeanDefinition.AUTOWIRE_CONSTRUCTOR);
            registry.registerBeanDefinition(LINK_RESOLVER, resolver);
        }
    }

    /**
     * The types to keep: {@link #REQUIRED} and the configured ones, or all of them for {@code *}. A name that is no R4
     * resource type stops the start (Spring Boot reports the key, the value and the reason).
     */
    static Set<String> supported(List<String> configured, Set<String> all) {
        if (configured.stream().anyMatch(t -> ALL.equals(t.trim()))) {
            return all;
        }
        Set<String> supported = new TreeSet<>(REQUIRED);
        for (String type : configured) {
            String name = type.trim();
            if (!all.contains(name)) {
                throw new InvalidConfigurationPropertyValueException(
                        KEY,
                        name,
                        "'" + name + "' is no FHIR R4 resource type (names are case-sensitive, e.g. 'Specimen'); '"
                                + ALL + "' keeps all of them");
            }
            supported.add(name);
        }
        return supported;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        // all work is done on the definitions
    }
}

package org.mediwox.server.validation;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.rest.server.RestfulServer;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.utilities.settings.FhirSettings;
import org.mediwox.server.background.BackgroundConfiguration;
import org.mediwox.server.conformance.ImplementationGuideResources;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.TaskScheduler;

/** Profile validation of the scheduling and document resources against the implementation guide. */
@Configuration(proxyBeanMethods = false)
class ValidationConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ValidationConfiguration.class);

    @Bean
    ProfileValidator profileValidator(FhirContext fhirContext, ImplementationGuideResources ig) {
        // everything the validator needs ships in the jar: it never asks the FHIR package registries (the HL7 library
        // would, e.g. for a StructureDefinition's extension contexts, and hang on a closed network)
        FhirSettings.setProhibitNetworkAccess(true);
        return new ProfileValidator(fhirContext, ig.profilesByType());
    }

    @Bean
    ProfileRules profileRules(FhirContext fhirContext, ImplementationGuideResources ig) {
        return new ProfileRules(fhirContext, ig.all());
    }

    /**
     * HAPI's instance validator loads the R4 definitions and builds snapshots on first use (some seconds): done once on
     * the background scheduler when the server is up, so that no request waits for it.
     */
    @Bean
    ApplicationListener<ApplicationReadyEvent> warmUpProfileValidation(
            ProfileValidator validator,
            ImplementationGuideResources ig,
            @Qualifier(BackgroundConfiguration.SCHEDULER) TaskScheduler scheduler) {
        return event -> scheduler.schedule(
                () -> {
                    long started = System.nanoTime();
                    for (IBaseResource example : ig.examples()) {
                        if (!event.getApplicationContext().isRunning()) {
                            return; // shutting down: the scheduler would wait for the rest of the warm-up
                        }
                        validator.errors(example);
                    }
                    log.info(
                            "Profile validation: HAPI's instance validator ready in {} ms",
                            (System.nanoTime() - started) / 1_000_000);
                },
                Instant.now());
    }

    /** Mediwox's operations (those the guide defines): their input resources are validated in full. */
    @Bean
    SmartInitializingSingleton registerProfileValidation(
            IInterceptorService interceptors,
            ProfileRules rules,
            ProfileValidator validator,
            ValidationProperties properties,
            FhirContext fhirContext,
            ImplementationGuideResources ig,
            RestfulServer fhirServer) {
        return () -> {
            Set<String> operations =
                    ig.operations().stream().map(op -> "$" + op.getCode()).collect(Collectors.toSet());
            ProfileValidationInterceptor stored =
                    new ProfileValidationInterceptor(rules, validator, properties, fhirContext);
            interceptors.registerInterceptor(stored); // what is stored
            fhirServer.registerInterceptor( // what Mediwox's operations receive
                    new OperationInputValidation(validator, properties, operations, fhirContext, stored));
            log.info(
                    "Profile validation: {}, stored resources by {}, inputs of {} in full ({} against {})",
                    properties.mode().name().toLowerCase(),
                    properties.writes().name().toLowerCase(),
                    operations,
                    ig.profilesByType().keySet(),
                    ig.packageId());
        };
    }
}

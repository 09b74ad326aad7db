package org.mediwox.server.conformance;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.server.RestfulServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/**
 * Makes the implementation guide the server's contract: its conformance resources are stored in the server (so
 * {@code GET OperationDefinition/appointment-book} answers with the IG's definition) and the CapabilityStatement points
 * each custom operation at the IG's canonical OperationDefinition.
 */
@Configuration(proxyBeanMethods = false)
class ConformanceConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ConformanceConfiguration.class);

    @Bean
    ImplementationGuideResources implementationGuideResources(FhirContext fhirContext) {
        return ImplementationGuideResources.load(fhirContext);
    }

    @Bean
    CapabilityStatementOperations capabilityStatementOperations(
            ImplementationGuideResources ig, RestfulServer fhirServer) {
        CapabilityStatementOperations interceptor = new CapabilityStatementOperations(ig.operations());
        fhirServer.registerInterceptor(interceptor);
        return interceptor;
    }

    @Bean
    ImplementationGuideStore implementationGuideStore(DaoRegistry daoRegistry) {
        return new ImplementationGuideStore(daoRegistry);
    }

    /**
     * Before the server reports ready, every IG resource is stored under its own id as the guide has it; resources
     * already stored with the same content are left alone (no write, no new version).
     */
    @Bean
    @Order(-10)
    ApplicationRunner storeImplementationGuideResources(
            ImplementationGuideResources ig, ImplementationGuideStore store) {
        return args -> {
            ImplementationGuideStore.Outcome outcome = store.store(ig);
            log.info(
                    "Implementation guide {}: {} conformance resources stored, {} already current",
                    ig.packageId(),
                    outcome.stored(),
                    outcome.unchanged());
        };
    }
}

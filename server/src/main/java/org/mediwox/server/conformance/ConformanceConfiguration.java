package org.mediwox.server.conformance;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.RestfulServer;
import java.util.Comparator;
import java.util.List;
import org.hl7.fhir.r4.model.ImplementationGuide;
import org.hl7.fhir.r4.model.Resource;
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

    /** Stores (creates or updates) every IG resource under its own id; an unchanged resource keeps its version. */
    @Bean
    @Order(-10)
    ApplicationRunner storeImplementationGuideResources(ImplementationGuideResources ig, DaoRegistry daoRegistry) {
        return args -> {
            // the ImplementationGuide refers to the other resources, so it is stored after them
            List<Resource> ordered = ig.all().stream()
                    .sorted(Comparator.comparing(r -> r instanceof ImplementationGuide))
                    .toList();
            for (Resource resource : ordered) {
                daoRegistry.getResourceDao(resource.fhirType()).update(resource, new SystemRequestDetails());
            }
            log.info(
                    "Implementation guide {}: {} conformance resources stored",
                    ig.packageId(),
                    ig.all().size());
        };
    }
}

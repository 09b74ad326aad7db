package org.mediwox.server.audit;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.RestfulServer;
import java.util.List;
import org.hl7.fhir.r4.model.AuditEvent;
import org.mediwox.server.MediwoxProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The audit trail: an AuditEvent for every FHIR request, stored in batches in {@code mediwox.audit_event} and served
 * read-only as the server's AuditEvent resource (in place of HAPI's stored AuditEvent).
 */
@Configuration(proxyBeanMethods = false)
public class AuditConfiguration {

    @Bean
    AuditRepository auditRepository(JdbcTemplate jdbc, FhirContext fhirContext) {
        return new AuditRepository(jdbc, fhirContext);
    }

    @Bean
    AuditEventWriter auditEventWriter(AuditRepository repository) {
        return new AuditEventWriter(repository, 50_000);
    }

    @Bean
    AuditTrail auditTrail(
            FhirContext fhirContext,
            AuditEventWriter writer,
            AuditRepository repository,
            RestfulServer fhirServer,
            MediwoxProperties properties) {
        List<IResourceProvider> stored = fhirServer.getResourceProviders().stream()
                .filter(p -> p.getResourceType() == AuditEvent.class)
                .toList();
        stored.forEach(fhirServer::unregisterProvider);
        fhirServer.registerProvider(
                new AuditEventProvider(repository, properties.fhir().maxPageSize()));
        AuditTrail trail = new AuditTrail(fhirContext, writer);
        fhirServer.registerInterceptor(trail);
        return trail;
    }
}

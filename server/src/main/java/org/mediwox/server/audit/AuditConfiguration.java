package org.mediwox.server.audit;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.rest.server.RestfulServer;
import org.hl7.fhir.r4.model.Bundle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The audit trail: an AuditEvent for every FHIR request, stored in batches. */
@Configuration(proxyBeanMethods = false)
public class AuditConfiguration {

    @Bean
    AuditEventWriter auditEventWriter(IFhirSystemDao<Bundle, ?> systemDao) {
        return new AuditEventWriter(systemDao, 50_000, 100);
    }

    @Bean
    AuditTrail auditTrail(FhirContext fhirContext, AuditEventWriter writer, RestfulServer fhirServer) {
        AuditTrail trail = new AuditTrail(fhirContext, writer);
        fhirServer.registerInterceptor(trail);
        return trail;
    }
}

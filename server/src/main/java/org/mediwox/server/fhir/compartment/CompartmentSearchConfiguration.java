package org.mediwox.server.fhir.compartment;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.RestfulServer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Puts compartment search ({@code Patient/[id]/[type]}) on the FHIR endpoint. */
@Configuration(proxyBeanMethods = false)
class CompartmentSearchConfiguration {

    @Bean
    PatientCompartmentSearchInterceptor patientCompartmentSearchInterceptor(
            FhirContext fhirContext, RestfulServer fhirServer) {
        PatientCompartmentSearchInterceptor interceptor = new PatientCompartmentSearchInterceptor(fhirContext);
        fhirServer.registerInterceptor(interceptor);
        return interceptor;
    }
}

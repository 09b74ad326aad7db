package org.mediwox.server.security;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.matcher.AuthorizationSearchParamMatcher;
import ca.uhn.fhir.jpa.searchparam.matcher.SearchParamMatcher;
import ca.uhn.fhir.rest.server.RestfulServer;
import java.time.Clock;
import org.mediwox.plugin.access.ProposalPatients;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Puts the SMART authorization rules, the patient guard of the scheduling operations and the discovery document in place. */
@Configuration(proxyBeanMethods = false)
class FhirSecurityConfiguration {

    /** The operations the server offers and what each declares it asks of a token. */
    @Bean
    DeclaredOperations declaredOperations(RestfulServer fhirServer) {
        return new DeclaredOperations(fhirServer, SmartAuthorizationInterceptor.HAPI_OPERATIONS, Clock.systemUTC());
    }

    @Bean
    SmartAuthorizationInterceptor smartAuthorizationInterceptor(
            FhirContext fhirContext,
            SearchParamMatcher searchParamMatcher,
            RestfulServer fhirServer,
            DeclaredOperations operations) {
        SmartAuthorizationInterceptor interceptor = new SmartAuthorizationInterceptor(fhirContext, operations);
        interceptor.setAuthorizationSearchParamMatcher(new AuthorizationSearchParamMatcher(searchParamMatcher));
        fhirServer.registerInterceptor(interceptor);
        SmartSearchNarrowingInterceptor narrowing = new SmartSearchNarrowingInterceptor(fhirContext);
        // the match of a conditional create, update, patch or delete is a search too: narrowed the same way
        narrowing.setNarrowConditionalUrls(true);
        fhirServer.registerInterceptor(narrowing);
        return interceptor;
    }

    /** What search narrowing cannot confine to a patient: {@code _has}, chains on the directory, conditional entries. */
    @Bean
    PatientQueryGuard patientQueryGuard(FhirContext fhirContext, RestfulServer fhirServer) {
        PatientQueryGuard guard = new PatientQueryGuard(fhirContext);
        fhirServer.registerInterceptor(guard);
        return guard;
    }

    /**
     * Every Patient a patient's write names must be that patient. A storage hook: registered with the JPA interceptor
     * service, so that it sees the entries of transactions and batches and every other path to storage.
     */
    @Bean
    PatientReferenceGuard patientReferenceGuard(FhirContext fhirContext, IInterceptorService interceptors) {
        PatientReferenceGuard guard = new PatientReferenceGuard(fhirContext);
        interceptors.registerInterceptor(guard);
        return guard;
    }

    @Bean
    PatientOperationGuard patientOperationGuard(
            DeclaredOperations operations,
            DaoRegistry daoRegistry,
            FhirContext fhirContext,
            RestfulServer fhirServer,
            ObjectProvider<ProposalPatients> proposals) {
        PatientOperationGuard guard = new PatientOperationGuard(
                operations, daoRegistry, fhirContext, proposals.orderedStream().toList());
        fhirServer.registerInterceptor(guard);
        return guard;
    }

    @Bean
    OperationChangeGuard operationChangeGuard(DeclaredOperations operations, RestfulServer fhirServer) {
        OperationChangeGuard guard = new OperationChangeGuard(operations);
        fhirServer.registerInterceptor(guard);
        return guard;
    }

    /** Names the patient a patient's token acts for on its requests, for the modules' operations. */
    @Bean
    LaunchPatientMark launchPatientMark(RestfulServer fhirServer) {
        LaunchPatientMark mark = new LaunchPatientMark();
        fhirServer.registerInterceptor(mark);
        return mark;
    }

    /** Names who each request's token acts as, for the modules' operations that answer by who asks. */
    @Bean
    RequestUserMark requestUserMark(RestfulServer fhirServer) {
        RequestUserMark mark = new RequestUserMark();
        fhirServer.registerInterceptor(mark);
        return mark;
    }

    /** Marks the requests of clinicians who may book over the booking rule. */
    @Bean
    OverbookingPermission overbookingPermission(RestfulServer fhirServer) {
        OverbookingPermission permission = new OverbookingPermission();
        fhirServer.registerInterceptor(permission);
        return permission;
    }

    @Bean
    BinaryAccessGuard binaryAccessGuard(
            DaoRegistry daoRegistry,
            FhirContext fhirContext,
            SearchParamMatcher searchParamMatcher,
            RestfulServer fhirServer) {
        BinaryAccessGuard guard = new BinaryAccessGuard(daoRegistry, fhirContext, searchParamMatcher);
        fhirServer.registerInterceptor(guard);
        return guard;
    }

    @Bean
    LaunchContextProvider launchContextProvider(
            LaunchContexts contexts, DaoRegistry daoRegistry, RestfulServer fhirServer) {
        LaunchContextProvider provider = new LaunchContextProvider(contexts, daoRegistry);
        fhirServer.registerProvider(provider);
        return provider;
    }

    @Bean
    CapabilityStatementSecurity capabilityStatementSecurity(SmartConfiguration smart, RestfulServer fhirServer) {
        CapabilityStatementSecurity interceptor = new CapabilityStatementSecurity(smart);
        fhirServer.registerInterceptor(interceptor);
        return interceptor;
    }

    @Bean
    FilterRegistrationBean<SmartConfigurationFilter> smartConfigurationFilter(SmartConfiguration configuration) {
        FilterRegistrationBean<SmartConfigurationFilter> registration =
                new FilterRegistrationBean<>(new SmartConfigurationFilter(configuration));
        registration.addUrlPatterns(SmartConfigurationFilter.PATHS);
        registration.setOrder(Ordered.LOWEST_PRECEDENCE - 10);
        return registration;
    }
}

package org.mediwox.server.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.provider.IJpaSystemProvider;
import ca.uhn.fhir.jpa.provider.JpaCapabilityStatementProvider;
import ca.uhn.fhir.jpa.search.DatabaseBackedPagingProvider;
import ca.uhn.fhir.narrative2.NullNarrativeGenerator;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.HardcodedServerAddressStrategy;
import ca.uhn.fhir.rest.server.IncomingRequestAddressStrategy;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.provider.ResourceProviderFactory;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import org.mediwox.server.MediwoxProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The FHIR REST endpoint at {@code /fhir}: HAPI's {@link RestfulServer} over the JPA resource providers, with paging
 * in the database, a truthful CapabilityStatement and errors that never leak internals. Feature modules register their
 * own operation providers and interceptors on this server.
 */
@Configuration(proxyBeanMethods = false)
class FhirServerConfiguration {

    static final String FHIR_PATH = "/fhir";

    @Bean
    DatabaseBackedPagingProvider databaseBackedPagingProvider(MediwoxProperties properties) {
        DatabaseBackedPagingProvider paging = new DatabaseBackedPagingProvider();
        paging.setDefaultPageSize(properties.fhir().defaultPageSize());
        paging.setMaximumPageSize(properties.fhir().maxPageSize());
        return paging;
    }

    @Bean
    RestfulServer fhirServer(
            IFhirSystemDao<?, ?> systemDao,
            ResourceProviderFactory resourceProviders,
            IJpaSystemProvider systemProvider,
            JpaStorageSettings storageSettings,
            ISearchParamRegistry searchParamRegistry,
            IValidationSupport validationSupport,
            DatabaseBackedPagingProvider pagingProvider,
            MediwoxProperties properties,
            ObjectProvider<BuildProperties> build) {
        systemDao.getContext().setNarrativeGenerator(new NullNarrativeGenerator());
        RestfulServer server = new RestfulServer(systemDao.getContext());
        server.setServerName("Mediwox");
        server.setServerVersion(
                build.getIfAvailable() == null ? "dev" : build.getIfAvailable().getVersion());
        server.setImplementationDescription("Mediwox FHIR R4 server: fair appointment booking");
        server.registerProviders(resourceProviders.createProviders());
        server.registerProvider(systemProvider);
        JpaCapabilityStatementProvider capabilities = new JpaCapabilityStatementProvider(
                server, systemDao, storageSettings, searchParamRegistry, validationSupport);
        capabilities.setImplementationDescription("Mediwox FHIR R4 server: fair appointment booking");
        server.setServerConformanceProvider(capabilities);
        server.setPagingProvider(pagingProvider);
        server.setDefaultResponseEncoding(EncodingEnum.JSON);
        server.setDefaultPrettyPrint(false);
        String address = properties.fhir().serverAddress();
        server.setServerAddressStrategy(
                address.isBlank() ? new IncomingRequestAddressStrategy() : new HardcodedServerAddressStrategy(address));
        server.registerInterceptor(new IfMatchPreconditionInterceptor());
        server.registerInterceptor(new SafeErrorInterceptor());
        server.registerInterceptor(new RequestInputCheck(systemDao.getContext()));
        if (org.slf4j.LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext logging
                && logging.getTurboFilterList().stream().noneMatch(HandledRefusalLogFilter.class::isInstance)) {
            logging.addTurboFilter(new HandledRefusalLogFilter());
        }
        return server;
    }

    /** Resources with a NUL character are refused before storage, whichever path writes them. */
    @Bean
    StoredTextCheck storedTextCheck(IInterceptorService interceptors, FhirContext fhirContext) {
        StoredTextCheck check = new StoredTextCheck(fhirContext);
        interceptors.registerInterceptor(check);
        return check;
    }

    /** The public FHIR base, for the modules' messages and notification Bundles. */
    @Bean
    PublicFhirBaseUrl publicFhirBase(MediwoxProperties properties) {
        return new PublicFhirBaseUrl(properties.fhir().serverAddress());
    }

    @Bean
    ServletRegistrationBean<RestfulServer> fhirServlet(RestfulServer fhirServer) {
        ServletRegistrationBean<RestfulServer> registration =
                new ServletRegistrationBean<>(fhirServer, FHIR_PATH + "/*");
        registration.setName("fhir");
        registration.setLoadOnStartup(1);
        return registration;
    }
}

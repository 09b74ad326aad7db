package org.mediwox.scheduling.publish;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.server.RestfulServer;
import java.time.Clock;
import java.util.List;
import javax.sql.DataSource;
import org.mediwox.plugin.server.PublicFhirBase;
import org.mediwox.plugin.server.PublicPaths;
import org.mediwox.scheduling.SchedulingProperties;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * SMART Scheduling Links publishing, imported by the module's auto-configuration when HAPI's JPA storage is there. The
 * filter is always registered, after the server's security: switched off, {@code $bulk-publish} needs a token and
 * answers 404; switched on, {@link PublicPaths} tells the server's security to let it through without one.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BulkPublishProperties.class)
public class BulkPublishConfiguration {

    @Bean
    FilterRegistrationBean<BulkPublishFilter> bulkPublishFilter(
            DaoRegistry daoRegistry,
            DataSource dataSource,
            FhirContext fhirContext,
            PublicFhirBase base,
            SchedulingProperties scheduling,
            BulkPublishProperties properties) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        BulkPublisher publisher = new BulkPublisher(
                new CurrentCatalog(new CatalogReader(daoRegistry), Clock.systemUTC()),
                new SlotFeed(jdbc),
                fhirContext,
                base,
                scheduling.timeZone(),
                properties.days(),
                Clock.systemUTC());
        FilterRegistrationBean<BulkPublishFilter> registration = new FilterRegistrationBean<>(new BulkPublishFilter(
                publisher, new Freshness(jdbc), fhirContext, properties.enabled(), properties.maxAge()));
        registration.addUrlPatterns(BulkPublishFilter.PATH, BulkPublishFilter.PATH + "/*");
        // after Spring Security's filter chain: with the feed off, the request is ruled like any FHIR request
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 10);
        return registration;
    }

    /** {@code $bulk-publish} in the CapabilityStatement, while the feed is on. */
    @Bean
    @ConditionalOnProperty(prefix = "mediwox.bulk-publish", name = "enabled", matchIfMissing = true)
    SmartInitializingSingleton advertiseBulkPublish(RestfulServer server) {
        return () -> server.registerInterceptor(new BulkPublishCapability());
    }

    @Bean
    @ConditionalOnProperty(prefix = "mediwox.bulk-publish", name = "enabled", matchIfMissing = true)
    PublicPaths bulkPublishPublicPaths() {
        return () -> List.of(BulkPublishFilter.PATH, BulkPublishFilter.PATH + "/**");
    }
}

package org.mediwox.server.admission;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.mediwox.server.web.OperationOutcomeWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Registers the {@link AdmissionFilter} on {@code /fhir/*} ahead of Spring Security's filters, with its limits taken
 * from {@link AdmissionProperties} and the size of the connection pool.
 */
@Configuration(proxyBeanMethods = false)
class AdmissionConfiguration {

    private static final Logger log = LoggerFactory.getLogger(AdmissionConfiguration.class);
    /** HikariCP's own default, for a data source that is not a Hikari pool. */
    private static final int DEFAULT_POOL_SIZE = 10;

    @Bean
    FilterRegistrationBean<AdmissionFilter> admissionFilter(
            AdmissionProperties properties, DataSource dataSource, OperationOutcomeWriter outcomes) {
        Admission admission = null;
        if (properties.enabled()) {
            int concurrent = properties.maxConcurrent(poolSize(dataSource));
            int queue = properties.maxQueue(concurrent);
            admission = new Admission(concurrent, queue, properties.maxWait());
            log.info(
                    "Admission control: {} FHIR requests at once, {} more wait up to {} ms; beyond that 503 with"
                            + " Retry-After {} s",
                    concurrent,
                    queue,
                    properties.maxWait().toMillis(),
                    properties.retryAfterSeconds());
        }
        FilterRegistrationBean<AdmissionFilter> registration =
                new FilterRegistrationBean<>(new AdmissionFilter(admission, properties.retryAfterSeconds(), outcomes));
        registration.addUrlPatterns("/fhir/*");
        // before Spring Security (and everything behind it): a refused request costs no token check
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 10);
        return registration;
    }

    private static int poolSize(DataSource dataSource) {
        try {
            if (dataSource.isWrapperFor(HikariDataSource.class)) {
                return dataSource.unwrap(HikariDataSource.class).getMaximumPoolSize();
            }
        } catch (SQLException notAPool) {
            // fall through
        }
        return DEFAULT_POOL_SIZE;
    }
}

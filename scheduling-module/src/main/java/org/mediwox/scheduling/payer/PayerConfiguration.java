package org.mediwox.scheduling.payer;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The payer hook and the insurance inputs, imported by the module's auto-configuration when HAPI's JPA storage is there.
 * The Coverage check and the hook are always there (without a payer the hook asks nobody); the background retry only
 * when a payer is configured.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PayerProperties.class)
public class PayerConfiguration {

    @Bean
    CoverageCheck coverageCheck(DaoRegistry daoRegistry) {
        return new CoverageCheck(daoRegistry);
    }

    @Bean
    PayerChecks payerChecks(DataSource dataSource) {
        return new PayerChecks(new JdbcTemplate(dataSource));
    }

    @Bean
    PayerHook payerHook(
            PayerProperties properties,
            PayerChecks checks,
            CoverageCheck coverageCheck,
            DaoRegistry daoRegistry,
            FhirContext fhirContext) {
        return new PayerHook(
                properties,
                new CdsHooksClient(fhirContext, properties.timeout()),
                checks,
                coverageCheck,
                daoRegistry,
                fhirContext,
                Clock.systemUTC());
    }

    /** Its {@code @Scheduled} run asks again about unanswered checks, on the host application's scheduler. */
    @Bean
    @ConditionalOnProperty(prefix = "mediwox.payer", name = "enabled", havingValue = "true")
    PayerRetry payerRetry(PayerChecks checks, PayerHook hook, PayerProperties properties) {
        return new PayerRetry(checks, hook, properties);
    }
}

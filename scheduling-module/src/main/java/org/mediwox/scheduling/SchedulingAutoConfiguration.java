package org.mediwox.scheduling;

import ca.uhn.fhir.interceptor.api.IInterceptorService;
import org.mediwox.scheduling.rules.TimeWindowRuleInterceptor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Entry point of the scheduling plugin: booking rules and operations, provider pools and fair assignment. The server
 * only puts this module on its class path; everything the module contributes is registered from here. Switched off
 * with {@code mediwox.scheduling.enabled=false}.
 */
@AutoConfiguration
@ConditionalOnProperty(prefix = "mediwox.scheduling", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(SchedulingProperties.class)
public class SchedulingAutoConfiguration {

    @Bean
    @ConditionalOnBean(IInterceptorService.class)
    TimeWindowRuleInterceptor timeWindowRuleInterceptor(IInterceptorService interceptors) {
        TimeWindowRuleInterceptor rule = new TimeWindowRuleInterceptor();
        interceptors.registerInterceptor(rule);
        return rule;
    }
}

package org.mediwox.server.ratelimit;

import org.mediwox.server.audit.AuditTrail;
import org.mediwox.server.web.OperationOutcomeWriter;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The rate limit filters, placed around Spring Security's filter chain: the sign-in limits before it (a refused
 * attempt costs no password or signature check), the API limit after it (the client is the validated token's).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "mediwox.rate-limit", name = "enabled", matchIfMissing = true)
class RateLimitConfiguration {

    @Bean
    FilterRegistrationBean<SignInRateLimitFilter> signInRateLimitFilter(RateLimitProperties limits, AuditTrail audit) {
        FilterRegistrationBean<SignInRateLimitFilter> registration =
                new FilterRegistrationBean<>(new SignInRateLimitFilter(
                        new KeyedLimit(limits.login().requests(), limits.login().per()),
                        new KeyedLimit(limits.token().requests(), limits.token().per()),
                        new KeyedLimit(
                                limits.accounts().requests(), limits.accounts().per()),
                        audit));
        registration.addUrlPatterns(
                SignInRateLimitFilter.LOGIN, SignInRateLimitFilter.LOGIN_CODE, SignInRateLimitFilter.TOKEN);
        registration.addUrlPatterns(SignInRateLimitFilter.ACCOUNT_FORMS.toArray(String[]::new));
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 1);
        return registration;
    }

    @Bean
    FilterRegistrationBean<ApiRateLimitFilter> apiRateLimitFilter(
            RateLimitProperties limits, OperationOutcomeWriter outcomes, AuditTrail audit) {
        FilterRegistrationBean<ApiRateLimitFilter> registration = new FilterRegistrationBean<>(new ApiRateLimitFilter(
                new KeyedLimit(limits.api().requests(), limits.api().per()), outcomes, audit));
        registration.addUrlPatterns("/fhir/*");
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 1);
        registration.setEnabled(limits.api().enabled());
        return registration;
    }
}

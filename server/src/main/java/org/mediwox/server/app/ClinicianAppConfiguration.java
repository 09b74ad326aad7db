package org.mediwox.server.app;

import java.time.Duration;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Serves the clinician workspace (module {@code clinician-app}, built by Vite into {@code static/clinician} of its jar)
 * at {@code /clinician}: {@code /clinician} leads to {@code /clinician/}, which is the app's {@code index.html}; its
 * content-hashed assets may be cached for a year (a new build has new names), the HTML is always asked for again.
 */
@Configuration(proxyBeanMethods = false)
class ClinicianAppConfiguration implements WebMvcConfigurer {

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addViewController("/clinician").setViewName("redirect:/clinician/");
        registry.addViewController("/clinician/").setViewName("forward:/clinician/index.html");
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/clinician/assets/**")
                .addResourceLocations("classpath:/static/clinician/assets/")
                .setCacheControl(
                        CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable());
    }
}

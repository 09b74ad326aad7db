package org.mediwox.server.production;

import org.mediwox.plugin.server.Deployment;
import org.mediwox.server.MediwoxProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The server's deployment mode ({@code mediwox.demo}), for the modules that behave differently in the demo. */
@Configuration(proxyBeanMethods = false)
class DeploymentConfiguration {

    @Bean
    Deployment deployment(MediwoxProperties properties) {
        return properties::demo;
    }
}

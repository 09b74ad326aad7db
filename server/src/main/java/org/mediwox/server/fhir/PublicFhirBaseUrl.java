package org.mediwox.server.fhir;

import org.mediwox.plugin.server.PublicFhirBase;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;

/**
 * The public FHIR base the modules write into what they send: {@code mediwox.fhir.server-address} when set, otherwise
 * this process's own address on the port it actually listens on (known once the web server has started).
 */
class PublicFhirBaseUrl implements PublicFhirBase, ApplicationListener<WebServerInitializedEvent> {

    private final String configured;
    private volatile int port = 8080;

    PublicFhirBaseUrl(String configured) {
        this.configured = configured.endsWith("/") ? configured.substring(0, configured.length() - 1) : configured;
    }

    @Override
    public String url() {
        return configured.isBlank() ? "http://localhost:" + port + "/fhir" : configured;
    }

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        port = event.getWebServer().getPort();
    }
}

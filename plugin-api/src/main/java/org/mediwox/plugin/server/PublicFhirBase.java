package org.mediwox.plugin.server;

/**
 * The server's public FHIR base URL ({@code https://clinic.example/fhir}), for modules that write URLs outside a request:
 * the full URLs of notification Bundles, links in messages. The server owns the setting ({@code
 * mediwox.fhir.server-address}) and provides this bean; a module never reads the server's properties itself.
 */
@FunctionalInterface
public interface PublicFhirBase {

    /** The base URL without a trailing slash. */
    String url();
}

package org.mediwox.plugin.server;

import java.util.List;

/**
 * Paths a module serves to anyone, without an access token: the server's security lets {@code GET} and {@code HEAD}
 * requests matching these patterns through and asks a token for everything else. A module contributes this bean only
 * while its public endpoint is switched on (the scheduling module's {@code $bulk-publish}, SMART Scheduling Links).
 */
@FunctionalInterface
public interface PublicPaths {

    /** Path patterns from the server root, in Spring's {@code PathPattern} syntax ({@code /fhir/$bulk-publish/**}). */
    List<String> patterns();
}

package org.mediwox.plugin.server;

/**
 * The server's one switch between the zero-setup demo and production ({@code mediwox.demo}, environment {@code
 * MEDIWOX_DEMO}), owned by the server and provided to the modules as this bean: a module never binds the server's key
 * itself.
 */
@FunctionalInterface
public interface Deployment {

    /** Demo mode: demo data and demo defaults; production is {@code false}. */
    boolean demo();
}

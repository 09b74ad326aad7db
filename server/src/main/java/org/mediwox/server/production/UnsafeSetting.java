package org.mediwox.server.production;

/**
 * A setting production must not run with.
 *
 * @param setting the property key
 * @param problem what is wrong with its value
 * @param fix what to set instead (environment variable and value)
 */
record UnsafeSetting(String setting, String problem, String fix) {

    @Override
    public String toString() {
        return setting + ": " + problem + ".\n      Fix: " + fix;
    }
}

/**
 * Production mode ({@code mediwox.demo=false}) refuses to start with settings that are only safe for the demo: one
 * start-up error lists every unsafe setting, the server's and its modules', with the setting that fixes it.
 */
package org.mediwox.server.production;

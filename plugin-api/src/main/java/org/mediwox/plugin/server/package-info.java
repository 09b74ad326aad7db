/** What the server provides to its modules: settings it owns, as typed beans. */
package org.mediwox.plugin.server;

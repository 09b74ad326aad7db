/** Background work: one scheduler for every periodic job, and cluster-wide locks for the jobs that need them. */
package org.mediwox.server.background;

/**
 * Contracts around booking that the server and the scheduling module share: the overbooking grant and its record.
 */
package org.mediwox.plugin.booking;

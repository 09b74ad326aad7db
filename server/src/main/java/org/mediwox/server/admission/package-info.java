/**
 * Admission control of the FHIR API: a bounded number of FHIR requests runs at once on this node, a bounded number
 * waits a short, bounded time for a turn, and every other request is answered at once with 503, {@code Retry-After}
 * and an OperationOutcome — before any work, so no request is half done. The CapabilityStatement, SMART discovery and
 * the actuator's health endpoints are not counted and stay responsive under overload. A database that cannot be
 * reached is a 503 with {@code Retry-After} too (see {@link org.mediwox.server.database.DatabaseUnavailable}).
 */
package org.mediwox.server.admission;

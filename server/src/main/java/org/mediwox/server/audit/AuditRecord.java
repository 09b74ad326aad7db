package org.mediwox.server.audit;

import java.time.Instant;
import java.util.List;

/**
 * What the audit trail keeps of one request: the facts, as they are stored in {@code mediwox.audit_event}'s columns.
 * The BALP-shaped FHIR AuditEvent is rendered from them when someone reads the trail ({@link AuditEvents#render}), so
 * the request path neither builds nor encodes an AuditEvent (issue 20: that encoding was most of the trail's CPU).
 *
 * @param profile the BALP profile's URL, or null when no BALP profile fits the interaction
 * @param interaction the {@code restful-interaction} code (AuditEvent.subtype)
 * @param action the AuditEvent action code (C, R, U, D, E)
 * @param outcome the AuditEvent outcome code (0, 4, 8)
 * @param outcomeText why a request failed, or null
 * @param clientId the OAuth client, {@code anonymous} without a token
 * @param fhirUser the token's {@code fhirUser}, or null
 * @param sourceAddress the caller's network address
 * @param serverUrl the URL the request was made to
 * @param requestLine method, path and query
 * @param query whether the request was a search (its request line is then the entity's query)
 * @param details notes on the request entity (a clinician's overbooking: which Appointment, over what, why)
 * @param what the resource the request was about, or null
 * @param patients the patients whose data it touched
 */
record AuditRecord(
        Instant recorded,
        String profile,
        String interaction,
        String action,
        String outcome,
        String outcomeText,
        String clientId,
        String fhirUser,
        String sourceAddress,
        String serverUrl,
        String requestLine,
        boolean query,
        List<String> details,
        String what,
        List<String> patients) {}

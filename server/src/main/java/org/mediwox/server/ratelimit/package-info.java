/**
 * Abuse protection: token-bucket rate limits (Bucket4j) on the sign-in form, the token endpoint and the FHIR API, each
 * answering 429 with {@code Retry-After} in that endpoint's own error shape and audited; and the lockout of a user
 * name after repeated failed sign-ins, with exponential backoff, kept in PostgreSQL so that every node sees it.
 */
package org.mediwox.server.ratelimit;

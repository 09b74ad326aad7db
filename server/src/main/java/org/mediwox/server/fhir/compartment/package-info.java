/**
 * FHIR compartment search, {@code GET [base]/Patient/[id]/[type]}: answered as the equivalent type search by
 * forwarding the request through HAPI's normal processing, so that security, audit and paging are those of the type
 * search.
 */
package org.mediwox.server.fhir.compartment;

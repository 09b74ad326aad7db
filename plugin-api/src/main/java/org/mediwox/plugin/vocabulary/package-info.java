/** Codes one module writes into FHIR resources and another reads: the IG's CodeSystems as Java types. */
package org.mediwox.plugin.vocabulary;

package org.mediwox.server.fhir;

/** In {@code validate} mode the server refuses to start: HAPI FHIR's tables are not at the running HAPI version. */
class HapiSchemaNotCurrentException extends IllegalStateException {

    HapiSchemaNotCurrentException(String message) {
        super(message);
    }
}

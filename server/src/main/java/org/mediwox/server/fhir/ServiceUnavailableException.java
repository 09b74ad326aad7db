package org.mediwox.server.fhir;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import org.hl7.fhir.instance.model.api.IBaseOperationOutcome;

/**
 * 503: a service the request needs (the document store, for example) cannot be reached. Unlike other 5xx answers its
 * message is written for the client and reaches it as the OperationOutcome's diagnostics; say what was not done and
 * that a retry may succeed, never what failed inside.
 */
public class ServiceUnavailableException extends BaseServerResponseException {

    public static final int STATUS = 503;

    public ServiceUnavailableException(String message, Throwable cause) {
        super(STATUS, message, cause);
    }

    /** With an OperationOutcome of its own, e.g. to give the issue a more precise code than HAPI's default. */
    public ServiceUnavailableException(String message, Throwable cause, IBaseOperationOutcome outcome) {
        super(STATUS, message, cause, outcome);
    }
}

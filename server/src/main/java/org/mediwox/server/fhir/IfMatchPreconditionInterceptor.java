package org.mediwox.server.fhir;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;

/**
 * FHIR answers a failed {@code If-Match} with 412 Precondition Failed; HAPI reports it as a 409 version conflict. A
 * conflict on a request that carried {@code If-Match} becomes 412; other version conflicts stay 409.
 */
@Interceptor
class IfMatchPreconditionInterceptor {

    @Hook(Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION)
    BaseServerResponseException preconditionFailed(RequestDetails request, Throwable exception) {
        if (exception instanceof ResourceVersionConflictException conflict
                && request.getHeader(Constants.HEADER_IF_MATCH) != null) {
            return new PreconditionFailedException("If-Match precondition failed: " + conflict.getMessage());
        }
        return null; // not ours: later interceptors and HAPI's defaults handle it
    }
}

package org.mediwox.server.documents;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.binary.interceptor.BinaryStorageInterceptor;
import ca.uhn.fhir.rest.api.server.RequestDetails;

/**
 * {@code $binary-access-read} reads the resource only to find the attachment, then streams the content itself: the
 * resource is read without pulling its content from the store first (which would fetch and hash it twice).
 */
@Interceptor
class BinaryAccessReads {

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
    public void skipInflation(RequestDetails request) {
        if ("$binary-access-read".equals(request.getOperation())) {
            request.getUserData().put(BinaryStorageInterceptor.AUTO_INFLATE_BINARY_CONTENT_KEY, Boolean.FALSE);
        }
    }
}

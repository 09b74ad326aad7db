package org.mediwox.server.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * The last guard before storage: a resource with a NUL character in a string is refused with 400 naming the element,
 * whichever path wrote it (a patch, a transaction entry, a resource an operation creates). Without it PostgreSQL fails
 * the insert and the client would get an error about SQL.
 */
@Interceptor
class StoredTextCheck {

    private final NulCharacters nul;

    StoredTextCheck(FhirContext fhirContext) {
        this.nul = new NulCharacters(fhirContext);
    }

    @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED, order = -100) // before anything writes SQL
    public void created(IBaseResource resource) {
        check(resource);
    }

    @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED, order = -100)
    public void updated(IBaseResource previous, IBaseResource resource) {
        check(resource);
    }

    private void check(IBaseResource resource) {
        nul.find(resource).ifPresent(path -> {
            throw new InvalidRequestException(NulCharacters.refusal(path));
        });
    }
}

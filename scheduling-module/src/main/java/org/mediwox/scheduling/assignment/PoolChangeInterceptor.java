package org.mediwox.scheduling.assignment;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import org.hl7.fhir.instance.model.api.IBaseResource;

/** Any committed change to a PractitionerRole or Schedule may change a pool: the cached pools are dropped. */
@Interceptor
public class PoolChangeInterceptor {

    private final PoolResolver pools;

    public PoolChangeInterceptor(PoolResolver pools) {
        this.pools = pools;
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
    public void created(IBaseResource resource) {
        forgetIfPoolResource(resource);
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
    public void updated(IBaseResource previous, IBaseResource resource) {
        forgetIfPoolResource(resource);
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_DELETED)
    public void deleted(IBaseResource resource) {
        forgetIfPoolResource(resource);
    }

    private void forgetIfPoolResource(IBaseResource resource) {
        String type = resource.fhirType();
        if ("PractitionerRole".equals(type) || "Schedule".equals(type)) {
            pools.forget();
        }
    }
}

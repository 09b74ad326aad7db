package org.mediwox.server.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.dao.index.DaoResourceLinkResolver;
import ca.uhn.fhir.jpa.model.dao.JpaPid;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * HAPI's reference resolver, with a client error for a reference to a resource type the server does not store
 * ({@code mediwox.fhir.resource-types}). HAPI means to answer that with a 400 ({@code DaoRegistry.getDaoOrThrow}), but
 * {@code DaoRegistry.getResourceDao(Class)} fails on the missing DAO with a {@code NullPointerException} first, which
 * reaches the client as a 500.
 */
final class StoredTypesLinkResolver extends DaoResourceLinkResolver<JpaPid> {

    private final FhirContext fhirContext;
    private final DaoRegistry daoRegistry;

    StoredTypesLinkResolver(FhirContext fhirContext, DaoRegistry daoRegistry) {
        this.fhirContext = fhirContext;
        this.daoRegistry = daoRegistry;
    }

    @Override
    public void validateTypeOrThrowException(Class<? extends IBaseResource> type) {
        String name = fhirContext.getResourceType(type);
        if (!daoRegistry.isResourceTypeSupported(name)) {
            throw new InvalidRequestException(
                    "This server does not store " + name + " resources, so it cannot keep a reference to one");
        }
        super.validateTypeOrThrowException(type);
    }
}

package org.mediwox.server.documents;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.model.util.JpaConstants;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.util.HapiExtensions;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Base64BinaryType;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Resource;

/**
 * Runs before HAPI moves content out of a resource being stored: every Binary and every Attachment with data must be
 * within the size limit and of an allowed content type (413 / 415, and nothing is stored). On an update it also
 * confirms the ledger rows of content stored ahead of the update ({@code $binary-access-write}), in the update's own
 * transaction.
 */
@Interceptor
class ContentPolicyInterceptor {

    /** Before {@link ca.uhn.fhir.jpa.binary.interceptor.BinaryStorageInterceptor} (order 0) extracts the data. */
    private static final int BEFORE_EXTRACTION = -100;

    private final FhirContext fhirContext;
    private final ContentPolicy policy;
    private final DocumentLedger ledger;

    ContentPolicyInterceptor(FhirContext fhirContext, ContentPolicy policy, DocumentLedger ledger) {
        this.fhirContext = fhirContext;
        this.policy = policy;
        this.ledger = ledger;
    }

    @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED, order = BEFORE_EXTRACTION)
    public void beforeCreate(IBaseResource resource) {
        check(resource);
        refuseClientSuppliedReferences(resource);
        if (resource instanceof Binary && !resource.getIdElement().hasResourceType()) {
            // a new Binary has no id yet; its type is how the storage knows to take its content whatever the size
            resource.setId(new IdType().setParts(null, "Binary", null, null));
        }
    }

    @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED, order = BEFORE_EXTRACTION)
    public void beforeUpdate(IBaseResource oldResource, IBaseResource newResource) {
        check(newResource);
        List<String> externalized = new ArrayList<>();
        for (Base64BinaryType data : dataElements(newResource)) {
            for (Extension extension : data.getExtension()) {
                if (HapiExtensions.EXT_EXTERNALIZED_BINARY_ID.equals(extension.getUrl()) && extension.hasValue()) {
                    externalized.add(extension.getValue().primitiveValue());
                }
            }
        }
        if (!externalized.isEmpty()) {
            ledger.confirm(
                    fhirContext.getResourceType(newResource),
                    newResource.getIdElement().getIdPart(),
                    externalized);
        }
    }

    /**
     * Only the server links a resource to stored content. (HAPI checks this on updates; on a create nothing would stop
     * a client from pointing at another resource's content.)
     */
    private void refuseClientSuppliedReferences(IBaseResource resource) {
        for (Base64BinaryType data : dataElements(resource)) {
            for (Extension extension : data.getExtension()) {
                boolean serverOnly = HapiExtensions.EXT_EXTERNALIZED_BINARY_ID.equals(extension.getUrl())
                        || HapiExtensions.EXT_EXTERNALIZED_BINARY_HASH_SHA_256.equals(extension.getUrl());
                if (serverOnly && extension.getUserData(JpaConstants.EXTENSION_EXT_SYSTEMDEFINED) == null) {
                    throw new InvalidRequestException("The extension " + extension.getUrl()
                            + " is set by the server only; send the content as data instead");
                }
            }
        }
    }

    private List<Base64BinaryType> dataElements(IBaseResource resource) {
        List<Base64BinaryType> elements = new ArrayList<>();
        if (resource instanceof Binary binary) {
            elements.add(binary.getDataElement());
        } else {
            for (Attachment attachment :
                    fhirContext.newTerser().getAllPopulatedChildElementsOfType(resource, Attachment.class)) {
                elements.add(attachment.getDataElement());
            }
        }
        return elements;
    }

    private void check(IBaseResource resource) {
        if (resource instanceof DomainResource domain) {
            for (Resource contained : domain.getContained()) {
                check(contained);
            }
        }
        if (resource instanceof Binary binary) {
            // data may be an element that only carries the extension of content stored elsewhere
            if (binary.getData() != null) {
                policy.checkWrite("Binary", binary.getContentType(), binary.getData().length);
            }
            return;
        }
        String type = fhirContext.getResourceType(resource);
        for (Attachment attachment :
                fhirContext.newTerser().getAllPopulatedChildElementsOfType(resource, Attachment.class)) {
            if (attachment.getData() != null) {
                policy.check("An attachment of " + type, attachment.getContentType(), attachment.getData().length);
            }
        }
    }
}

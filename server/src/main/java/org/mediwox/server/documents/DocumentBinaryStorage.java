package org.mediwox.server.documents;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.binary.api.StoredDetails;
import ca.uhn.fhir.jpa.binary.interceptor.BinaryStorageInterceptor;
import ca.uhn.fhir.jpa.binary.svc.BaseBinaryStorageSvcImpl;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import com.google.common.hash.Hashing;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Date;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.commons.io.input.CountingInputStream;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.IdType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * HAPI's binary storage SPI over an {@link ObjectStore}: Binary content and attachments larger than the inline limit
 * leave the database for the store; the database keeps a reference, and a ledger row with the owner, content type,
 * size and SHA-256 in the same transaction as the resource version.
 *
 * <ul>
 *   <li>A rolled-back transaction removes the object it stored; a crash between storing and committing leaves an
 *       object without a ledger row, which {@link OrphanSweeper} removes.
 *   <li>Content is only served to the resource that owns it, and only if its SHA-256 still matches.
 *   <li>Expunging a resource removes its objects once the expunge has committed, unless a version that survived the
 *       expunge still refers to them.
 * </ul>
 */
class DocumentBinaryStorage extends BaseBinaryStorageSvcImpl {

    private static final Logger log = LoggerFactory.getLogger(DocumentBinaryStorage.class);
    private static final Pattern CONTENT_ID = Pattern.compile("[A-Za-z0-9]{1,100}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ObjectStore store;
    private final DocumentLedger ledger;
    private final ContentPolicy policy;
    private final long inlineMaxBytes;
    private final ObjectProvider<DaoRegistry> daoRegistry;
    private final Clock clock;

    DocumentBinaryStorage(
            ObjectStore store,
            DocumentLedger ledger,
            ContentPolicy policy,
            long inlineMaxBytes,
            ObjectProvider<DaoRegistry> daoRegistry,
            Clock clock) {
        this.store = store;
        this.ledger = ledger;
        this.policy = policy;
        this.inlineMaxBytes = inlineMaxBytes;
        this.daoRegistry = daoRegistry;
        this.clock = clock;
        setMaximumBinarySize(policy.maxBytes());
    }

    /** Binary content always goes to the store; attachments when they are larger than the inline limit. */
    @Override
    public boolean shouldStoreBinaryContent(long size, IIdType resourceId, String contentType) {
        return "Binary".equals(resourceId.getResourceType()) || size > inlineMaxBytes;
    }

    /** 128 random bits as 32 hex digits: object keys carry nothing about the patient or the resource. */
    @Override
    public String newBinaryContentId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public boolean isValidBinaryContentId(String contentId) {
        return contentId != null && CONTENT_ID.matcher(contentId).matches();
    }

    @Override
    public StoredDetails storeBinaryContent(
            IIdType resourceId, String contentIdOrNull, String contentType, InputStream input, RequestDetails request)
            throws IOException {
        byte[] bytes;
        try (CountingInputStream counting = createCountingInputStream(input)) {
            bytes = counting.readAllBytes();
            counting.getByteCount(); // 413 beyond the maximum
        }
        if (resourceId.getResourceType() == null || resourceId.getIdPart() == null) {
            throw new InternalErrorException(
                    "Content can only be stored for a resource with a type and an id, got " + resourceId.getValue());
        }
        policy.checkWrite(describe(resourceId), contentType, bytes.length);
        String contentId = provideIdForNewBinaryContent(contentIdOrNull, bytes, request, contentType);
        if (!isValidBinaryContentId(contentId)) {
            throw new InternalErrorException("Invalid content id for the document store: " + contentId);
        }
        String sha256 = Hashing.sha256().hashBytes(bytes).toString();
        String type = ContentPolicy.normalize(contentType);
        boolean inTransaction = TransactionSynchronizationManager.isActualTransactionActive();

        store.put(contentId, bytes, type);
        try {
            ledger.insert(new DocumentLedger.Entry(
                    contentId,
                    resourceId.getResourceType(),
                    resourceId.getIdPart(),
                    type,
                    bytes.length,
                    sha256,
                    clock.instant(),
                    inTransaction));
        } catch (RuntimeException e) {
            deleteQuietly(contentId);
            throw e;
        }
        if (inTransaction) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    if (status != STATUS_COMMITTED) {
                        deleteQuietly(contentId);
                    }
                }
            });
        }
        return new StoredDetails()
                .setBinaryContentId(contentId)
                .setBytes(bytes.length)
                .setContentType(type)
                .setHash(sha256)
                .setPublished(Date.from(clock.instant()));
    }

    @Override
    public StoredDetails fetchBinaryContentDetails(IIdType resourceId, String contentId) {
        return owned(resourceId, contentId)
                .map(e -> new StoredDetails()
                        .setBinaryContentId(e.contentId())
                        .setBytes(e.size())
                        .setContentType(e.contentType())
                        .setHash(e.sha256())
                        .setPublished(Date.from(e.storedAt())))
                .orElse(null);
    }

    @Override
    public boolean writeBinaryContent(IIdType resourceId, String contentId, OutputStream output) throws IOException {
        // read and verified in full before the first byte goes out: a failure still becomes an OperationOutcome
        output.write(fetchBinaryContent(resourceId, contentId));
        return true;
    }

    @Override
    public byte[] fetchBinaryContent(IIdType resourceId, String contentId) {
        DocumentLedger.Entry entry = owned(resourceId, contentId)
                .orElseThrow(() -> new ResourceNotFoundException(
                        "No stored content " + contentId + " belongs to " + describe(resourceId)));
        byte[] bytes = store.get(contentId);
        if (bytes == null) {
            throw new InternalErrorException("Stored content " + contentId + " of " + describe(resourceId)
                    + " is missing from " + store.describe());
        }
        String sha256 = Hashing.sha256().hashBytes(bytes).toString();
        if (!sha256.equals(entry.sha256())) {
            throw new InternalErrorException("Stored content " + contentId + " of " + describe(resourceId)
                    + " failed its integrity check (SHA-256 " + sha256 + ", recorded " + entry.sha256() + ")");
        }
        return bytes;
    }

    @Override
    public void expungeBinaryContent(IIdType resourceId, String contentId) {
        IdType owner = new IdType(resourceId.getResourceType(), resourceId.getIdPart());
        Runnable removal = () -> {
            if (owned(owner, contentId).isEmpty()) {
                log.warn("Not removing content {}: it does not belong to {}", contentId, owner);
                return;
            }
            if (stillReferenced(owner, contentId)) {
                log.info("Keeping content {}: a remaining version of {} still refers to it", contentId, owner);
                return;
            }
            ledger.delete(contentId); // the row first: an object without a row is an orphan the sweeper removes
            deleteQuietly(contentId);
            log.info("Removed content {} of expunged {}", contentId, owner);
        };
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    removal.run();
                }
            });
        } else {
            removal.run();
        }
    }

    /**
     * Whether any version of {@code owner} that survived the expunge still points at the content: HAPI reuses a content
     * id across versions whose content did not change, and an expunge may remove single versions.
     */
    private boolean stillReferenced(IdType owner, String contentId) {
        SystemRequestDetails request = new SystemRequestDetails();
        request.getUserData().put(BinaryStorageInterceptor.AUTO_INFLATE_BINARY_CONTENT_KEY, Boolean.FALSE);
        DaoRegistry registry = daoRegistry.getObject();
        try {
            IBundleProvider history =
                    registry.getResourceDao(owner.getResourceType()).history(owner, null, null, null, request);
            var parser = registry.getSystemDao().getContext().newJsonParser();
            for (IBaseResource version : history.getAllResources()) {
                if (parser.encodeResourceToString(version).contains(contentId)) {
                    return true;
                }
            }
            return false;
        } catch (ResourceNotFoundException | ResourceGoneException e) {
            return false;
        }
    }

    private Optional<DocumentLedger.Entry> owned(IIdType resourceId, String contentId) {
        if (!isValidBinaryContentId(contentId)) {
            return Optional.empty();
        }
        return ledger.find(contentId)
                .filter(e -> e.resourceId().equals(resourceId.getIdPart())
                        && (e.resourceType().isEmpty()
                                || resourceId.getResourceType() == null
                                || e.resourceType().equals(resourceId.getResourceType())));
    }

    private void deleteQuietly(String contentId) {
        try {
            store.delete(contentId);
        } catch (RuntimeException e) {
            log.warn(
                    "Could not remove content {} from {}; the orphan sweeper will: {}",
                    contentId,
                    store.describe(),
                    e.toString());
        }
    }

    private static String describe(IIdType resourceId) {
        String type = resourceId.getResourceType() == null ? "the resource" : resourceId.getResourceType();
        return resourceId.getIdPart() == null ? type : type + "/" + resourceId.getIdPart();
    }
}

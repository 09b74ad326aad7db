package org.mediwox.server.fulltext;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.dao.BaseHapiFhirDao;
import ca.uhn.fhir.jpa.model.dao.JpaPid;
import ca.uhn.fhir.jpa.model.entity.ResourceTable;
import ca.uhn.fhir.util.XmlUtil;
import jakarta.persistence.EntityManager;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.xml.stream.events.XMLEvent;
import org.hibernate.search.mapper.orm.Search;
import org.hibernate.search.mapper.orm.work.SearchIndexingPlan;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IDomainResource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes the index documents of resources again from the database, as HAPI's write would have: the words of
 * {@code _content} and {@code _text} live in transient fields of {@code ResourceTable} that HAPI fills only while it
 * writes a changed resource, so an indexer that loads rows from the database (Hibernate Search's mass indexer) would
 * write documents without them; here they are filled from the stored resource first. A deleted resource's document is removed (HAPI's routing drops a deleted row from the index),
 * as is the document of a resource no longer in the database (expunged).
 */
public final class FullTextReindexer {

    private final EntityManager entityManager;
    private final TransactionTemplate transactions;
    private final DaoRegistry daoRegistry;
    private final FhirContext fhirContext;

    /**
     * @param entityManager the shared, transaction-bound entity manager of HAPI's persistence unit
     * @param transactionManager HAPI's
     */
    public FullTextReindexer(
            EntityManager entityManager,
            PlatformTransactionManager transactionManager,
            DaoRegistry daoRegistry,
            FhirContext fhirContext) {
        this.entityManager = entityManager;
        this.transactions = new TransactionTemplate(transactionManager);
        this.daoRegistry = daoRegistry;
        this.fhirContext = fhirContext;
    }

    /** Writes the documents and waits for the index (throws when the index write failed). */
    void reindex(Collection<Long> resourceIds) {
        transactions.executeWithoutResult(status -> {
            List<ResourceTable> found = entityManager
                    .createQuery("select r from ResourceTable r where r.myPid.myId in (:ids)", ResourceTable.class)
                    .setParameter("ids", resourceIds)
                    .getResultList();
            SearchIndexingPlan plan = Search.session(entityManager).indexingPlan();
            Set<Long> missing = new HashSet<>(resourceIds);
            for (ResourceTable entity : found) {
                missing.remove(entity.getId().getId());
                if (entity.getDeleted() == null) {
                    IBaseResource resource = daoRegistry
                            .getResourceDao(entity.getResourceType())
                            .readByPid(entity.getPersistentId(), true);
                    entity.setContentText(BaseHapiFhirDao.parseContentTextIntoWords(fhirContext, resource));
                    entity.setNarrativeText(narrativeWords(resource));
                }
                plan.addOrUpdate(entity);
            }
            for (Long id : missing) {
                plan.purge(ResourceTable.class, JpaPid.fromId(id), null);
            }
            plan.execute();
        });
    }

    /** The characters of the narrative, as HAPI indexes them for {@code _text}. */
    static String narrativeWords(IBaseResource resource) {
        if (!(resource instanceof IDomainResource domain) || domain.getText() == null) {
            return null;
        }
        List<XMLEvent> events;
        try {
            String div = domain.getText().getDivAsString();
            if (div == null || div.isBlank()) {
                return null;
            }
            events = XmlUtil.parse(div);
        } catch (Exception e) {
            // HAPI refused such a narrative at write: a stored resource has none
            throw new IllegalStateException("unreadable narrative in a stored resource", e);
        }
        StringBuilder words = new StringBuilder();
        for (XMLEvent event : events) {
            if (event.isCharacters()) {
                words.append(event.asCharacters().getData()).append(' ');
            }
        }
        return words.toString();
    }
}

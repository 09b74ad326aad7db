package org.mediwox.server.fulltext;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import org.springframework.orm.jpa.JpaTransactionManager;

/**
 * HAPI's transaction manager, with each transaction's session followed by the {@link FullTextJournal}: its
 * synchronization strategy is set as the session is opened, before it changes anything.
 */
public class JournalingTransactionManager extends JpaTransactionManager {

    private final transient FullTextJournal journal;

    public JournalingTransactionManager(EntityManagerFactory entityManagerFactory, FullTextJournal journal) {
        super(entityManagerFactory);
        this.journal = journal;
    }

    @Override
    protected EntityManager createEntityManagerForTransaction() {
        EntityManager entityManager = super.createEntityManagerForTransaction();
        journal.track(entityManager);
        return entityManager;
    }
}

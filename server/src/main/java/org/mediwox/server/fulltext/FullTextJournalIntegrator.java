package org.mediwox.server.fulltext;

import ca.uhn.fhir.jpa.model.entity.ResourceTable;
import java.util.List;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.spi.BootstrapContext;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.event.service.spi.EventListenerRegistry;
import org.hibernate.event.spi.EventSource;
import org.hibernate.event.spi.EventType;
import org.hibernate.event.spi.PostDeleteEvent;
import org.hibernate.event.spi.PostDeleteEventListener;
import org.hibernate.event.spi.PostInsertEvent;
import org.hibernate.event.spi.PostInsertEventListener;
import org.hibernate.event.spi.PostUpdateEvent;
import org.hibernate.event.spi.PostUpdateEventListener;
import org.hibernate.integrator.spi.Integrator;
import org.hibernate.jpa.boot.spi.IntegratorProvider;
import org.hibernate.persister.entity.EntityPersister;
import org.hibernate.service.spi.SessionFactoryServiceRegistry;

/**
 * Hands every write of a HAPI resource row ({@code ResourceTable}: create, update, HAPI's delete which is an update,
 * expunge) to the {@link FullTextJournal}, whichever path wrote it: a single request, a transaction Bundle, a PATCH,
 * an operation such as {@code $book}, a reindex. Hibernate's event listeners see exactly the rows Hibernate Search
 * indexes. Given to HAPI's entity manager factory as {@code hibernate.integrator_provider}.
 */
public final class FullTextJournalIntegrator
        implements Integrator,
                IntegratorProvider,
                PostInsertEventListener,
                PostUpdateEventListener,
                PostDeleteEventListener {

    private static final long serialVersionUID = 1L;

    private final transient FullTextJournal journal;

    public FullTextJournalIntegrator(FullTextJournal journal) {
        this.journal = journal;
    }

    @Override
    public List<Integrator> getIntegrators() {
        return List.of(this);
    }

    @Override
    public void integrate(
            Metadata metadata, BootstrapContext bootstrapContext, SessionFactoryImplementor sessionFactory) {
        EventListenerRegistry listeners =
                sessionFactory.getServiceRegistry().requireService(EventListenerRegistry.class);
        listeners.appendListeners(EventType.POST_INSERT, this);
        listeners.appendListeners(EventType.POST_UPDATE, this);
        listeners.appendListeners(EventType.POST_DELETE, this);
    }

    @Override
    public void disintegrate(SessionFactoryImplementor sessionFactory, SessionFactoryServiceRegistry serviceRegistry) {
        // nothing held
    }

    @Override
    public void onPostInsert(PostInsertEvent event) {
        written(event.getEntity(), event.getSession());
    }

    @Override
    public void onPostUpdate(PostUpdateEvent event) {
        written(event.getEntity(), event.getSession());
    }

    @Override
    public void onPostDelete(PostDeleteEvent event) {
        written(event.getEntity(), event.getSession());
    }

    private void written(Object entity, EventSource session) {
        if (entity instanceof ResourceTable resource && resource.getId() != null) {
            journal.written(session, resource.getId().getId(), resource.getResourceType());
        }
    }

    @Override
    public boolean requiresPostCommitHandling(EntityPersister persister) {
        return false;
    }
}

package org.mediwox.server.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import jakarta.persistence.EntityManagerFactory;
import javax.sql.DataSource;
import org.mediwox.server.background.BackgroundConfiguration;
import org.mediwox.server.fulltext.FullTextJournal;
import org.mediwox.server.fulltext.FullTextJournalSweeper;
import org.mediwox.server.fulltext.FullTextReindexer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.orm.jpa.SharedEntityManagerCreator;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The full-text journal ({@code org.mediwox.server.fulltext}), when {@link FullTextProperties#journalEnabled()}: the
 * journal itself (HAPI's entity manager factory and transaction manager pick it up, {@link HapiJpaConfiguration}) and
 * its sweep.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(FullTextJournalConfiguration.JournalEnabled.class)
class FullTextJournalConfiguration {

    @Bean
    FullTextJournal fullTextJournal(
            DataSource dataSource,
            @Qualifier(BackgroundConfiguration.SCHEDULER) ThreadPoolTaskScheduler scheduler,
            FullTextProperties fullText) {
        return new FullTextJournal(new JdbcTemplate(dataSource), scheduler, fullText.synchronization());
    }

    @Bean
    FullTextJournalSweeper fullTextJournalSweeper(
            FullTextJournal journal,
            EntityManagerFactory entityManagerFactory,
            PlatformTransactionManager transactionManager,
            DaoRegistry daoRegistry,
            FhirContext fhirContext,
            FullTextProperties fullText) {
        FullTextReindexer reindexer = new FullTextReindexer(
                SharedEntityManagerCreator.createSharedEntityManager(entityManagerFactory),
                transactionManager,
                daoRegistry,
                fhirContext);
        return new FullTextJournalSweeper(
                journal,
                reindexer,
                fullText.journal().grace(),
                fullText.journal().batchSize());
    }

    /** The journal's setting read before the beans exist (its default depends on the backend and strategy). */
    static final class JournalEnabled implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return Binder.get(context.getEnvironment())
                    .bindOrCreate("mediwox.full-text", FullTextProperties.class)
                    .journalEnabled();
        }
    }
}

package org.mediwox.server.fhir;

import ca.uhn.fhir.batch2.jobs.config.Batch2JobsConfig;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.IDaoRegistry;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.config.ThreadPoolFactoryConfig;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.batch2.JpaBatch2Config;
import ca.uhn.fhir.jpa.config.r4.JpaR4Config;
import ca.uhn.fhir.jpa.config.util.HapiEntityManagerFactoryUtil;
import ca.uhn.fhir.jpa.config.util.ResourceCountCacheUtil;
import ca.uhn.fhir.jpa.dao.FulltextSearchSvcImpl;
import ca.uhn.fhir.jpa.dao.IFulltextSearchSvc;
import ca.uhn.fhir.jpa.dao.search.HSearchSortHelperImpl;
import ca.uhn.fhir.jpa.dao.search.IHSearchSortHelper;
import ca.uhn.fhir.jpa.model.config.PartitionSettings;
import ca.uhn.fhir.jpa.model.config.SubscriptionSettings;
import ca.uhn.fhir.jpa.model.dialect.HapiFhirPostgresDialect;
import ca.uhn.fhir.jpa.provider.DaoRegistryResourceSupportedSvc;
import ca.uhn.fhir.jpa.search.IStaleSearchDeletingSvc;
import ca.uhn.fhir.jpa.search.StaleSearchDeletingSvcImpl;
import ca.uhn.fhir.jpa.subscription.channel.config.SubscriptionChannelConfig;
import ca.uhn.fhir.jpa.util.ResourceCountCache;
import ca.uhn.fhir.rest.api.IResourceSupportedSvc;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import jakarta.persistence.EntityManagerFactory;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.hibernate.cfg.AvailableSettings;
import org.mediwox.server.MediwoxProperties;
import org.mediwox.server.fulltext.FullTextJournal;
import org.mediwox.server.fulltext.FullTextJournalIntegrator;
import org.mediwox.server.fulltext.JournalingTransactionManager;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AbstractDependsOnBeanFactoryPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;

/**
 * HAPI FHIR's JPA storage on PostgreSQL: HAPI's tables migrated by HAPI's own migrator, the HAPI persistence unit,
 * its transaction manager, full-text search with Hibernate Search (an embedded Lucene index, or OpenSearch shared by
 * several nodes: {@link FullTextProperties}), and the storage settings Mediwox relies on.
 */
@Configuration(proxyBeanMethods = false)
@Import({
    JpaR4Config.class,
    JpaBatch2Config.class,
    Batch2JobsConfig.class,
    SubscriptionChannelConfig.class,
    ThreadPoolFactoryConfig.class
})
class HapiJpaConfiguration {

    @Bean
    JpaStorageSettings jpaStorageSettings(FullTextProperties fullText) {
        JpaStorageSettings settings = new JpaStorageSettings();
        settings.setAllowMultipleDelete(false);
        settings.setAllowExternalReferences(false);
        settings.setEnforceReferentialIntegrityOnWrite(true);
        settings.setEnforceReferentialIntegrityOnDelete(true);
        settings.setAutoCreatePlaceholderReferenceTargets(false);
        // availability searches (free Slots) must see fresh data, never a cached result list
        settings.setReuseCachedSearchResultsForMillis(null);
        settings.setIndexMissingFields(JpaStorageSettings.IndexEnabledEnum.DISABLED);
        settings.setDeleteExpungeEnabled(false);
        settings.setExpungeEnabled(true);
        settings.setAllowInlineMatchUrlReferences(true);
        settings.setHibernateSearchIndexFullText(fullText.enabled());
        settings.setAdvancedHSearchIndexing(false);
        settings.setStoreResourceInHSearchIndex(false);
        if (fullText.backend() == FullTextProperties.Backend.OPENSEARCH) {
            // read by HAPI's IndexNamePrefixLayoutStrategy, the index layout OpenSearchHibernateProperties selects
            settings.setHSearchIndexPrefix(fullText.opensearch().indexPrefix());
        }
        return settings;
    }

    /** HAPI's tables at the running HAPI version (or refused), before anything uses them. */
    @Bean
    HapiSchemaMigration hapiSchemaMigration(DataSource dataSource, MediwoxProperties mediwox) {
        return new HapiSchemaMigration(dataSource, mediwox.database().hapiSchema());
    }

    /** Mediwox's own Flyway migrations run after HAPI's, so that they may refer to HAPI's tables. */
    @Bean
    static FlywayAfterHapiSchema flywayAfterHapiSchema() {
        return new FlywayAfterHapiSchema();
    }

    static final class FlywayAfterHapiSchema extends AbstractDependsOnBeanFactoryPostProcessor {
        FlywayAfterHapiSchema() {
            super(Flyway.class, HapiSchemaMigration.class);
        }
    }

    /**
     * HAPI's DAOs only for the resource types the server stores (mediwox.fhir.resource-types); a reference to another
     * type is a 400 ({@link StoredTypesLinkResolver}).
     */
    @Bean
    static SupportedResourceTypes supportedResourceTypes() {
        return new SupportedResourceTypes();
    }

    @Bean
    SubscriptionSettings subscriptionSettings() {
        return new SubscriptionSettings();
    }

    @Bean
    PartitionSettings partitionSettings() {
        return new PartitionSettings();
    }

    /** Takes {@link HapiSchemaMigration} only to start after it: Hibernate finds HAPI's tables current. */
    @Bean
    @Primary
    LocalContainerEntityManagerFactoryBean entityManagerFactory(
            ConfigurableListableBeanFactory beanFactory,
            FhirContext fhirContext,
            JpaStorageSettings storageSettings,
            DataSource dataSource,
            MediwoxProperties mediwox,
            FullTextProperties fullText,
            ObjectProvider<FullTextJournal> fullTextJournal,
            HapiSchemaMigration schemaMigrated) {
        LocalContainerEntityManagerFactoryBean factory =
                HapiEntityManagerFactoryUtil.newEntityManagerFactory(beanFactory, fhirContext, storageSettings);
        factory.setPersistenceUnitName("HAPI_PU");
        factory.setDataSource(dataSource);
        Map<String, Object> props = hibernateProperties(mediwox, fullText);
        fullTextJournal.ifAvailable(
                journal -> props.put("hibernate.integrator_provider", new FullTextJournalIntegrator(journal)));
        factory.setJpaPropertyMap(props);
        return factory;
    }

    private static Map<String, Object> hibernateProperties(MediwoxProperties mediwox, FullTextProperties fullText) {
        Map<String, Object> props = new HashMap<>();
        props.put(AvailableSettings.DIALECT, HapiFhirPostgresDialect.class.getName());
        // the schema is HAPI's migrator's (HapiSchemaMigration); Hibernate neither changes nor reads it at start
        props.put(AvailableSettings.HBM2DDL_AUTO, "none");
        props.put(AvailableSettings.STATEMENT_BATCH_SIZE, "30");
        props.put(AvailableSettings.ORDER_INSERTS, "true");
        props.put(AvailableSettings.ORDER_UPDATES, "true");
        props.put(AvailableSettings.USE_SECOND_LEVEL_CACHE, "false");
        props.put(AvailableSettings.USE_QUERY_CACHE, "false");
        props.put(AvailableSettings.SCANNER, "org.hibernate.boot.archive.scan.internal.DisabledScanner");
        props.put(AvailableSettings.SHOW_SQL, "false");
        props.putAll(fullText.hibernateSearchProperties(mediwox.dataDir()));
        return props;
    }

    @Bean
    @Primary
    JpaTransactionManager transactionManager(
            EntityManagerFactory entityManagerFactory, ObjectProvider<FullTextJournal> fullTextJournal) {
        FullTextJournal journal = fullTextJournal.getIfAvailable();
        return journal == null
                ? new JpaTransactionManager(entityManagerFactory)
                : new JournalingTransactionManager(entityManagerFactory, journal);
    }

    @Bean
    IFulltextSearchSvc fullTextSearchSvc() {
        return new FulltextSearchSvcImpl();
    }

    @Bean
    IHSearchSortHelper hSearchSortHelper(ISearchParamRegistry searchParamRegistry) {
        return new HSearchSortHelperImpl(searchParamRegistry);
    }

    @Bean
    IStaleSearchDeletingSvc staleSearchDeletingSvc() {
        return new StaleSearchDeletingSvcImpl();
    }

    @Bean
    IResourceSupportedSvc resourceSupportedSvc(IDaoRegistry daoRegistry) {
        return new DaoRegistryResourceSupportedSvc(daoRegistry);
    }

    @Bean(name = "myResourceCountsCache")
    ResourceCountCache resourceCountsCache(IFhirSystemDao<?, ?> systemDao) {
        return ResourceCountCacheUtil.newResourceCountCache(systemDao);
    }
}

package org.mediwox.server.export;

import ca.uhn.fhir.batch2.api.IJobMaintenanceService;
import ca.uhn.fhir.batch2.api.IJobPersistence;
import ca.uhn.fhir.batch2.jobs.export.BulkDataExportProvider;
import ca.uhn.fhir.batch2.maintenance.JobMaintenanceServiceImpl;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.server.RestfulServer;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

/**
 * FHIR Bulk Data export with HAPI's bulk export (the batch2 job {@code BULK_EXPORT} and its provider): the operations
 * on the FHIR endpoint, output files as Binaries whose content goes to the document store ({@code
 * documents.DocumentBinaryStorage}: S3 in production, shared by every node), the rules of {@link
 * BulkExportStorageGuard} and {@link BulkExportStatusGuard}, and {@link BulkExportRetention}. Off with {@code
 * mediwox.bulk-export.enabled=false}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "mediwox.bulk-export.enabled", havingValue = "true", matchIfMissing = true)
class BulkExportConfiguration {

    private static final Logger log = LoggerFactory.getLogger(BulkExportConfiguration.class);

    @Bean
    ExportJobs exportJobs(IJobPersistence jobPersistence) {
        return new ExportJobs(jobPersistence);
    }

    @Bean
    BulkExportStorageGuard bulkExportStorageGuard(BulkExportProperties properties, ExportJobs jobs) {
        return new BulkExportStorageGuard(properties, jobs);
    }

    @Bean
    BulkExportStatusGuard bulkExportStatusGuard(BulkExportProperties properties, ExportJobs jobs) {
        return new BulkExportStatusGuard(jobs, properties.retryAfter());
    }

    /** Its {@code @Scheduled} sweep runs on the one background scheduler. */
    @Bean
    BulkExportRetention bulkExportRetention(
            DaoRegistry daoRegistry, IJobPersistence jobPersistence, ExportJobs jobs, BulkExportProperties properties) {
        return new BulkExportRetention(daoRegistry, jobPersistence, jobs, properties.retention(), Clock.systemUTC());
    }

    /**
     * HAPI's settings for the export: each file fits the document store's size limit (a file is one Binary, and its
     * content one stored object), no reuse of another request's job (its files belong to the client that started it,
     * and a reused job would answer {@code _since} with old data), and HAPI's own purge off (see {@link
     * BulkExportRetention}), and batch2's steps advanced every {@code mediwox.bulk-export.job-maintenance-interval}.
     */
    @Bean
    SmartInitializingSingleton registerBulkExport(
            JpaStorageSettings storageSettings,
            @Value("${mediwox.documents.max-size:10MB}") DataSize documentMaxSize,
            BulkDataExportProvider bulkDataExportProvider,
            BulkExportStorageGuard storageGuard,
            BulkExportStatusGuard statusGuard,
            BulkExportProperties properties,
            IJobMaintenanceService jobMaintenance,
            IInterceptorService interceptors,
            RestfulServer fhirServer) {
        return () -> {
            storageSettings.setBulkExportFileMaximumSize(documentMaxSize.toBytes() / 10 * 9);
            storageSettings.setEnableBulkExportJobReuse(false);
            storageSettings.setEnableTaskBulkExportJobExecution(false);
            // read when HAPI's scheduler starts, after every bean exists
            if (jobMaintenance instanceof JobMaintenanceServiceImpl maintenance) {
                maintenance.setScheduledJobFrequencyMillis(
                        properties.jobMaintenanceInterval().toMillis());
            }
            // storage hooks: every path that starts an export or shows a stored resource passes them
            interceptors.registerInterceptor(storageGuard);
            fhirServer.registerInterceptor(statusGuard);
            fhirServer.registerProvider(bulkDataExportProvider);
            log.info(
                    "Bulk Data export on: files of at most {} bytes in the document store",
                    storageSettings.getBulkExportFileMaximumSize());
        };
    }
}

package org.mediwox.server.export;

import ca.uhn.fhir.batch2.api.IJobPersistence;
import ca.uhn.fhir.batch2.model.JobInstance;
import ca.uhn.fhir.batch2.model.StatusEnum;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.api.model.ExpungeOptions;
import ca.uhn.fhir.jpa.binary.interceptor.BinaryStorageInterceptor;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.util.Batch2JobDefinitionConstants;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Binary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.PageRequest;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Removes finished exports once {@code mediwox.bulk-export.retention} has passed since they ended: each output file is
 * deleted and expunged (so its content leaves the document store too: S3 in production), then the job. HAPI's own
 * purge only deletes the Binaries, which leaves their content in the store under the deleted version, so it is off
 * ({@code JpaStorageSettings#setEnableTaskBulkExportJobExecution}). Files of cancelled or failed exports, and files
 * whose job is gone, are removed the same way. Runs every {@code mediwox.bulk-export.sweep-interval} on one node at a
 * time (the lock {@value #LOCK}); removal is idempotent, so an overlap after a stalled node is harmless.
 */
public class BulkExportRetention {

    private static final Logger log = LoggerFactory.getLogger(BulkExportRetention.class);
    static final String LOCK = "bulk-export-retention";
    private static final int PAGE = 100;

    private final DaoRegistry daoRegistry;
    private final IJobPersistence jobPersistence;
    private final ExportJobs jobs;
    private final Duration retention;
    private final Clock clock;

    BulkExportRetention(
            DaoRegistry daoRegistry, IJobPersistence jobPersistence, ExportJobs jobs, Duration retention, Clock clock) {
        this.daoRegistry = daoRegistry;
        this.jobPersistence = jobPersistence;
        this.jobs = jobs;
        this.retention = retention;
        this.clock = clock;
    }

    @Scheduled(
            initialDelayString = "${mediwox.bulk-export.sweep-interval:15m}",
            fixedDelayString = "${mediwox.bulk-export.sweep-interval:15m}")
    @SchedulerLock(name = LOCK, lockAtMostFor = "PT30M")
    public void sweep() {
        try {
            sweep(clock.instant().minus(retention));
        } catch (RuntimeException e) {
            log.warn("Bulk export retention sweep failed, next attempt at the next interval: {}", e.toString());
        }
    }

    /**
     * Removes the exports that ended before {@code cutoff}, with their files.
     *
     * @return how many output files were removed
     */
    public int sweep(Instant cutoff) {
        int files = 0;
        for (IBaseResource file : outputFilesWrittenBefore(cutoff)) {
            String job = ExportJobs.jobOf(file).orElse(null);
            if (job == null || endedBefore(jobs.find(job), cutoff)) {
                remove(file.getIdElement().toUnqualifiedVersionless());
                files++;
            }
        }
        int removedJobs = 0;
        List<JobInstance> ended;
        int pages = 0;
        do {
            ended = jobPersistence.fetchInstances(
                    Batch2JobDefinitionConstants.BULK_EXPORT,
                    StatusEnum.getEndedStatuses(),
                    Date.from(cutoff),
                    PageRequest.of(0, PAGE));
            for (JobInstance job : ended) {
                jobPersistence.deleteInstanceAndChunks(job.getInstanceId());
                removedJobs++;
            }
        } while (ended.size() == PAGE && ++pages < 100);
        if (files > 0 || removedJobs > 0) {
            log.info(
                    "Bulk export retention removed {} output file(s) and {} job(s) that ended before {}",
                    files,
                    removedJobs,
                    cutoff);
        }
        return files;
    }

    private static boolean endedBefore(Optional<JobInstance> job, Instant cutoff) {
        if (job.isEmpty()) {
            return true;
        }
        Date end = job.get().getEndTime();
        return job.get().getStatus().isEnded() && end != null && end.toInstant().isBefore(cutoff);
    }

    private List<IBaseResource> outputFilesWrittenBefore(Instant cutoff) {
        SearchParameterMap search = SearchParameterMap.newSynchronous();
        search.add(
                "_tag",
                new TokenParam(BulkExportStorageGuard.OUTPUT_TAG_SYSTEM, BulkExportStorageGuard.OUTPUT_TAG_CODE));
        search.setLastUpdated(new DateRangeParam(null, Date.from(cutoff)));
        IBundleProvider found = binaries().search(search, request());
        return found.getAllResources();
    }

    private void remove(IIdType file) {
        SystemRequestDetails request = request();
        binaries().delete(file, request);
        binaries()
                .expunge(
                        file,
                        new ExpungeOptions().setExpungeDeletedResources(true).setExpungeOldVersions(true),
                        request);
    }

    private IFhirResourceDao<Binary> binaries() {
        return daoRegistry.getResourceDao(Binary.class);
    }

    private static SystemRequestDetails request() {
        SystemRequestDetails request = new SystemRequestDetails();
        // the files are found and removed, never read: their content stays in the store until the expunge removes it
        request.getUserData().put(BinaryStorageInterceptor.AUTO_INFLATE_BINARY_CONTENT_KEY, Boolean.FALSE);
        return request;
    }
}

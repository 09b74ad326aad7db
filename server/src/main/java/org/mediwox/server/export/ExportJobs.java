package org.mediwox.server.export;

import ca.uhn.fhir.batch2.api.IJobPersistence;
import ca.uhn.fhir.batch2.model.JobInstance;
import ca.uhn.fhir.rest.api.server.bulk.BulkExportJobParameters;
import ca.uhn.fhir.util.Batch2JobDefinitionConstants;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseExtension;
import org.hl7.fhir.instance.model.api.IBaseHasExtensions;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * Who started a Bulk Data export, read from HAPI's job itself: the client id is kept in the job's parameters (as the
 * identifier HAPI also writes into each output Binary's {@code securityContext}), so every node answers the same and
 * nothing outlives the job. Output files name their job in HAPI's {@value #JOB_ID_EXTENSION} meta extension.
 */
final class ExportJobs {

    /** The naming system of the owner: an OAuth2 client id of this server's clients. */
    static final String OWNER_SYSTEM = "https://mediwox.org/fhir/sid/oauth-client-id";

    /** HAPI's meta extension on each Binary a bulk export writes, naming the job. */
    static final String JOB_ID_EXTENSION = "https://hapifhir.org/NamingSystem/bulk-export-job-id";

    private final IJobPersistence jobs;

    ExportJobs(IJobPersistence jobs) {
        this.jobs = jobs;
    }

    /** The export job of this id, if it is one. */
    Optional<JobInstance> find(String jobId) {
        if (jobId == null || jobId.isBlank()) {
            return Optional.empty();
        }
        return jobs.fetchInstance(jobId)
                .filter(job -> Batch2JobDefinitionConstants.BULK_EXPORT.equals(job.getJobDefinitionId()));
    }

    /** The client that started the export job, if the job exists and says. */
    Optional<String> ownerOf(String jobId) {
        return find(jobId).map(ExportJobs::ownerOf);
    }

    static String ownerOf(JobInstance job) {
        BulkExportJobParameters parameters = job.getParameters(BulkExportJobParameters.class);
        return OWNER_SYSTEM.equals(parameters.getBinarySecurityContextIdentifierSystem())
                ? parameters.getBinarySecurityContextIdentifierValue()
                : null;
    }

    /** The export job a resource is an output file of: HAPI's meta extension on the Binaries it writes. */
    static Optional<String> jobOf(IBaseResource resource) {
        if (!(resource instanceof org.hl7.fhir.r4.model.Binary)
                || !(resource.getMeta() instanceof IBaseHasExtensions meta)) {
            return Optional.empty();
        }
        for (IBaseExtension<?, ?> extension : meta.getExtension()) {
            if (JOB_ID_EXTENSION.equals(extension.getUrl()) && extension.getValue() != null) {
                return Optional.ofNullable(
                        ((org.hl7.fhir.instance.model.api.IPrimitiveType<?>) extension.getValue()).getValueAsString());
            }
        }
        return Optional.empty();
    }
}

package org.mediwox.server.export;

import ca.uhn.fhir.batch2.model.JobInstance;
import ca.uhn.fhir.batch2.model.StatusEnum;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.model.util.JpaConstants;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.provider.ProviderConstants;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.mediwox.server.security.SmartAccess;

/**
 * The status endpoint of an export ({@code $export-poll-status?_jobId=}, the {@code Content-Location} of a kick-off):
 * polled (GET) and cancelled (DELETE) only by the client that started the export; to any other the job does not exist
 * (404), nor to anyone once it was cancelled. A running export is answered with the configured {@code Retry-After} instead of HAPI's fixed 120 s. The
 * CapabilityStatement says the server instantiates the Bulk Data IG's.
 */
@Interceptor
public class BulkExportStatusGuard {

    static final String STATUS_OPERATION = ProviderConstants.OPERATION_EXPORT_POLL_STATUS;

    /** The Bulk Data Access IG's CapabilityStatement, which this server's instantiates. */
    static final String BULK_DATA_CAPABILITIES = "http://hl7.org/fhir/uv/bulkdata/CapabilityStatement/bulk-data";

    private final ExportJobs jobs;
    private final Duration retryAfter;

    BulkExportStatusGuard(ExportJobs jobs, Duration retryAfter) {
        this.jobs = jobs;
        this.retryAfter = retryAfter;
    }

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
    public void ownJobsOnly(RequestDetails request) {
        if (!STATUS_OPERATION.equals(request.getOperation())) {
            return;
        }
        if (request.getRequestType() != RequestTypeEnum.GET && request.getRequestType() != RequestTypeEnum.DELETE) {
            throw new InvalidRequestException(
                    "Poll an export with GET, or cancel it with DELETE, on the Content-Location of its kick-off");
        }
        String[] ids = request.getParameters().get(JpaConstants.PARAM_EXPORT_POLL_STATUS_JOB_ID);
        if (ids == null || ids.length != 1 || ids[0].isBlank()) {
            throw new InvalidRequestException("The status of an export needs its job: "
                    + JpaConstants.PARAM_EXPORT_POLL_STATUS_JOB_ID + "=<id> (the Content-Location of its kick-off)");
        }
        String client = SmartAccess.current().map(SmartAccess::clientId).orElse(null);
        JobInstance job = jobs.find(ids[0]).orElse(null);
        if (client == null || job == null || !client.equals(ExportJobs.ownerOf(job))) {
            throw new ResourceNotFoundException("No export " + ids[0] + " of this client");
        }
        // the Bulk Data IG: after a DELETE the status URL answers 404 (HAPI would keep answering 202 "CANCELLED")
        if (job.getStatus() == StatusEnum.CANCELLED) {
            throw new ResourceNotFoundException("Export " + ids[0] + " was cancelled");
        }
    }

    @Hook(Pointcut.SERVER_PROCESSING_COMPLETED_NORMALLY)
    public void retryAfter(ServletRequestDetails request) {
        HttpServletResponse response = request.getServletResponse();
        if (STATUS_OPERATION.equals(request.getOperation())
                && response != null
                && !response.isCommitted()
                && response.getStatus() == Constants.STATUS_HTTP_202_ACCEPTED
                && response.containsHeader(Constants.HEADER_RETRY_AFTER)) {
            response.setHeader(Constants.HEADER_RETRY_AFTER, Long.toString(Math.max(1, retryAfter.toSeconds())));
        }
    }

    @Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
    public void instantiatesBulkData(IBaseConformance generated) {
        CapabilityStatement capabilities = (CapabilityStatement) generated;
        if (!capabilities.hasInstantiates(BULK_DATA_CAPABILITIES)) {
            capabilities.addInstantiates(BULK_DATA_CAPABILITIES);
        }
        // HAPI merges Patient/$export and Patient/[id]/$export into one generated definition: name the IG's
        CapabilityStatement.CapabilityStatementRestComponent rest = capabilities.getRestFirstRep();
        rest.getOperation().stream()
                .filter(op -> EXPORT.equals(op.getName()))
                .forEach(op -> op.setDefinition(BULK_DATA_OPERATIONS + "export"));
        for (CapabilityStatement.CapabilityStatementRestResourceComponent resource : rest.getResource()) {
            if (resource.getType().equals("Patient") || resource.getType().equals("Group")) {
                resource.getOperation().stream()
                        .filter(op -> EXPORT.equals(op.getName()))
                        .forEach(op -> op.setDefinition(BULK_DATA_OPERATIONS
                                + resource.getType().toLowerCase(java.util.Locale.ROOT) + "-export"));
            }
        }
    }

    private static final String EXPORT = "export";

    private static final String BULK_DATA_OPERATIONS = "http://hl7.org/fhir/uv/bulkdata/OperationDefinition/";
}

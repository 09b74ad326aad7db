package org.mediwox.server.export;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.IPreResourceShowDetails;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.bulk.BulkExportJobParameters;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.Group;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Parameters;
import org.mediwox.server.security.SmartAccess;
import org.mediwox.server.security.SmartScope;

/**
 * The Bulk Data export rules, on the storage pointcuts every export path passes through ({@code [base]/$export},
 * {@code Patient/$export}, {@code Patient/[id]/$export}, {@code Group/[id]/$export}: HAPI fires {@code
 * STORAGE_PRE_INITIATE_BULK_EXPORT} for each before it starts the job), and on every read of an output file (reads,
 * searches, history, {@code $binary-access-read}: {@code STORAGE_PRESHOW_RESOURCES}).
 *
 * <ul>
 *   <li>Only a SMART Backend Services token starts an export; it exports only the types a {@code system/} scope lets it
 *       read (without {@code _type}, those types; a {@code _type} naming another is refused).
 *   <li>A client bound to Groups ({@code mediwox.bulk-export.client-groups}) exports only those Groups, and may not
 *       change them.
 *   <li>The job records the client that started it; its output files are shown to that client only.
 * </ul>
 */
@Interceptor
public class BulkExportStorageGuard {

    /** The tag on every output file the server writes, by which expired files are found. */
    static final String OUTPUT_TAG_SYSTEM = "https://mediwox.org/fhir/CodeSystem/bulk-export";

    static final String OUTPUT_TAG_CODE = "output";

    private static final Set<String> NDJSON =
            Set.of(Constants.CT_FHIR_NDJSON, Constants.CT_APP_NDJSON, Constants.CT_NDJSON);

    private final BulkExportProperties properties;
    private final ExportJobs jobs;

    BulkExportStorageGuard(BulkExportProperties properties, ExportJobs jobs) {
        this.properties = properties;
        this.jobs = jobs;
    }

    @Hook(Pointcut.STORAGE_PRE_INITIATE_BULK_EXPORT)
    public void kickOff(BulkExportJobParameters parameters, RequestDetails request) {
        SmartAccess access = SmartAccess.current()
                .filter(SmartAccess::isBackendService)
                .orElseThrow(() -> new ForbiddenOperationException("Bulk Data export ($export) is for SMART Backend"
                        + " Services: a client-credentials token with system/ read scopes; patient and user tokens"
                        + " may not export"));
        parameters.setOutputFormat(outputFormat(parameters.getOutputFormat()));
        checkGroupBinding(access.clientId(), parameters);
        parameters.setResourceTypes(readableTypes(access, parameters, request));
        parameters.setBinarySecurityContextIdentifierSystem(ExportJobs.OWNER_SYSTEM);
        parameters.setBinarySecurityContextIdentifierValue(access.clientId());
    }

    /** {@code application/fhir+ndjson} and the abbreviations the Bulk Data IG allows; nothing else. */
    private static String outputFormat(String asked) {
        if (asked == null || asked.isBlank() || NDJSON.contains(asked.trim())) {
            return Constants.CT_FHIR_NDJSON;
        }
        throw new InvalidRequestException("_outputFormat " + asked + " is not offered: this server exports "
                + Constants.CT_FHIR_NDJSON + " (also written application/ndjson or ndjson)");
    }

    private void checkGroupBinding(String clientId, BulkExportJobParameters parameters) {
        if (!properties.isBound(clientId)) {
            return;
        }
        Set<String> groups = properties.groupsOf(clientId);
        String bound = "client " + clientId + " is bound to " + describe(groups)
                + " (mediwox.bulk-export.client-groups): it exports Group/[id]/$export of those Groups only";
        if (parameters.getExportStyle() != BulkExportJobParameters.ExportStyle.GROUP
                || parameters.getGroupId() == null) {
            throw new ForbiddenOperationException(
                    (parameters.getExportStyle() == BulkExportJobParameters.ExportStyle.SYSTEM
                                    ? "[base]/$export"
                                    : "Patient/$export")
                            + " refused: " + bound);
        }
        String group = new IdType(parameters.getGroupId()).getIdPart();
        if (!groups.contains(group)) {
            throw new ForbiddenOperationException("Export of Group/" + group + " refused: " + bound);
        }
        if (parameters.isExpandMdm()) {
            throw new ForbiddenOperationException(
                    "_mdm=true reaches patients linked to the Group's members, outside the Group: " + bound);
        }
    }

    private static String describe(Set<String> groups) {
        return groups.isEmpty()
                ? "no Group"
                : String.join(
                        ", ", groups.stream().sorted().map(g -> "Group/" + g).toList());
    }

    /**
     * The requested types this token may read with a {@code system/} scope; a scope with a search filter does not
     * count (an export cannot apply it to every path), nor does a wildcard for AuditEvent.
     */
    private static List<String> readableTypes(
            SmartAccess access, BulkExportJobParameters parameters, RequestDetails request) {
        List<String> readable = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (String type : parameters.getResourceTypes()) {
            boolean granted = access.scopesFor(type).stream()
                    .anyMatch(s -> s.level() == SmartScope.Level.SYSTEM
                            && s.grants('r')
                            && s.filter().isEmpty());
            (granted ? readable : refused).add(type);
        }
        if (!refused.isEmpty() && askedForTypes(request)) {
            throw new ForbiddenOperationException("This token may not export " + String.join(", ", refused)
                    + ": each type of _type needs a system/ scope with 'r' on it (system/*.rs or system/<Type>.rs)");
        }
        if (readable.isEmpty()) {
            throw new ForbiddenOperationException(
                    "This token may read none of the types to export: it needs system/*.rs or system/<Type>.rs");
        }
        return readable;
    }

    private static boolean askedForTypes(RequestDetails request) {
        if (request.getParameters().containsKey(Constants.PARAM_TYPE)) {
            return true;
        }
        return request.getResource() instanceof Parameters body && body.getParameter(Constants.PARAM_TYPE) != null;
    }

    /** Output files are shown only to the client that started their export; to anyone else they do not exist. */
    @Hook(Pointcut.STORAGE_PRESHOW_RESOURCES)
    public void ownOutputOnly(IPreResourceShowDetails details, RequestDetails request) {
        if (!(request instanceof ServletRequestDetails)) {
            return; // the server's own reads (the export job, the retention sweep)
        }
        String client = SmartAccess.current().map(SmartAccess::clientId).orElse(null);
        for (int i = 0; i < details.size(); i++) {
            IBaseResource resource = details.getResource(i);
            if (resource == null) {
                continue;
            }
            String job = ExportJobs.jobOf(resource).orElse(null);
            if (job == null
                    || (client != null && client.equals(jobs.ownerOf(job).orElse(null)))) {
                continue;
            }
            RestOperationTypeEnum operation = request.getRestOperationType();
            if (operation == RestOperationTypeEnum.SEARCH_TYPE
                    || operation == RestOperationTypeEnum.SEARCH_SYSTEM
                    || operation == RestOperationTypeEnum.HISTORY_TYPE
                    || operation == RestOperationTypeEnum.HISTORY_SYSTEM) {
                details.setResource(i, null);
            } else {
                throw new ResourceNotFoundException(
                        "Binary/" + resource.getIdElement().getIdPart() + " is not an export file of this client");
            }
        }
    }

    /** Tags the output files the server writes (never a client's Binary), for {@link BulkExportRetention}. */
    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
    public void tagOutput(IBaseResource resource, RequestDetails request) {
        if (resource instanceof Binary binary
                && !(request instanceof ServletRequestDetails)
                && ExportJobs.jobOf(binary).isPresent()) {
            binary.getMeta().addTag(OUTPUT_TAG_SYSTEM, OUTPUT_TAG_CODE, "Bulk Data export output file");
        }
    }

    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
    public void groupCreated(IBaseResource resource, RequestDetails request) {
        refuseChangeOfOwnGroup(resource, request);
    }

    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
    public void groupUpdated(IBaseResource oldResource, IBaseResource newResource, RequestDetails request) {
        refuseChangeOfOwnGroup(newResource, request);
    }

    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_DELETED)
    public void groupDeleted(IBaseResource resource, RequestDetails request) {
        refuseChangeOfOwnGroup(resource, request);
    }

    /** A client bound to Groups would otherwise widen its export by adding members to them. */
    private void refuseChangeOfOwnGroup(IBaseResource resource, RequestDetails request) {
        if (!(resource instanceof Group) || !(request instanceof ServletRequestDetails)) {
            return;
        }
        SmartAccess.current().map(SmartAccess::clientId).ifPresent(client -> {
            if (properties.groupsOf(client).contains(resource.getIdElement().getIdPart())) {
                throw new ForbiddenOperationException("Group/"
                        + resource.getIdElement().getIdPart()
                        + " is a Group client " + client + " is bound to for export: its members are kept by the"
                        + " clinic, not by that client");
            }
        });
    }
}

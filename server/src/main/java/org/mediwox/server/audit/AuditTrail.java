package org.mediwox.server.audit;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import ca.uhn.fhir.storage.interceptor.balp.BalpProfileEnum;
import ca.uhn.fhir.util.FhirTerser;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAction;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventOutcome;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Resource;
import org.mediwox.plugin.booking.Overbooking;
import org.mediwox.server.security.SmartAccess;

/**
 * Records every FHIR request: reads, searches, writes, operations, and refusals (401 from the token check, 403 from the
 * scope check, any other error) — the facts of an AuditEvent shaped after IHE Basic Audit Log Patterns (BALP): the
 * interaction, the outcome, the client and user agents, the server, the patients whose data was touched and the request
 * itself. They are stored as a row ({@link AuditRecord}) and rendered as the AuditEvent when read. Only the
 * CapabilityStatement, which anyone may read, is not audited.
 *
 * <p>Why not HAPI's {@code BalpAuditCaptureInterceptor} with a sink (issue 19, {@code bench/audit-cost.sh}, figures in
 * server/README.md): fed into the same writer and table, it cost 2.1 times this trail's CPU on a create, 5.5 times on a
 * read and 11 times on a search of 20 Appointments, because it writes one event per compartment reference (naming
 * Practitioners and Locations as patients) and parses a narrative into each; it records nothing for 401/403 refusals,
 * audits writes before they commit and fails with a NullPointerException on writes without an HTTP request.
 */
@Interceptor
public class AuditTrail {

    private static final String RESPONSE_KEY = AuditTrail.class.getName() + ".response";
    private static final int MAX_PATIENTS = 50;

    private final FhirContext fhirContext;
    private final AuditEventWriter writer;

    public AuditTrail(FhirContext fhirContext, AuditEventWriter writer) {
        this.fhirContext = fhirContext;
        this.writer = writer;
    }

    /** The trail is read-only over the API: 405 for anything but reading it. */
    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_PROCESSED)
    public boolean readOnly(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String method = request.getMethod();
        if ((path.equals("/fhir/AuditEvent") || path.startsWith("/fhir/AuditEvent/"))
                && !method.equals("GET")
                && !method.equals("HEAD")
                && !path.contains("/_search")) {
            throw new ca.uhn.fhir.rest.server.exceptions.MethodNotAllowedException(
                    "AuditEvents are written by the server only; they cannot be created, changed or deleted",
                    ca.uhn.fhir.rest.api.RequestTypeEnum.GET);
        }
        return true;
    }

    @Hook(Pointcut.SERVER_OUTGOING_RESPONSE)
    public void keepResponse(RequestDetails request, IBaseResource response) {
        if (response != null) {
            request.getUserData().put(RESPONSE_KEY, response);
        }
    }

    @Hook(Pointcut.SERVER_PROCESSING_COMPLETED_NORMALLY)
    public void completed(ServletRequestDetails request) {
        if (request.getRestOperationType() == RestOperationTypeEnum.METADATA) {
            return;
        }
        IBaseResource response = (IBaseResource) request.getUserData().get(RESPONSE_KEY);
        writer.write(event(request.getServletRequest(), request, response, AuditEventOutcome._0, null));
    }

    @Hook(Pointcut.SERVER_HANDLE_EXCEPTION)
    public boolean failed(RequestDetails request, BaseServerResponseException exception) {
        if (request.getRestOperationType() != RestOperationTypeEnum.METADATA
                && request instanceof ServletRequestDetails servlet) {
            AuditEventOutcome outcome = exception.getStatusCode() >= 500 ? AuditEventOutcome._8 : AuditEventOutcome._4;
            writer.write(event(
                    servlet.getServletRequest(),
                    request,
                    null,
                    outcome,
                    exception.getStatusCode() + " " + firstLine(exception.getMessage())));
        }
        return true;
    }

    /**
     * A request refused before it reached the FHIR server: no token or a token that failed validation, a body over the
     * size limit, a request the servlet container could not parse. A 5xx is recorded as a serious failure.
     */
    public void refused(HttpServletRequest request, int status, String message) {
        AuditEventOutcome outcome = status >= 500 ? AuditEventOutcome._8 : AuditEventOutcome._4;
        writer.write(event(request, null, null, outcome, status + " " + message));
    }

    private AuditRecord event(
            HttpServletRequest http,
            RequestDetails request,
            IBaseResource response,
            AuditEventOutcome outcome,
            String outcomeText) {
        RestOperationTypeEnum operation = request == null ? null : request.getRestOperationType();
        SmartAccess access = SmartAccess.current().orElse(null);
        Set<String> patients = new LinkedHashSet<>();
        if (access != null && access.hasPatientContext()) {
            patients.add("Patient/" + access.patient());
        }
        if (response != null) {
            collectPatients(response, patients);
        }
        if (request != null && request.getResource() != null && operation != RestOperationTypeEnum.TRANSACTION) {
            collectPatients(request.getResource(), patients);
        }
        IIdType target = request == null ? null : request.getId();
        if (target != null && "Patient".equals(target.getResourceType()) && target.hasIdPart()) {
            patients.add("Patient/" + target.getIdPart());
        }
        BalpProfileEnum profile = profileOf(operation, !patients.isEmpty());
        String fhirUser = access == null || access.fhirUser().isEmpty() ? null : access.fhirUser();
        // a clinician booked over the booking rule: which Appointment, over what, and why
        List<String> details = request == null
                ? List.of()
                : Overbooking.recorded(request.getUserData()).stream()
                        .map(String::valueOf)
                        .toList();
        IIdType what = resourceOf(request, response, http);
        return new AuditRecord(
                Instant.now(),
                profile == null ? null : profile.getProfileUrl(),
                operation == null ? guessInteraction(http) : interaction(operation),
                actionOf(operation, profile).toCode(),
                outcome.toCode(),
                outcomeText,
                access == null ? "anonymous" : access.clientId(),
                fhirUser,
                http.getRemoteAddr(),
                http.getRequestURL().toString(),
                http.getMethod() + " " + http.getRequestURI()
                        + (http.getQueryString() == null ? "" : "?" + http.getQueryString()),
                operation == RestOperationTypeEnum.SEARCH_TYPE || operation == RestOperationTypeEnum.SEARCH_SYSTEM,
                details,
                what == null ? null : what.toUnqualifiedVersionless().getValue(),
                List.copyOf(patients));
    }

    /** The resource the request was about: the one it named, created or read. */
    private IIdType resourceOf(RequestDetails request, IBaseResource response, HttpServletRequest http) {
        if (request != null && request.getId() != null && request.getId().hasIdPart()) {
            return request.getId();
        }
        if (response != null
                && !(response instanceof Bundle)
                && !(response instanceof Parameters)
                && !(response instanceof org.hl7.fhir.r4.model.OperationOutcome)
                && response.getIdElement().hasIdPart()) {
            return response.getIdElement();
        }
        if (request == null) {
            // refused before HAPI parsed it: take Type/id from the path
            String[] parts = http.getRequestURI().replaceFirst("^.*?/fhir/", "").split("/");
            if (parts.length >= 2 && fhirContext.getResourceTypes().contains(parts[0]) && !parts[1].startsWith("$")) {
                return new org.hl7.fhir.r4.model.IdType(parts[0], parts[1]);
            }
        }
        return null;
    }

    private void collectPatients(IBaseResource resource, Set<String> patients) {
        List<IBaseResource> resources;
        if (resource instanceof Bundle bundle) {
            resources = bundle.getEntry().stream()
                    .map(Bundle.BundleEntryComponent::getResource)
                    .filter(r -> r != null)
                    .map(r -> (IBaseResource) r)
                    .toList();
        } else if (resource instanceof Parameters parameters) {
            resources = parameters.getParameter().stream()
                    .map(Parameters.ParametersParameterComponent::getResource)
                    .filter(r -> r != null)
                    .map(r -> (IBaseResource) r)
                    .toList();
        } else {
            resources = List.of(resource);
        }
        FhirTerser terser = fhirContext.newTerser();
        for (IBaseResource next : resources) {
            if (patients.size() >= MAX_PATIENTS) {
                return;
            }
            if (next instanceof org.hl7.fhir.r4.model.Patient patient
                    && patient.getIdElement().hasIdPart()) {
                patients.add("Patient/" + patient.getIdElement().getIdPart());
            } else if (next instanceof Resource r
                    && !SKIPPED.contains(r.fhirType())
                    && !fhirContext
                            .getResourceDefinition(r)
                            .getSearchParamsForCompartmentName("Patient")
                            .isEmpty()) {
                for (IIdType owner : terser.getCompartmentOwnersForResource("Patient", next, (Set<String>) null)) {
                    if (owner.hasIdPart() && "Patient".equals(owner.getResourceType())) {
                        patients.add("Patient/" + owner.getIdPart());
                    }
                }
            }
        }
    }

    private static final Set<String> SKIPPED = Set.of("AuditEvent", "Schedule");

    private static BalpProfileEnum profileOf(RestOperationTypeEnum operation, boolean patient) {
        if (operation == null) {
            return null;
        }
        return switch (operation) {
            case CREATE -> patient ? BalpProfileEnum.PATIENT_CREATE : BalpProfileEnum.BASIC_CREATE;
            case UPDATE, PATCH -> patient ? BalpProfileEnum.PATIENT_UPDATE : BalpProfileEnum.BASIC_UPDATE;
            case DELETE -> patient ? BalpProfileEnum.PATIENT_DELETE : BalpProfileEnum.BASIC_DELETE;
            case READ, VREAD -> patient ? BalpProfileEnum.PATIENT_READ : BalpProfileEnum.BASIC_READ;
            case SEARCH_TYPE, SEARCH_SYSTEM, GET_PAGE ->
                patient ? BalpProfileEnum.PATIENT_QUERY : BalpProfileEnum.BASIC_QUERY;
            default -> null;
        };
    }

    private static AuditEventAction actionOf(RestOperationTypeEnum operation, BalpProfileEnum profile) {
        if (profile != null) {
            return profile.getAction();
        }
        if (operation == null) {
            return AuditEventAction.E;
        }
        return switch (operation) {
            case HISTORY_INSTANCE, HISTORY_TYPE, HISTORY_SYSTEM -> AuditEventAction.R;
            default -> AuditEventAction.E;
        };
    }

    /** The interaction of a request refused before HAPI parsed it, from its method and path. */
    private static String guessInteraction(HttpServletRequest http) {
        String path = http.getRequestURI().replaceFirst("^.*?/fhir/?", "");
        boolean instance = path.contains("/") && !path.contains("$");
        return switch (http.getMethod()) {
            case "GET" ->
                path.contains("$") ? "operation" : instance ? "read" : path.isEmpty() ? "search-system" : "search-type";
            case "POST" -> path.contains("$") ? "operation" : path.isEmpty() ? "transaction" : "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> "delete";
            default -> "operation";
        };
    }

    private static String interaction(RestOperationTypeEnum operation) {
        return switch (operation) {
            case READ -> "read";
            case VREAD -> "vread";
            case UPDATE -> "update";
            case PATCH -> "patch";
            case DELETE -> "delete";
            case CREATE -> "create";
            case SEARCH_TYPE, GET_PAGE -> "search-type";
            case SEARCH_SYSTEM -> "search-system";
            case HISTORY_INSTANCE -> "history-instance";
            case HISTORY_TYPE -> "history-type";
            case HISTORY_SYSTEM -> "history-system";
            case TRANSACTION -> "transaction";
            case BATCH -> "batch";
            default -> "operation";
        };
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        String line = newline < 0 ? message : message.substring(0, newline);
        return line.length() > 500 ? line.substring(0, 500) : line;
    }
}

package org.mediwox.server.validation;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Parameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validates resources of profiled types against the implementation guide's profiles:
 *
 * <ul>
 *   <li>every resource before it is stored — by any path: a create or update, a transaction, or a write that {@code
 *       $book}, {@code $hold} or {@code $cancel} makes — against the rules the profile adds ({@link ProfileRules}), or
 *       with HAPI's full instance validator when {@code mediwox.validation.writes=full};
 *   <li>every resource a client passes into one of Mediwox's operations, with HAPI's full instance validator.
 * </ul>
 *
 * In {@code enforce} mode a violation is a 422 OperationOutcome with one issue per problem — the location in {@code
 * expression}, the rule and the profile in {@code diagnostics} — and nothing of the request is stored (its transaction
 * rolls back); in {@code warn} mode the resource is stored and the problems are logged. Registered with the storage's
 * interceptor service (storage hooks) and the REST server's (the operation-input hook).
 */
@Interceptor
public class ProfileValidationInterceptor {

    private static final Logger log = LoggerFactory.getLogger(ProfileValidationInterceptor.class);

    private final ProfileRules rules;
    private final ProfileValidator validator;
    private final ValidationProperties properties;
    private final Set<String> operations;
    private final FhirContext fhirContext;

    /**
     * @param operations the names of Mediwox's operations ({@code $book}, …) whose input resources are validated in full
     */
    public ProfileValidationInterceptor(
            ProfileRules rules,
            ProfileValidator validator,
            ValidationProperties properties,
            Set<String> operations,
            FhirContext fhirContext) {
        this.rules = rules;
        this.validator = validator;
        this.properties = properties;
        this.operations = Set.copyOf(operations);
        this.fhirContext = fhirContext;
    }

    @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED, order = -10) // before the modules' own checks
    public void created(IBaseResource resource) {
        checkStored(resource);
    }

    @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED, order = -10)
    public void updated(IBaseResource previous, IBaseResource resource) {
        checkStored(resource);
    }

    /** The resources in the Parameters of a Mediwox operation ({@code appointment-resource} of {@code $hold}, …). */
    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
    public void operationInput(RequestDetails request, RestOperationTypeEnum operation) {
        if (properties.mode() == ValidationProperties.Mode.OFF
                || (operation != RestOperationTypeEnum.EXTENDED_OPERATION_TYPE
                        && operation != RestOperationTypeEnum.EXTENDED_OPERATION_INSTANCE)
                || !operations.contains(request.getOperation())) {
            return;
        }
        byte[] body = request.loadRequestContents();
        if (body == null || body.length == 0) {
            return;
        }
        EncodingEnum encoding = RestfulEncoding.of(request);
        IBaseResource parsed;
        try {
            parsed = encoding.newParser(fhirContext).parseResource(new String(body, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            return; // the operation answers unparseable input itself
        }
        if (!(parsed instanceof Parameters parameters)) {
            return;
        }
        List<Issue> issues = new ArrayList<>();
        for (Parameters.ParametersParameterComponent parameter : parameters.getParameter()) {
            if (parameter.hasResource()
                    && validator.profileFor(parameter.getResource().fhirType()).isPresent()) {
                for (var message : validator.errors(parameter.getResource())) {
                    issues.add(new Issue(
                            parameter.getName() + ": " + message.getLocationString(),
                            message.getMessage() + " (profile "
                                    + validator
                                            .profileFor(parameter.getResource().fhirType())
                                            .orElseThrow() + ")"));
                }
            }
        }
        report(request.getOperation() + " input", issues);
    }

    private record Issue(String location, String diagnostics) {}

    private void checkStored(IBaseResource resource) {
        if (properties.mode() == ValidationProperties.Mode.OFF) {
            return;
        }
        String profile = rules.profileFor(resource.fhirType());
        if (profile == null) {
            return;
        }
        List<Issue> issues = new ArrayList<>();
        if (properties.writes() == ValidationProperties.Depth.FULL) {
            validator
                    .errors(resource)
                    .forEach(m -> issues.add(
                            new Issue(m.getLocationString(), m.getMessage() + " (profile " + profile + ")")));
        } else {
            rules.check(resource)
                    .forEach(v -> issues.add(new Issue(v.location(), v.message() + " (profile " + profile + ")")));
        }
        report(resource.fhirType(), issues);
    }

    private void report(String what, List<Issue> issues) {
        if (issues.isEmpty()) {
            return;
        }
        if (properties.mode() == ValidationProperties.Mode.WARN) {
            log.warn("{} breaks its profile (accepted: validation mode warn): {}", what, issues);
            return;
        }
        OperationOutcome outcome = new OperationOutcome();
        for (Issue issue : issues) {
            outcome.addIssue()
                    .setSeverity(IssueSeverity.ERROR)
                    .setCode(IssueType.INVARIANT)
                    .setDiagnostics(issue.diagnostics())
                    .addExpression(issue.location());
        }
        throw new UnprocessableEntityException(fhirContext, outcome);
    }

    /** The encoding of a request body, from its Content-Type (JSON unless it says XML). */
    private static final class RestfulEncoding {
        static EncodingEnum of(RequestDetails request) {
            String contentType = request.getHeader("Content-Type");
            EncodingEnum encoding = contentType == null ? null : EncodingEnum.forContentType(contentType);
            return encoding == null ? EncodingEnum.JSON : encoding;
        }
    }
}

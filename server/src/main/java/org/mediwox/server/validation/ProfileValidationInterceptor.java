package org.mediwox.server.validation;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.mediwox.plugin.vocabulary.MediwoxExtensions;
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
 * interceptor service only (HAPI's DAOs also call the REST server's interceptors for storage hooks: registering it
 * there too would validate twice); {@link OperationInputValidation} checks the operations' inputs.
 */
@Interceptor
public class ProfileValidationInterceptor {

    private static final Logger log = LoggerFactory.getLogger(ProfileValidationInterceptor.class);

    private final ProfileRules rules;
    private final ProfileValidator validator;
    private final ValidationProperties properties;
    private final FhirContext fhirContext;

    public ProfileValidationInterceptor(
            ProfileRules rules, ProfileValidator validator, ValidationProperties properties, FhirContext fhirContext) {
        this.rules = rules;
        this.validator = validator;
        this.properties = properties;
        this.fhirContext = fhirContext;
    }

    @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED, order = -10) // before the modules' own checks
    public void created(IBaseResource resource) {
        checkStored(resource);
    }

    @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED, order = -10)
    public void updated(IBaseResource previous, IBaseResource resource) {
        checkStored(withoutKeptLegacyExplanation(previous, resource));
    }

    /**
     * Appointments booked before the assignment explanation had structure carry it as a plain {@code valueString}, a
     * form the guide no longer allows (the default rules do not look into it; the full validator refuses it). An update
     * that keeps that extension as it was stored — a cancellation, a reschedule — is checked without it, so old
     * appointments stay writable; a legacy explanation a write adds or changes is still refused in full.
     */
    static IBaseResource withoutKeptLegacyExplanation(IBaseResource previous, IBaseResource resource) {
        if (!(resource instanceof Appointment updated) || !(previous instanceof Appointment stored)) {
            return resource;
        }
        Extension now = updated.getExtensionByUrl(MediwoxExtensions.ASSIGNMENT_EXPLANATION);
        Extension before = stored.getExtensionByUrl(MediwoxExtensions.ASSIGNMENT_EXPLANATION);
        if (now == null || !now.hasValue() || before == null || !now.equalsDeep(before)) {
            return resource;
        }
        Appointment checked = updated.copy();
        checked.getExtension().removeIf(e -> MediwoxExtensions.ASSIGNMENT_EXPLANATION.equals(e.getUrl()));
        return checked;
    }

    record Issue(String location, String diagnostics) {}

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

    void report(String what, List<Issue> issues) {
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
}

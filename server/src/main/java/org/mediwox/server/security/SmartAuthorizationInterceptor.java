package org.mediwox.server.security;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.model.api.ResourceMetadataKeyEnum;
import ca.uhn.fhir.model.valueset.BundleEntrySearchModeEnum;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.IPreResourceShowDetails;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SimplePreResourceShowDetails;
import ca.uhn.fhir.rest.server.interceptor.auth.AuthorizationFlagsEnum;
import ca.uhn.fhir.rest.server.interceptor.auth.AuthorizationInterceptor;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRule;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRuleBuilderRuleOp;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRuleBuilderRuleOpClassifier;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRuleFinished;
import ca.uhn.fhir.rest.server.interceptor.auth.IRuleApplier;
import ca.uhn.fhir.rest.server.interceptor.auth.PolicyEnum;
import ca.uhn.fhir.rest.server.interceptor.auth.RuleBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.hl7.fhir.instance.model.api.IAnyResource;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.IdType;

/**
 * Turns the SMART scopes and launch context of the request's access token into HAPI authorization rules.
 *
 * <ul>
 *   <li>{@code patient/} scopes reach the launch patient's compartment; of the types outside any patient compartment
 *       (the clinic's directory: practitioners, locations, schedules, slots, conformance resources) they may read all.
 *   <li>{@code user/} and {@code system/} scopes reach every resource of their types.
 *   <li>The permission letters are enforced exactly ({@code .rs} cannot write, {@code .r} cannot search), also for each
 *       entry of a transaction or batch Bundle; responses, {@code _include}d and {@code _revinclude}d resources are
 *       checked against the same rules.
 *   <li>A wildcard never reaches AuditEvent: only an auditor scope naming AuditEvent does, and no scope may change or
 *       delete one.
 * </ul>
 */
public class SmartAuthorizationInterceptor extends AuthorizationInterceptor {

    /** Bulk Data {@code $export} (server, {@code Patient}, {@code Group/[id]}) and HAPI's status endpoint of its jobs. */
    static final String BULK_EXPORT = "export";

    static final String BULK_EXPORT_STATUS = "export-poll-status";

    /** HAPI's operations this server offers, ruled here rather than declared (their providers are HAPI's). */
    static final Set<String> HAPI_OPERATIONS = Set.of(
            "validate",
            "binary-access-read",
            "binary-access-write",
            "expunge",
            "everything",
            BULK_EXPORT,
            BULK_EXPORT_STATUS);

    /** {@code Patient/[id]/$everything}: answers only what the token may read (see {@link #addEverythingRules}). */
    static final String EVERYTHING = "$everything";

    private final FhirContext fhirContext;
    private final DeclaredOperations operations;
    private final Set<String> patientCompartmentTypes;

    public SmartAuthorizationInterceptor(FhirContext fhirContext, DeclaredOperations operations) {
        super(PolicyEnum.DENY);
        this.fhirContext = fhirContext;
        this.operations = operations;
        this.patientCompartmentTypes = SmartResourceTypes.patientCompartmentTypes(fhirContext);
        setFlags(AuthorizationFlagsEnum.ALLOW_PATCH_REQUEST_UNCHALLENGED);
    }

    @Override
    public List<IAuthRule> buildRuleList(RequestDetails request) {
        RuleBuilder rules = new RuleBuilder();
        rules.allow("capability statement").metadata();
        SmartAccess access = SmartAccess.current().orElse(null);
        if (access == null) {
            return rules.denyAll("An access token is required").build();
        }
        if (!access.hasPatientContext()
                && access.scopes().stream().anyMatch(s -> s.level() == SmartScope.Level.PATIENT)) {
            // the token validator refuses these already; this keeps the rules safe without it
            return rules.denyAll("A token with patient/ scopes must name its patient")
                    .build();
        }
        List<IAuthRule> list = new ArrayList<>();
        list.add(new PermissionRule(access));
        for (SmartScope scope : access.scopes()) {
            addRules(rules, scope, access);
        }
        addOperationRules(rules, access, request);
        rules.allow("transaction and batch entries, each by the rules above")
                .transaction()
                .withAnyOperation()
                .andApplyNormalRules();
        rules.denyAll("No scope of this access token permits the request");
        list.addAll(rules.build());
        return list;
    }

    /**
     * Resources a search {@code _include}s or {@code _revinclude}s that the token may not read are left out of the
     * answer (a patient's family visit names another Patient: the Appointment is the patient's, the other Patient is
     * not); HAPI's own check would refuse the whole search with 403 for one of them. The matches themselves are checked
     * as before: one the token may not read still refuses the request. HAPI marks includes with {@link
     * ResourceMetadataKeyEnum#ENTRY_SEARCH_MODE} before it shows them. {@code Patient/[id]/$everything} is answered the
     * same way: of the patient's record, what the token may read (SMART: a client sees what its scopes grant).
     */
    @Override
    public void hookPreShow(RequestDetails request, IPreResourceShowDetails details, Pointcut pointcut) {
        List<IBaseResource> shown = new ArrayList<>(details.size());
        for (int i = 0; i < details.size(); i++) {
            IBaseResource resource = details.getResource(i);
            if (resource == null) {
                continue;
            }
            if ((included(resource) || EVERYTHING.equals(request.getOperation()))
                    && applyRulesAndReturnDecision(
                                            request.getRestOperationType(), request, null, null, resource, pointcut)
                                    .getDecision()
                            == PolicyEnum.DENY) {
                details.setResource(i, null);
            } else {
                shown.add(resource);
            }
        }
        super.hookPreShow(request, new SimplePreResourceShowDetails(shown), pointcut);
    }

    private static boolean included(IBaseResource resource) {
        return resource instanceof IAnyResource
                && ResourceMetadataKeyEnum.ENTRY_SEARCH_MODE.get(resource) == BundleEntrySearchModeEnum.INCLUDE;
    }

    private void addRules(RuleBuilder rules, SmartScope scope, SmartAccess access) {
        String name = scopeName(scope);
        boolean readable = scope.grants('r') || scope.grants('s');
        if (scope.level() == SmartScope.Level.PATIENT) {
            if (!access.hasPatientContext()) {
                return;
            }
            IdType patient = new IdType("Patient", access.patient());
            Function<IAuthRuleBuilderRuleOpClassifier, IAuthRuleFinished> inCompartment =
                    c -> scope.filter().isEmpty()
                            ? c.inCompartment("Patient", patient)
                            : c.inCompartmentWithFilter("Patient", patient, scope.filter());
            for (String type : SmartResourceTypes.DIRECTORY) {
                if (readable && scope.covers(type)) {
                    withFilter(scope, rules.allow(name).read().resourcesOfType(type));
                }
            }
            if (scope.resourceType().equals("*")) {
                addOps(rules, name, scope, b -> b.allResources(), inCompartment);
            } else if (patientCompartmentTypes.contains(scope.resourceType())) {
                addOps(rules, name, scope, b -> b.resourcesOfType(scope.resourceType()), inCompartment);
            }
        } else {
            Function<IAuthRuleBuilderRuleOpClassifier, IAuthRuleFinished> anyId = c -> withFilter(scope, c);
            if (scope.resourceType().equals("*")) {
                addOps(rules, name, scope, b -> b.allResources(), anyId);
            } else {
                addOps(rules, name, scope, b -> b.resourcesOfType(scope.resourceType()), anyId);
            }
        }
    }

    private static IAuthRuleFinished withFilter(SmartScope scope, IAuthRuleBuilderRuleOpClassifier classifier) {
        return scope.filter().isEmpty() ? classifier.withAnyId() : classifier.withFilter(scope.filter());
    }

    private static void addOps(
            RuleBuilder rules,
            String name,
            SmartScope scope,
            Function<IAuthRuleBuilderRuleOp, IAuthRuleBuilderRuleOpClassifier> types,
            Function<IAuthRuleBuilderRuleOpClassifier, IAuthRuleFinished> classifier) {
        if (scope.grants('r') || scope.grants('s')) {
            classifier.apply(types.apply(rules.allow(name).read()));
        }
        if (scope.grants('c')) {
            classifier.apply(types.apply(rules.allow(name).create()));
        }
        if (scope.grants('u')) {
            classifier.apply(types.apply(rules.allow(name).write()));
        }
        if (scope.grants('d')) {
            var delete = rules.allow(name).delete();
            classifier.apply(
                    scope.resourceType().equals("*")
                            ? delete.allResources()
                            : delete.resourcesOfType(scope.resourceType()));
        }
    }

    /**
     * Operations: those the modules (and this server) contribute, as each declares ({@link DeclaredOperation}); which
     * patient they act for is checked by {@link PatientOperationGuard}, and their responses are what the operation
     * decided to return. HAPI's own operations that this server offers are ruled here: {@link #HAPI_OPERATIONS}.
     */
    private void addOperationRules(RuleBuilder rules, SmartAccess access, RequestDetails request) {
        for (DeclaredOperation operation : operations.declared(request)) {
            if (operation.permits(access)) {
                allow(rules, operation);
            }
        }
        rules.allow("$validate").operation().named("validate").onAnyType().andAllowAllResponses();
        // which resources and letters these reach is checked by BinaryAccessGuard
        for (String operation : List.of("binary-access-read", "binary-access-write")) {
            rules.allow("$" + operation)
                    .operation()
                    .named(operation)
                    .onAnyInstance()
                    .andAllowAllResponses();
        }
        addExpungeRules(rules, access);
        addEverythingRules(rules, access);
        addBulkExportRules(rules, access);
    }

    /**
     * Bulk Data export is for SMART Backend Services only (the Bulk Data IG): a client-credentials token with system/
     * scopes. Which types it may export, which Groups, and whose jobs and files it may see is ruled below the
     * operation, on every path that starts a job or shows its output ({@code org.mediwox.server.export}).
     */
    private void addBulkExportRules(RuleBuilder rules, SmartAccess access) {
        if (!access.isBackendService()) {
            String refusal = "Bulk Data export ($export) is for SMART Backend Services: a client-credentials token with"
                    + " system/ read scopes (system/*.rs or per type); patient and user tokens may not export";
            rules.deny(refusal).operation().named(BULK_EXPORT).onServer().andAllowAllResponses();
            rules.deny(refusal).operation().named(BULK_EXPORT).onAnyType().andAllowAllResponses();
            rules.deny(refusal).operation().named(BULK_EXPORT).onAnyInstance().andAllowAllResponses();
            rules.deny(refusal).operation().named(BULK_EXPORT_STATUS).onServer().andAllowAllResponses();
            return;
        }
        String name = "$export by a back-end service (types, Groups and owner checked by the export guard)";
        rules.allow(name).operation().named(BULK_EXPORT).onServer().andAllowAllResponses();
        rules.allow(name)
                .operation()
                .named(BULK_EXPORT)
                .onType(org.hl7.fhir.r4.model.Patient.class)
                .andAllowAllResponses();
        rules.allow(name)
                .operation()
                .named(BULK_EXPORT)
                .onInstancesOfType(org.hl7.fhir.r4.model.Patient.class)
                .andAllowAllResponses();
        rules.allow(name)
                .operation()
                .named(BULK_EXPORT)
                .onInstancesOfType(org.hl7.fhir.r4.model.Group.class)
                .andAllowAllResponses();
        rules.allow(name).operation().named(BULK_EXPORT_STATUS).onServer().andAllowAllResponses();
    }

    /**
     * {@code Patient/[id]/$everything} for a token that may read Patients: a patient-level token for its own patient
     * only, a user or system token for any. Each resource of the answer is then checked against the read rules above
     * and left out if they do not allow it ({@link #hookPreShow}), so the operation shows nothing a search would not.
     */
    private void addEverythingRules(RuleBuilder rules, SmartAccess access) {
        String name = "Patient/[id]/$everything (each resource by the read rules)";
        for (SmartScope scope : access.scopes()) {
            if (!scope.covers("Patient") || !(scope.grants('r') || scope.grants('s'))) {
                continue;
            }
            if (scope.level() == SmartScope.Level.PATIENT) {
                if (access.hasPatientContext()) {
                    rules.allow(name)
                            .operation()
                            .named("everything")
                            .onInstance(new IdType("Patient", access.patient()))
                            .andRequireExplicitResponseAuthorization();
                }
            } else {
                rules.allow(name)
                        .operation()
                        .named("everything")
                        .onInstancesOfType(org.hl7.fhir.r4.model.Patient.class)
                        .andRequireExplicitResponseAuthorization();
            }
        }
    }

    private void allow(RuleBuilder rules, DeclaredOperation operation) {
        String name = "$" + operation.name() + " (declared access)";
        if (operation.onServer()) {
            rules.allow(name).operation().named(operation.name()).onServer().andAllowAllResponses();
        }
        if (operation.resourceType() == null) {
            return;
        }
        Class<? extends IBaseResource> type =
                fhirContext.getResourceDefinition(operation.resourceType()).getImplementingClass();
        if (operation.onType()) {
            rules.allow(name).operation().named(operation.name()).onType(type).andAllowAllResponses();
        }
        if (operation.onInstance()) {
            rules.allow(name)
                    .operation()
                    .named(operation.name())
                    .onInstancesOfType(type)
                    .andAllowAllResponses();
        }
    }

    /** {@code $expunge} (which also removes stored document content) is for back ends with a system delete scope. */
    private void addExpungeRules(RuleBuilder rules, SmartAccess access) {
        for (SmartScope scope : access.scopes()) {
            if (scope.level() != SmartScope.Level.SYSTEM
                    || !scope.grants('d')
                    || !scope.filter().isEmpty()) {
                continue;
            }
            String name = "$expunge by " + scopeName(scope);
            if (scope.resourceType().equals("*")) {
                rules.allow(name).operation().named("expunge").onAnyInstance().andAllowAllResponses();
                rules.allow(name).operation().named("expunge").onAnyType().andAllowAllResponses();
            } else if (fhirContext.getResourceTypes().contains(scope.resourceType())) {
                Class<? extends IBaseResource> type =
                        fhirContext.getResourceDefinition(scope.resourceType()).getImplementingClass();
                rules.allow(name)
                        .operation()
                        .named("expunge")
                        .onInstancesOfType(type)
                        .andAllowAllResponses();
                rules.allow(name).operation().named("expunge").onType(type).andAllowAllResponses();
            }
        }
    }

    private static String scopeName(SmartScope scope) {
        return "scope " + scope.level().name().toLowerCase() + "/" + scope.resourceType() + "." + scope.permissions()
                + (scope.filter().isEmpty() ? "" : "?" + scope.filter());
    }

    /**
     * First rule of every list: refuses a request whose permission letter no scope grants on its resource type (HAPI's
     * read rule covers both read and search, its write rule both create and update), and lets the writes a scheduling
     * operation makes on the caller's behalf through (the operation itself was authorized when it was called).
     */
    private static final class PermissionRule implements IAuthRule {

        private static final IAuthRule AUDITOR_ONLY =
                new Named("Reading AuditEvents needs an auditor scope (AuditEvent.rs)");
        private static final IAuthRule IMMUTABLE_AUDIT =
                new Named("AuditEvents are written by the server only; they cannot be created, changed or deleted");

        private final SmartAccess access;

        PermissionRule(SmartAccess access) {
            this.access = access;
        }

        @Override
        public Verdict applyRule(
                RestOperationTypeEnum operation,
                RequestDetails request,
                IBaseResource inputResource,
                IIdType inputResourceId,
                IBaseResource outputResource,
                IRuleApplier ruleApplier,
                Set<AuthorizationFlagsEnum> flags,
                Pointcut pointcut) {
            RestOperationTypeEnum requestOperation = request.getRestOperationType();
            // (not $everything, whose answer is the stored record itself and is checked resource by resource)
            if (pointcut != null
                    && pointcut.name().startsWith("STORAGE_")
                    && isExtendedOperation(requestOperation)
                    && !EVERYTHING.equals(request.getOperation())) {
                return new Verdict(PolicyEnum.ALLOW, this);
            }
            if (outputResource != null) {
                boolean audit = outputResource instanceof org.hl7.fhir.r4.model.AuditEvent;
                return audit && !access.grants("AuditEvent", 'r') && !access.grants("AuditEvent", 's')
                        ? new Verdict(PolicyEnum.DENY, AUDITOR_ONLY)
                        : null;
            }
            char permission = permissionOf(operation);
            if (permission == 0) {
                return null;
            }
            String type = typeOf(request, inputResource, inputResourceId);
            if (type == null) {
                return null;
            }
            if (type.equals("AuditEvent") && permission != 'r' && permission != 's') {
                return new Verdict(PolicyEnum.DENY, IMMUTABLE_AUDIT);
            }
            if (!access.grants(type, permission)) {
                return new Verdict(
                        PolicyEnum.DENY,
                        new Named(describe(permission) + " " + type + " needs a scope with '" + permission + "' on "
                                + type + " (for example user/" + type + "." + permission + ")"));
            }
            return null;
        }

        private static boolean isExtendedOperation(RestOperationTypeEnum operation) {
            return operation == RestOperationTypeEnum.EXTENDED_OPERATION_TYPE
                    || operation == RestOperationTypeEnum.EXTENDED_OPERATION_INSTANCE
                    || operation == RestOperationTypeEnum.EXTENDED_OPERATION_SERVER;
        }

        private static char permissionOf(RestOperationTypeEnum operation) {
            return switch (operation) {
                case READ, VREAD, HISTORY_INSTANCE, HISTORY_TYPE -> 'r';
                case SEARCH_TYPE -> 's';
                case CREATE -> 'c';
                case UPDATE, PATCH -> 'u';
                case DELETE -> 'd';
                default -> 0;
            };
        }

        private static String describe(char permission) {
            return switch (permission) {
                case 'r' -> "Reading";
                case 's' -> "Searching";
                case 'c' -> "Creating";
                case 'u' -> "Updating";
                default -> "Deleting";
            };
        }

        private static String typeOf(RequestDetails request, IBaseResource resource, IIdType id) {
            if (id != null && id.getResourceType() != null) {
                return id.getResourceType();
            }
            if (resource != null) {
                return request.getFhirContext().getResourceType(resource);
            }
            return request.getResourceName();
        }

        @Override
        public String getName() {
            return "SMART permission letters";
        }
    }

    /** A rule that only names a decision, for the message HAPI puts into the 403 OperationOutcome. */
    private record Named(String getName) implements IAuthRule {
        @Override
        public Verdict applyRule(
                RestOperationTypeEnum operation,
                RequestDetails request,
                IBaseResource inputResource,
                IIdType inputResourceId,
                IBaseResource outputResource,
                IRuleApplier ruleApplier,
                Set<AuthorizationFlagsEnum> flags,
                Pointcut pointcut) {
            return null;
        }
    }
}

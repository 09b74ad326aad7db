package org.mediwox.server.security;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.mediwox.plugin.access.OperationAccess;

/**
 * Rules the change an operation makes when it is given one of its {@link OperationAccess#changingInputs()}: the token
 * needs one of the operation's {@link OperationAccess#toChange()} grants as well as what calling it needs. The writes
 * the operation then makes are not ruled again ({@link SmartAuthorizationInterceptor} lets an operation's own writes
 * through), so this is where a read-only token is kept from changing anything through an operation.
 */
@Interceptor
public class OperationChangeGuard {

    private final DeclaredOperations operations;

    public OperationChangeGuard(DeclaredOperations operations) {
        this.operations = operations;
    }

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
    public void check(RequestDetails request) {
        if (request.getOperation() == null) {
            return;
        }
        DeclaredOperation operation = operations
                .of(request)
                .filter(o -> !o.changingInputs().isEmpty())
                .orElse(null);
        SmartAccess access = SmartAccess.current().orElse(null);
        if (operation == null || access == null || operation.permitsChange(access)) {
            return;
        }
        OperationInputs inputs = OperationInputs.of(request);
        boolean changes = operation.changingInputs().stream()
                .anyMatch(input -> !inputs.values(input).isEmpty());
        if (changes) {
            throw new ForbiddenOperationException(request.getOperation() + " with "
                    + String.join(
                            " or ", operation.changingInputs().stream().sorted().toList())
                    + " changes what it answers, and this token may not: it needs "
                    + Arrays.stream(operation.access().toChange())
                            .map(grant -> grant.type() + "." + grant.permission())
                            .collect(Collectors.joining(" or ")));
        }
    }
}

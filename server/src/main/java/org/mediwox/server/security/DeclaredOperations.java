package org.mediwox.server.security;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.ResourceBinding;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.method.BaseMethodBinding;
import ca.uhn.fhir.rest.server.method.OperationMethodBinding;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.mediwox.plugin.access.OperationAccess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operations bound to the FHIR server and their {@link OperationAccess} declarations, read from HAPI's method
 * bindings: whatever provider a module registers, its operations are found here without the server naming them.
 *
 * <p>Read when first needed (the bindings exist once the servlet has started) and again when a request names an
 * operation not seen yet (a provider registered later), at most once a second.
 */
public class DeclaredOperations {

    private static final Logger log = LoggerFactory.getLogger(DeclaredOperations.class);
    private static final Duration REREAD_AT_MOST_EVERY = Duration.ofSeconds(1);

    private final RestfulServer server;
    private final Set<String> ruledByServer;
    private final Clock clock;
    private volatile List<DeclaredOperation> operations;
    private volatile Instant readAt = Instant.MIN;

    /**
     * @param ruledByServer HAPI's own operations (without {@code $}) whose access the server rules itself, not
     *     reported as undeclared
     */
    public DeclaredOperations(RestfulServer server, Set<String> ruledByServer, Clock clock) {
        this.server = server;
        this.ruledByServer = ruledByServer;
        this.clock = clock;
    }

    /** Every declared operation. */
    List<DeclaredOperation> declared(RequestDetails request) {
        List<DeclaredOperation> all = forRequest(request);
        return all.stream().filter(DeclaredOperation::declared).toList();
    }

    /** The operation a request calls, declared or not; empty for a request that calls none. */
    Optional<DeclaredOperation> of(RequestDetails request) {
        String operation = request.getOperation();
        if (operation == null || !operation.startsWith("$")) {
            return Optional.empty();
        }
        String name = operation.substring(1);
        return forRequest(request).stream()
                .filter(o -> o.name().equals(name) && Objects.equals(o.resourceType(), request.getResourceName()))
                .findFirst();
    }

    private List<DeclaredOperation> forRequest(RequestDetails request) {
        List<DeclaredOperation> known = operations;
        if (known == null || (names(request) && unknown(known, request) && rereadAllowed())) {
            known = read();
        }
        return known;
    }

    private static boolean names(RequestDetails request) {
        return request.getOperation() != null && request.getOperation().startsWith("$");
    }

    private static boolean unknown(List<DeclaredOperation> known, RequestDetails request) {
        String name = request.getOperation().substring(1);
        return known.stream()
                .noneMatch(o -> o.name().equals(name) && Objects.equals(o.resourceType(), request.getResourceName()));
    }

    private boolean rereadAllowed() {
        return Duration.between(readAt, clock.instant()).compareTo(REREAD_AT_MOST_EVERY) >= 0;
    }

    private synchronized List<DeclaredOperation> read() {
        List<OperationMethodBinding> bindings = new ArrayList<>();
        for (ResourceBinding resource : server.getResourceBindings()) {
            resource.getMethodBindings().forEach(binding -> addOperation(bindings, binding));
        }
        server.getServerBindings().forEach(binding -> addOperation(bindings, binding));
        List<DeclaredOperation> found = new ArrayList<>();
        Set<String> undeclared = new TreeSet<>();
        for (OperationMethodBinding binding : bindings) {
            DeclaredOperation operation = declaration(binding);
            found.add(operation);
            // HAPI's own operations stay off unless the server rules them: only a module's omission is worth a warning
            boolean hapis = binding.getProvider().getClass().getName().startsWith("ca.uhn.");
            if (!operation.declared() && !hapis && !ruledByServer.contains(operation.name())) {
                undeclared.add((operation.resourceType() == null ? "" : operation.resourceType() + "/") + "$"
                        + operation.name());
            }
        }
        if (!undeclared.isEmpty()) {
            log.warn(
                    "Operations without an access declaration (@OperationAccess), refused to every token: {}",
                    undeclared);
        }
        operations = List.copyOf(found);
        readAt = clock.instant();
        return operations;
    }

    private static void addOperation(List<OperationMethodBinding> bindings, BaseMethodBinding binding) {
        if (binding instanceof OperationMethodBinding operation) {
            bindings.add(operation);
        }
    }

    private static DeclaredOperation declaration(OperationMethodBinding operation) {
        String name = operation.getName().startsWith("$") ? operation.getName().substring(1) : operation.getName();
        return new DeclaredOperation(
                name,
                operation.getResourceName(),
                operation.isCanOperateAtServerLevel(),
                operation.isCanOperateAtTypeLevel(),
                operation.isCanOperateAtInstanceLevel(),
                operation.getMethod().getAnnotation(OperationAccess.class));
    }
}

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
class DeclaredOperations {

    private static final Logger log = LoggerFactory.getLogger(DeclaredOperations.class);
    private static final Duration REREAD_AT_MOST_EVERY = Duration.ofSeconds(1);

    private final RestfulServer server;
    private final Set<String> ruledByServer;
    private final Clock clock;
    private volatile Known known;
    private volatile Instant readAt = Instant.MIN;

    /** The operations as last read: the declared ones for the rules, each by type and name for the guard. */
    private record Known(List<DeclaredOperation> declared, Map<String, DeclaredOperation> byName) {}

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
        return forRequest(request).declared();
    }

    /** The operation a request calls, declared or not; empty for a request that calls none. */
    Optional<DeclaredOperation> of(RequestDetails request) {
        String key = key(request);
        return key == null
                ? Optional.empty()
                : Optional.ofNullable(forRequest(request).byName().get(key));
    }

    private Known forRequest(RequestDetails request) {
        Known current = known;
        String key = key(request);
        if (current == null || (key != null && !current.byName().containsKey(key) && rereadAllowed())) {
            current = read();
        }
        return current;
    }

    /** {@code Appointment/$book}, {@code /$notifications}; null for a request that calls no operation. */
    private static String key(RequestDetails request) {
        String operation = request.getOperation();
        if (operation == null || !operation.startsWith("$")) {
            return null;
        }
        return key(request.getResourceName(), operation.substring(1));
    }

    private static String key(String resourceType, String name) {
        return (resourceType == null ? "" : resourceType) + "/$" + name;
    }

    private boolean rereadAllowed() {
        return Duration.between(readAt, clock.instant()).compareTo(REREAD_AT_MOST_EVERY) >= 0;
    }

    private synchronized Known read() {
        List<OperationMethodBinding> bindings = new ArrayList<>();
        for (ResourceBinding resource : server.getResourceBindings()) {
            resource.getMethodBindings().forEach(binding -> addOperation(bindings, binding));
        }
        server.getServerBindings().forEach(binding -> addOperation(bindings, binding));
        List<DeclaredOperation> declared = new ArrayList<>();
        Map<String, DeclaredOperation> byName = new HashMap<>();
        Set<String> undeclared = new TreeSet<>();
        for (OperationMethodBinding binding : bindings) {
            DeclaredOperation operation = declaration(binding);
            byName.putIfAbsent(key(operation.resourceType(), operation.name()), operation);
            if (operation.declared()) {
                declared.add(operation);
            }
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
        known = new Known(List.copyOf(declared), Map.copyOf(byName));
        readAt = clock.instant();
        return known;
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

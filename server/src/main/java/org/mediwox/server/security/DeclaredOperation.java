package org.mediwox.server.security;

import java.util.Arrays;
import java.util.Set;
import org.mediwox.plugin.access.OperationAccess;

/**
 * An operation bound to the FHIR server with its {@link OperationAccess} declaration.
 *
 * @param name the operation's name without {@code $}
 * @param resourceType the type it is bound to; null for a server-level operation
 * @param onServer callable on the server ({@code [base]/$name})
 * @param onType callable on the type ({@code [base]/Type/$name})
 * @param onInstance callable on an instance ({@code [base]/Type/[id]/$name})
 * @param access what it asks of a token; null when its method declares nothing (refused to every token)
 */
record DeclaredOperation(
        String name,
        String resourceType,
        boolean onServer,
        boolean onType,
        boolean onInstance,
        OperationAccess access) {

    boolean declared() {
        return access != null;
    }

    /** Whether the token may call it, by the scopes the declaration accepts. */
    boolean permits(SmartAccess token) {
        return access != null && Arrays.stream(access.anyOf()).anyMatch(grant -> grants(token, grant, false));
    }

    /** Whether the token may call it through its {@code user/} or {@code system/} scopes alone. */
    boolean permitsBeyondPatient(SmartAccess token) {
        return access != null && Arrays.stream(access.anyOf()).anyMatch(grant -> grants(token, grant, true));
    }

    /** Whether the token may make the change a call with {@link OperationAccess#changingInputs()} asks for. */
    boolean permitsChange(SmartAccess token) {
        return access != null && Arrays.stream(access.toChange()).anyMatch(grant -> grants(token, grant, false));
    }

    Set<String> changingInputs() {
        return access == null ? Set.of() : Set.of(access.changingInputs());
    }

    /** Whether a call may act for a patient through its inputs or instance (what the patient guard checks). */
    boolean actsForPatients() {
        return access != null
                && (access.patientInputs().length > 0
                        || access.patientResourceInputs().length > 0
                        || access.instanceOfPatient()
                        || access.namesPatient());
    }

    Set<String> patientInputs() {
        return Set.of(access.patientInputs());
    }

    Set<String> patientResourceInputs() {
        return Set.of(access.patientResourceInputs());
    }

    private static boolean grants(SmartAccess token, OperationAccess.Grant grant, boolean beyondPatient) {
        return switch (grant.scopes()) {
            case ANY ->
                beyondPatient
                        ? token.grantsBeyondPatient(grant.type(), grant.permission())
                        : token.grants(grant.type(), grant.permission());
            case BEYOND_PATIENT -> token.grantsBeyondPatient(grant.type(), grant.permission());
            case ALL_OF_TYPE ->
                token.scopesFor(grant.type()).stream()
                        .anyMatch(scope -> scope.level() != SmartScope.Level.PATIENT
                                && scope.filter().isEmpty()
                                && scope.grants(grant.permission()));
        };
    }
}

package org.mediwox.plugin.access;

import java.util.Optional;

/**
 * Resolves ids a module issued for resources it did not store — IHE {@code $find}'s proposed Appointments, which
 * {@code $hold} and {@code $book} take back — to the patient each was proposed for. The security layer asks every such
 * bean before it reads storage for an {@link OperationAccess#patientResourceInputs() input} naming a resource.
 */
@FunctionalInterface
public interface ProposalPatients {

    /**
     * @param resourceType the type the id was given for
     * @param id the id, without type or version
     * @return the id (without type) of the Patient the proposal names; empty when the id is none of this module's
     *     proposals, or a proposal for no patient on file
     */
    Optional<String> patientOf(String resourceType, String id);
}

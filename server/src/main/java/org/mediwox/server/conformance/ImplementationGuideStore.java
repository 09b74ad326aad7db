package org.mediwox.server.conformance;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import java.util.Comparator;
import java.util.List;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.ImplementationGuide;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.dao.DataIntegrityViolationException;

/**
 * Brings the stored conformance resources to the implementation guide's: each one is compared with what the server
 * holds under its id and written only when it is missing, deleted or different. A start with the guide unchanged
 * reads 31 resources instead of updating them (HAPI's update of an unchanged resource writes no version, but runs the
 * whole write path: validation, reference and search-index extraction, interceptors). Nodes of a cluster that start
 * at the same time on a fresh database each try to store the guide: a node that finds a resource stored by another
 * meanwhile (its own create refused with a conflict) checks it and carries on.
 */
final class ImplementationGuideStore {

    /** What one pass did. */
    record Outcome(int stored, int unchanged) {}

    private final DaoRegistry daoRegistry;

    ImplementationGuideStore(DaoRegistry daoRegistry) {
        this.daoRegistry = daoRegistry;
    }

    Outcome store(ImplementationGuideResources ig) {
        // the ImplementationGuide refers to the other resources, so it is stored after them
        List<Resource> ordered = ig.all().stream()
                .sorted(Comparator.comparing(r -> r instanceof ImplementationGuide))
                .toList();
        int stored = 0;
        for (Resource resource : ordered) {
            if (!sameContent(resource, current(resource)) && storedHere(resource)) {
                stored++;
            }
        }
        return new Outcome(stored, ordered.size() - stored);
    }

    /**
     * Writes the resource; false when another node starting at the same time stored the same content first (its
     * create won the client-assigned id: this node's is refused with a conflict).
     */
    private boolean storedHere(Resource resource) {
        try {
            update(resource);
            return true;
        } catch (ResourceVersionConflictException | DataIntegrityViolationException e) {
            if (sameContent(resource, current(resource))) {
                return false;
            }
            update(resource); // the other node stored something else (another version of the guide): ours wins
            return true;
        }
    }

    private void update(Resource resource) {
        // a copy without version: HAPI sets the stored version on the resource it is given, and a versioned id would
        // make the next pass's update conditional on that version
        Resource copy = resource.copy();
        copy.setIdElement(
                new IdType(resource.fhirType(), resource.getIdElement().getIdPart()));
        daoRegistry.getResourceDao(resource.fhirType()).update(copy, new SystemRequestDetails());
    }

    private Resource current(Resource wanted) {
        IdType id = new IdType(wanted.fhirType(), wanted.getIdElement().getIdPart());
        try {
            return (Resource) daoRegistry.getResourceDao(wanted.fhirType()).read(id, new SystemRequestDetails());
        } catch (ResourceNotFoundException | ResourceGoneException e) {
            return null;
        }
    }

    /** Equal apart from what the server itself sets: the id's version, {@code meta.versionId/lastUpdated/source}. */
    static boolean sameContent(Resource wanted, Resource stored) {
        if (stored == null) {
            return false;
        }
        return withoutServerMeta(wanted).equalsDeep(withoutServerMeta(stored));
    }

    private static Resource withoutServerMeta(Resource resource) {
        Resource copy = resource.copy();
        copy.setIdElement(new IdType(copy.fhirType(), resource.getIdElement().getIdPart()));
        copy.getMeta().setVersionId(null).setLastUpdated(null).setSource(null);
        return copy;
    }
}

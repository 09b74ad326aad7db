package org.mediwox.server.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

/**
 * Two nodes starting at the same time on a fresh database both store the implementation guide: the node whose create
 * of a client-assigned id loses (HAPI-0825, a conflict) must start all the same (found by {@code ClusterIT}, whose
 * second node failed to start on it).
 */
class ImplementationGuideStoreTest {

    private static final ImplementationGuideResources IG = ImplementationGuideResources.load(FhirContext.forR4Cached());

    /** The database both nodes share: resources by {@code Type/id}. */
    private final Map<String, Resource> database = new HashMap<>();

    private final AtomicInteger updates = new AtomicInteger();

    @Test
    void anotherNodeStoringTheSameGuideAtTheSameTime_isNoFailure() {
        // each create of this node comes second: the other node stored the same resource just before
        ImplementationGuideStore store = new ImplementationGuideStore(daos(mine -> mine));

        ImplementationGuideStore.Outcome outcome = store.store(IG);

        assertThat(outcome.stored()).isZero();
        assertThat(outcome.unchanged()).isEqualTo(IG.all().size());
        assertThat(updates).hasValue(IG.all().size());
    }

    @Test
    void anotherNodeStoringAnotherGuideAtTheSameTime_isOverwrittenWithThisNodesGuide() {
        ImplementationGuideStore store = new ImplementationGuideStore(daos(mine -> {
            Resource theirs = mine.copy();
            theirs.getMeta().addTag("urn:test", "other-version", null);
            return theirs;
        }));

        ImplementationGuideStore.Outcome outcome = store.store(IG);

        assertThat(outcome.stored()).isEqualTo(IG.all().size());
        assertThat(database.values())
                .allSatisfy(stored -> assertThat(stored.getMeta().getTag()).isEmpty());
    }

    /**
     * DAOs on {@link #database} whose first update of each resource loses to the other node: it stores {@code theirs}
     * (made from this node's resource) and refuses this node's write with a conflict; later updates succeed.
     */
    @SuppressWarnings("unchecked")
    private DaoRegistry daos(UnaryOperator<Resource> theirs) {
        IFhirResourceDao<IBaseResource> dao = mock(IFhirResourceDao.class);
        when(dao.read(any(IIdType.class), any(RequestDetails.class))).thenAnswer(call -> {
            IIdType id = call.getArgument(0);
            Resource found = database.get(id.getResourceType() + "/" + id.getIdPart());
            if (found == null) {
                throw new ResourceNotFoundException(id);
            }
            return found.copy();
        });
        doAnswer(call -> {
                    Resource mine = call.getArgument(0);
                    String key = mine.fhirType() + "/" + mine.getIdElement().getIdPart();
                    updates.incrementAndGet();
                    if (!database.containsKey(key)) {
                        database.put(key, theirs.apply(mine));
                        throw new ResourceVersionConflictException(
                                "HAPI-0825: The operation has failed with a client-assigned ID constraint failure");
                    }
                    database.put(key, mine.copy());
                    return null;
                })
                .when(dao)
                .update(any(IBaseResource.class), any(RequestDetails.class));
        DaoRegistry registry = mock(DaoRegistry.class);
        when(registry.getResourceDao(anyString())).thenReturn(dao);
        return registry;
    }
}

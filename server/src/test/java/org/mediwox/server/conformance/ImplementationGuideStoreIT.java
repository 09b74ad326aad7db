package org.mediwox.server.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.ImplementationGuide;
import org.hl7.fhir.r4.model.OperationDefinition;
import org.junit.jupiter.api.Test;
import org.mediwox.server.support.ServerIT;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What the start does with the implementation guide's conformance resources when they are already stored: nothing for
 * the unchanged ones, a new version for one that differs from the guide. (The start itself ran the same pass.)
 */
class ImplementationGuideStoreIT extends ServerIT {

    @Autowired
    ImplementationGuideStore store;

    @Autowired
    ImplementationGuideResources ig;

    @Autowired
    DaoRegistry daoRegistry;

    @Test
    void store_withTheGuideUnchanged_writesNothing() {
        // given: the start stored the guide
        OperationDefinition book = stored(bookDefinitionId());
        String version = book.getMeta().getVersionId();

        // when: what a second start with the same guide does
        ImplementationGuideStore.Outcome outcome = store.store(ig);

        // then
        assertThat(outcome.stored()).isZero();
        assertThat(outcome.unchanged()).isEqualTo(ig.all().size()).isGreaterThan(20);
        assertThat(stored(bookDefinitionId()).getMeta().getVersionId()).isEqualTo(version);
    }

    @Test
    void store_withAStoredResourceChanged_storesTheGuidesOneAgain() {
        // given: someone changed one stored definition
        IdType id = bookDefinitionId();
        OperationDefinition changed = stored(id);
        String guideDescription = changed.getDescription();
        changed.setDescription("changed by hand");
        daoRegistry.getResourceDao(OperationDefinition.class).update(changed, new SystemRequestDetails());
        long changedVersion = stored(id).getIdElement().getVersionIdPartAsLong();

        // when
        ImplementationGuideStore.Outcome outcome = store.store(ig);

        // then: that one, and only that one, is the guide's again, as a new version
        assertThat(outcome.stored()).isEqualTo(1);
        OperationDefinition restored = stored(id);
        assertThat(restored.getDescription()).isEqualTo(guideDescription);
        assertThat(restored.getIdElement().getVersionIdPartAsLong()).isEqualTo(changedVersion + 1);
    }

    @Test
    void store_withAStoredResourceDeleted_storesItAgain() {
        // given: the ImplementationGuide deleted (the other resources are referred to by it, so they cannot be)
        ImplementationGuide guide = ig.all().stream()
                .filter(ImplementationGuide.class::isInstance)
                .map(ImplementationGuide.class::cast)
                .findFirst()
                .orElseThrow();
        IdType id = new IdType("ImplementationGuide", guide.getIdElement().getIdPart());
        daoRegistry.getResourceDao(ImplementationGuide.class).delete(id, new SystemRequestDetails());

        // when
        ImplementationGuideStore.Outcome outcome = store.store(ig);

        // then
        assertThat(outcome.stored()).isEqualTo(1);
        assertThat(daoRegistry
                        .getResourceDao(ImplementationGuide.class)
                        .read(id, new SystemRequestDetails())
                        .getUrl())
                .isEqualTo(guide.getUrl());
    }

    private IdType bookDefinitionId() {
        OperationDefinition book = ig.operations().stream()
                .filter(op -> op.getCode().equals("book"))
                .findFirst()
                .orElseThrow();
        return new IdType("OperationDefinition", book.getIdElement().getIdPart());
    }

    private OperationDefinition stored(IdType id) {
        return daoRegistry.getResourceDao(OperationDefinition.class).read(id, new SystemRequestDetails());
    }
}

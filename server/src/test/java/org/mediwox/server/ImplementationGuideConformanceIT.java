package org.mediwox.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceOperationComponent;
import org.hl7.fhir.r4.model.OperationDefinition;
import org.junit.jupiter.api.Test;
import org.mediwox.server.conformance.ImplementationGuideResources;
import org.mediwox.server.support.ServerIT;

/** The server and the implementation guide agree: what one defines, the other advertises and serves. */
class ImplementationGuideConformanceIT extends ServerIT {

    /** Operations HAPI FHIR itself provides (besides its {@code hapi.fhir.*} ones); Mediwox does not define these. */
    private static final Set<String> HAPI_OPERATIONS = Set.of(
            "meta",
            "meta-add",
            "meta-delete",
            "validate",
            "expunge",
            "reindex",
            "reindex-dryrun",
            "diff",
            "binary-access-read",
            "binary-access-write",
            "mdm-create-link",
            "everything",
            "perform-reindexing-pass",
            "mark-all-resources-for-reindexing",
            "get-resource-counts",
            "reindex-terminology",
            // FHIR Bulk Data Access: HAPI's provider, defined by the Bulk Data IG (checked in export.BulkExportIT)
            "export",
            "export-poll-status");

    @Test
    void everyOperationOfTheGuide_isAdvertisedWithItsCanonicalDefinition_andServed() {
        List<OperationDefinition> defined =
                ImplementationGuideResources.load(fhirContext).operations();
        List<CapabilityStatementRestResourceOperationComponent> advertised = mediwoxOperations();

        assertThat(defined).isNotEmpty();
        for (OperationDefinition definition : defined) {
            assertThat(advertised)
                    .as("operation %s in the CapabilityStatement", definition.getCode())
                    .anySatisfy(op -> {
                        assertThat(op.getName()).isEqualTo(definition.getCode());
                        assertThat(op.getDefinition()).isEqualTo(definition.getUrl());
                    });
            // resolved by canonical URL (a plain read of OperationDefinition/[id] is answered by HAPI's own generated
            // definitions)
            org.hl7.fhir.r4.model.Bundle served = client().search()
                    .byUrl("OperationDefinition?url=" + definition.getUrl())
                    .returnBundle(org.hl7.fhir.r4.model.Bundle.class)
                    .execute();
            assertThat(served.getEntry()).hasSize(1);
            assertThat(((OperationDefinition) served.getEntryFirstRep().getResource()).getCode())
                    .isEqualTo(definition.getCode());
        }
    }

    @Test
    void everyCustomOperationAdvertised_isDefinedInTheGuide() {
        Set<String> defined = ImplementationGuideResources.load(fhirContext).operations().stream()
                .map(OperationDefinition::getUrl)
                .collect(java.util.stream.Collectors.toSet());

        assertThat(mediwoxOperations())
                .filteredOn(op ->
                        !HAPI_OPERATIONS.contains(op.getName()) && !op.getName().startsWith("hapi.fhir."))
                .extracting(op -> op.getName() + " -> " + op.getDefinition())
                .isNotEmpty()
                .allSatisfy(op -> assertThat(defined).contains(op.substring(op.indexOf(" -> ") + 4)));
    }

    /** The operations on Appointment, Subscription, Patient and at server level: where Mediwox's own operations are. */
    private List<CapabilityStatementRestResourceOperationComponent> mediwoxOperations() {
        CapabilityStatement capabilities =
                client().capabilities().ofType(CapabilityStatement.class).execute();
        List<CapabilityStatementRestResourceOperationComponent> operations =
                new java.util.ArrayList<>(capabilities.getRestFirstRep().getResource().stream()
                        .filter(r ->
                                Set.of("Appointment", "Subscription", "Patient").contains(r.getType()))
                        .flatMap(r -> r.getOperation().stream())
                        .toList());
        operations.addAll(capabilities.getRestFirstRep().getOperation());
        return operations;
    }
}

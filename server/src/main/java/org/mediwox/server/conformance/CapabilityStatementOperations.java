package org.mediwox.server.conformance;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceOperationComponent;
import org.hl7.fhir.r4.model.OperationDefinition;

/**
 * Points the CapabilityStatement's entries for Mediwox's operations at their canonical OperationDefinitions in the
 * implementation guide, instead of the definitions HAPI generates from the Java signatures.
 */
@Interceptor
class CapabilityStatementOperations {

    private final List<OperationDefinition> operations;

    CapabilityStatementOperations(List<OperationDefinition> operations) {
        this.operations = operations;
    }

    @Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
    void useImplementationGuideDefinitions(IBaseConformance generated) {
        CapabilityStatement capabilities = (CapabilityStatement) generated;
        for (CapabilityStatementRestResourceComponent resource :
                capabilities.getRestFirstRep().getResource()) {
            for (CapabilityStatementRestResourceOperationComponent operation : resource.getOperation()) {
                operations.stream()
                        .filter(definition -> definition.getCode().equals(operation.getName()))
                        .filter(definition -> definition.getResource().stream()
                                .anyMatch(type -> type.getValue().equals(resource.getType())))
                        .findFirst()
                        .ifPresent(definition -> operation.setDefinition(definition.getUrl()));
            }
        }
        // server-level operations ($smart-launch)
        for (CapabilityStatementRestResourceOperationComponent operation :
                capabilities.getRestFirstRep().getOperation()) {
            operations.stream()
                    .filter(definition ->
                            definition.getSystem() && definition.getCode().equals(operation.getName()))
                    .findFirst()
                    .ifPresent(definition -> operation.setDefinition(definition.getUrl()));
        }
    }
}

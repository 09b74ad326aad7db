package org.mediwox.scheduling.publish;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CapabilityStatement;

/**
 * Advertises {@code $bulk-publish} as a server-level operation of the CapabilityStatement, pointing at its
 * OperationDefinition in the implementation guide (ig/input/fsh/operations/bulk-publish.fsh). HAPI lists only the
 * operations of its own providers, and the feed is served by {@link BulkPublishFilter} before HAPI's servlet, so the
 * module adds the entry itself — registered only while the feed is switched on.
 */
@Interceptor
class BulkPublishCapability {

    static final String NAME = "bulk-publish";
    static final String DEFINITION = "https://mediwox.org/fhir/OperationDefinition/bulk-publish";

    @Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
    void advertise(IBaseConformance generated) {
        CapabilityStatement.CapabilityStatementRestComponent rest = ((CapabilityStatement) generated).getRestFirstRep();
        if (rest.getOperation().stream().noneMatch(op -> NAME.equals(op.getName()))) {
            rest.addOperation().setName(NAME).setDefinition(DEFINITION);
        }
    }
}

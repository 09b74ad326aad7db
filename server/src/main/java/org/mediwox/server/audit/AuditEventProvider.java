package org.mediwox.server.audit;

import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.StringParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.IdType;

/**
 * AuditEvent, read-only: read and search over the audit trail ({@link AuditRepository}). There is no create, update,
 * patch or delete: the server writes the trail itself and nobody changes it. Who may read it is decided by the SMART
 * rules (an auditor scope naming AuditEvent).
 */
public class AuditEventProvider implements IResourceProvider {

    private final AuditRepository repository;
    private final int maxResults;

    public AuditEventProvider(AuditRepository repository, int maxResults) {
        this.repository = repository;
        this.maxResults = maxResults;
    }

    @Override
    public Class<? extends IBaseResource> getResourceType() {
        return AuditEvent.class;
    }

    @Read
    public AuditEvent read(@IdParam IdType id) {
        if (!id.isIdPartValidLong()) {
            throw new ResourceNotFoundException(id);
        }
        return repository.read(id.getIdPartAsLong()).orElseThrow(() -> new ResourceNotFoundException(id));
    }

    /** Newest first; at most the server's maximum page size of events per search (narrow by date for more). */
    @Search
    public List<AuditEvent> search(
            @OptionalParam(name = AuditEvent.SP_DATE) DateRangeParam date,
            @OptionalParam(name = AuditEvent.SP_PATIENT) ReferenceParam patient,
            @OptionalParam(name = AuditEvent.SP_AGENT) ReferenceParam agent,
            @OptionalParam(name = AuditEvent.SP_ENTITY) ReferenceParam entity,
            @OptionalParam(name = AuditEvent.SP_ENTITY_NAME) StringParam entityName,
            @OptionalParam(name = AuditEvent.SP_OUTCOME) TokenParam outcome,
            @OptionalParam(name = AuditEvent.SP_SUBTYPE) TokenParam subtype,
            @OptionalParam(name = AuditEvent.SP_ACTION) TokenParam action,
            @Count Integer count) {
        int limit = count == null ? maxResults : Math.max(0, Math.min(count, maxResults));
        return repository.search(
                new AuditRepository.Criteria(
                        date == null ? null : date.getLowerBoundAsInstant(),
                        date == null ? null : date.getUpperBoundAsInstant(),
                        reference(patient, "Patient"),
                        agent == null ? null : agent.getValue(),
                        entity == null ? null : entity.getValue(),
                        entityName == null ? null : entityName.getValue(),
                        token(outcome),
                        token(subtype),
                        token(action)),
                limit);
    }

    private static String reference(ReferenceParam param, String type) {
        if (param == null) {
            return null;
        }
        String value = param.getValue();
        if (!value.contains("/")) {
            return type + "/" + value;
        }
        if (!value.startsWith(type + "/")) {
            throw new InvalidRequestException("patient must be a Patient reference (Patient/[id])");
        }
        return value;
    }

    private static String token(TokenParam param) {
        return param == null ? null : param.getValue();
    }
}

package org.mediwox.server.audit;

import java.nio.charset.StandardCharsets;
import java.util.Date;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAction;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventOutcome;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;

/**
 * Renders a stored {@link AuditRecord} as the FHIR AuditEvent it stands for, shaped after IHE Basic Audit Log Patterns:
 * the interaction, the outcome, the client and user agents, the server, the request itself and the patients whose
 * data was touched.
 */
final class AuditEvents {

    static final String SERVER_NAME = "Mediwox FHIR server";

    private static final String DCM = "http://dicom.nema.org/resources/ontology/DCM";
    private static final String ROLE_CLASS = "http://terminology.hl7.org/CodeSystem/v3-RoleClass";
    private static final String OBJECT_ROLE = "http://terminology.hl7.org/CodeSystem/object-role";
    private static final String ENTITY_TYPE = "http://terminology.hl7.org/CodeSystem/audit-entity-type";

    private AuditEvents() {}

    static AuditEvent render(long id, AuditRecord record) {
        AuditEvent event = new AuditEvent();
        event.setId(String.valueOf(id));
        Date recorded = Date.from(record.recorded());
        event.getMeta().setVersionId("1").setLastUpdated(recorded);
        if (record.profile() != null) {
            event.getMeta().addProfile(record.profile());
        }
        event.setType(
                new Coding("http://terminology.hl7.org/CodeSystem/audit-event-type", "rest", "Restful Operation"));
        event.addSubtype(new Coding("http://hl7.org/fhir/restful-interaction", record.interaction(), null));
        event.setAction(AuditEventAction.fromCode(record.action()));
        event.setRecorded(recorded);
        event.setOutcome(AuditEventOutcome.fromCode(record.outcome()));
        if (record.outcomeText() != null) {
            event.setOutcomeDesc(record.outcomeText());
        }

        AuditEvent.AuditEventAgentComponent client = event.addAgent()
                .setRequestor(record.fhirUser() == null)
                .setType(new CodeableConcept(new Coding(DCM, "110153", "Source Role ID")));
        client.setWho(new Reference()
                .setIdentifier(new Identifier()
                        .setSystem("urn:ietf:params:oauth:client-id")
                        .setValue(record.clientId())));
        client.getNetwork().setAddress(record.sourceAddress()).setType(AuditEvent.AuditEventAgentNetworkType._2);
        if (record.fhirUser() != null) {
            AuditEvent.AuditEventAgentComponent user =
                    event.addAgent().setRequestor(true).setWho(new Reference(record.fhirUser()));
            Coding role = userRole(record.fhirUser());
            if (role != null) {
                user.setType(new CodeableConcept(role));
            }
        }
        event.addAgent()
                .setRequestor(false)
                .setType(new CodeableConcept(new Coding(DCM, "110152", "Destination Role ID")))
                .setWho(new Reference().setDisplay(SERVER_NAME))
                .getNetwork()
                .setAddress(record.serverUrl())
                .setType(AuditEvent.AuditEventAgentNetworkType._5);
        event.getSource()
                .setObserver(new Reference().setDisplay(SERVER_NAME))
                .addType(new Coding(
                        "http://terminology.hl7.org/CodeSystem/security-source-type", "4", "Application Server"));

        AuditEvent.AuditEventEntityComponent request = event.addEntity()
                .setType(new Coding(ENTITY_TYPE, "2", "System Object"))
                .setName(record.requestLine());
        if (record.query()) {
            request.setRole(new Coding(OBJECT_ROLE, "24", "Query"))
                    .setQuery(record.requestLine().getBytes(StandardCharsets.UTF_8));
        } else {
            request.setRole(new Coding(OBJECT_ROLE, "4", "Domain Resource"));
        }
        record.details()
                .forEach(note -> request.addDetail().setType("overbooking").setValue(new StringType(note)));
        if (record.what() != null) {
            request.setWhat(new Reference(record.what()));
        }
        for (String patient : record.patients()) {
            event.addEntity()
                    .setWhat(new Reference(patient))
                    .setType(new Coding(ENTITY_TYPE, "1", "Person"))
                    .setRole(new Coding(OBJECT_ROLE, "1", "Patient"));
        }
        return event;
    }

    /**
     * The user's role class from the type of the token's {@code fhirUser}: a patient, a provider (a Practitioner or
     * PractitionerRole), or a person related to a patient. Any other type is named without a role rather than a wrong one.
     */
    static Coding userRole(String fhirUser) {
        // relative (Practitioner/7) or absolute (https://…/fhir/Practitioner/7): the type is the segment before the id
        String[] segments = fhirUser.split("/");
        String type = segments.length >= 2 ? segments[segments.length - 2] : "";
        return switch (type) {
            case "Patient" -> new Coding(ROLE_CLASS, "PAT", "patient");
            case "Practitioner", "PractitionerRole" -> new Coding(ROLE_CLASS, "PROV", "healthcare provider");
            case "RelatedPerson" -> new Coding(ROLE_CLASS, "PRS", "personal relationship");
            default -> null;
        };
    }
}

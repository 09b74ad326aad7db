package org.mediwox.scheduling.availability;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.ReferenceOrListParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Appointment.AppointmentStatus;
import org.hl7.fhir.r4.model.Appointment.ParticipationStatus;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Schedule;
import org.hl7.fhir.r4.model.Slot;
import org.hl7.fhir.r4.model.StringType;

/**
 * {@code Appointment/$find} (IHE ITI Scheduling): proposed Appointments built from free Slots, earliest first. The
 * contract is OperationDefinition {@code appointment-find} in {@code ig/}. The same kind of actor repeated means OR,
 * different kinds combine with AND.
 */
public class FindProvider {

    private static final int DEFAULT_COUNT = 20;
    private static final int MAX_COUNT = 200;

    /** The inputs {@code $find} honours; any other is refused with 400 rather than ignored. */
    static final Set<String> INPUTS = Set.of(
            "start",
            "end",
            "specialty",
            "visit-type",
            "practitioner",
            "location-reference",
            "patient-reference",
            "_count",
            "_format",
            "_pretty",
            "_summary",
            "_elements");

    private final SlotSearch slotSearch;
    private final DaoRegistry daoRegistry;
    private final ProposalIds proposalIds;

    public FindProvider(SlotSearch slotSearch, DaoRegistry daoRegistry, ProposalIds proposalIds) {
        this.slotSearch = slotSearch;
        this.daoRegistry = daoRegistry;
        this.proposalIds = proposalIds;
    }

    /**
     * Finds available appointments (IHE ITI-115): a searchset Bundle of proposed Appointments, each with an id that
     * {@code $hold} and {@code $book} take back as {@code appointment-reference}. See OperationDefinition/appointment-find.
     */
    @Operation(name = "$find", type = Appointment.class, idempotent = true)
    public Bundle find(
            @OperationParam(name = "start", min = 1) DateTimeType start,
            @OperationParam(name = "end", min = 1) DateTimeType end,
            @OperationParam(name = "specialty") List<StringType> specialties,
            @OperationParam(name = "visit-type") List<StringType> visitTypes,
            @OperationParam(name = "practitioner") List<Reference> practitioners,
            @OperationParam(name = "location-reference") List<Reference> locations,
            @OperationParam(name = "patient-reference") Reference patient,
            @OperationParam(name = "_count") IntegerType count,
            RequestDetails details) {
        refuseUnsupportedInputs(details);
        if (start == null || end == null || start.getValue() == null || end.getValue() == null) {
            throw new InvalidRequestException("$find needs start and end");
        }
        Instant from = start.getValue().toInstant();
        Instant to = end.getValue().toInstant();
        if (!to.isAfter(from)) {
            throw new InvalidRequestException("end (" + to + ") must be after start (" + from + ")");
        }
        int limit = count == null || count.getValue() == null
                ? DEFAULT_COUNT
                : Math.max(1, Math.min(MAX_COUNT, count.getValue()));
        List<Slot> slots = slotSearch.freeSlots(
                map -> {
                    addTokens(map, "schedule.specialty", specialties);
                    addTokens(map, "schedule.service-type", visitTypes);
                    addReferences(map, practitioners);
                    addReferences(map, locations);
                    map.add("schedule", new ReferenceParam("Schedule", "active", "true"));
                },
                from,
                to,
                limit,
                details);

        Map<String, Schedule> schedules = new HashMap<>();
        Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET);
        for (Slot slot : slots) {
            Schedule schedule = schedules.computeIfAbsent(
                    slot.getSchedule().getReferenceElement().getIdPart(),
                    id -> daoRegistry
                            .getResourceDao(Schedule.class)
                            .read(slot.getSchedule().getReferenceElement().toVersionless(), details));
            Appointment proposal = proposal(slot, schedule, patient);
            String patientId = patient == null || !patient.hasReference()
                    ? null
                    : patient.getReferenceElement().getIdPart();
            Optional<String> id = proposalIds.idOf(
                    new ProposalIds.Proposal(slot.getIdElement().getIdPart(), patientId));
            id.ifPresent(proposal::setId);
            bundle.addEntry()
                    .setFullUrl(id.map(i -> details.getFhirServerBase() + "/Appointment/" + i)
                            .orElse("urn:uuid:" + UUID.randomUUID()))
                    .setResource(proposal)
                    .getSearch()
                    .setMode(Bundle.SearchEntryMode.MATCH);
        }
        bundle.setTotal(bundle.getEntry().size());
        return bundle;
    }

    /** The proposed Appointment of a free Slot: its time, its Schedule's actors, and the patient if one was named. */
    public static Appointment proposal(Slot slot, Schedule schedule, Reference patient) {
        Appointment appointment = new Appointment();
        appointment.setStatus(AppointmentStatus.PROPOSED);
        appointment.setStart(slot.getStart());
        appointment.setEnd(slot.getEnd());
        appointment.addSlot(new Reference("Slot/" + slot.getIdElement().getIdPart()));
        slot.getSpecialty().forEach(s -> appointment.addSpecialty(s.copy()));
        slot.getServiceType().forEach(s -> appointment.addServiceType(s.copy()));
        if (patient != null && patient.hasReference()) {
            appointment
                    .addParticipant()
                    .setActor(new Reference(patient.getReference()))
                    .setStatus(ParticipationStatus.NEEDSACTION);
        }
        schedule.getActor()
                .forEach(actor -> appointment
                        .addParticipant()
                        .setActor(new Reference(actor.getReference()).setDisplay(actor.getDisplay()))
                        .setStatus(ParticipationStatus.NEEDSACTION));
        return appointment;
    }

    private static void refuseUnsupportedInputs(RequestDetails details) {
        Set<String> given = new TreeSet<>(details.getParameters().keySet());
        if (details.getResource() instanceof Parameters parameters) {
            parameters.getParameter().forEach(p -> given.add(p.getName()));
        }
        given.removeAll(INPUTS);
        if (!given.isEmpty()) {
            throw new InvalidRequestException("$find does not support " + String.join(", ", given)
                    + ": it would answer as if it had not been given. Supported inputs: "
                    + String.join(", ", new TreeSet<>(INPUTS)));
        }
    }

    /** Adds {@code schedule.<param>=system|code} criteria; repeated values mean OR. */
    private static void addTokens(SearchParameterMap map, String chain, List<StringType> values) {
        if (values == null || values.isEmpty()) {
            return;
        }
        String param = chain.substring(chain.indexOf('.') + 1);
        ReferenceOrListParam or = new ReferenceOrListParam();
        values.forEach(value -> or.addOr(new ReferenceParam("Schedule", param, value.getValue())));
        map.add("schedule", or);
    }

    private static void addReferences(SearchParameterMap map, List<Reference> actors) {
        if (actors == null || actors.isEmpty()) {
            return;
        }
        ReferenceOrListParam or = new ReferenceOrListParam();
        actors.forEach(actor -> or.addOr(new ReferenceParam("Schedule", "actor", actor.getReference())));
        map.add("schedule", or);
    }
}

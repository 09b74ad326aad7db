package org.mediwox.scheduling.availability;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ReferenceOrListParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Appointment.AppointmentStatus;
import org.hl7.fhir.r4.model.Appointment.ParticipationStatus;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Schedule;
import org.hl7.fhir.r4.model.Slot;
import org.mediwox.plugin.access.LaunchPatient;
import org.mediwox.plugin.access.OperationAccess;
import org.mediwox.plugin.vocabulary.BookingRefusal;
import org.mediwox.scheduling.payer.CoverageCheck;
import org.mediwox.scheduling.rules.SchedulingErrors;

/**
 * {@code Appointment/$find} (IHE ITI Scheduling): proposed Appointments built from free Slots, earliest first. The
 * contract is OperationDefinition {@code appointment-find} in {@code ig/}. The same kind of actor repeated means OR,
 * different kinds combine with AND.
 */
public class FindProvider {

    /** More Schedules than any clinic has: the cap of the Schedule search behind one {@code $find}. */
    private static final int MAX_SCHEDULES = 10_000;
    /** How many of a patient's stored proposed Appointments one {@code $find} considers. */
    private static final int MAX_PROPOSED = 200;
    /** How long before the window an Appointment overlapping it may start. */
    private static final Duration MAX_APPOINTMENT_LENGTH = Duration.ofDays(1);

    private final SlotSearch slotSearch;
    private final SlotAvailability availability;
    private final DaoRegistry daoRegistry;
    private final ProposalIds proposalIds;
    private final ActorResolver actors;
    private final DirectorySearch directory;
    private final CoverageCheck coverageCheck;

    public FindProvider(
            SlotSearch slotSearch,
            SlotAvailability availability,
            DaoRegistry daoRegistry,
            ProposalIds proposalIds,
            CoverageCheck coverageCheck) {
        this.coverageCheck = coverageCheck;
        this.slotSearch = slotSearch;
        this.availability = availability;
        this.daoRegistry = daoRegistry;
        this.proposalIds = proposalIds;
        this.actors = new ActorResolver(daoRegistry);
        this.directory = new DirectorySearch(daoRegistry);
    }

    /**
     * Finds available appointments (IHE ITI-115): a searchset Bundle of proposed Appointments, earliest first, each with
     * an id that {@code $hold} and {@code $book} take back as {@code appointment-reference}; {@code total} counts all
     * pages, a {@code next} link leads to the next. See OperationDefinition/appointment-find. The inputs are read from
     * the request by {@link FindRequest} (typed bindings would refuse Argonaut's uri-typed references).
     */
    @Operation(name = "$find", type = Appointment.class, idempotent = true)
    @OperationAccess(
            anyOf = {
                @OperationAccess.Grant(type = "Slot", permission = 's'),
                @OperationAccess.Grant(type = "Appointment", permission = 'c')
            },
            patientInputs = {"patient-reference", "patient-resource"},
            patientResourceInputs = {"insurance-reference", "coverage"})
    public Bundle find(
            @OperationParam(name = "start", min = 1) DateTimeType start,
            @OperationParam(name = "end", min = 1) DateTimeType end,
            RequestDetails details) {
        FindRequest request = FindRequest.of(details);
        List<String> notes = new ArrayList<>();
        Map<String, Schedule> schedules = schedules(request, notes, details);
        String patientId = patientId(request, notes, details);
        // the patient's own times are never offered: named by an input, else the patient the token acts for
        String holder = patientId != null
                ? patientId
                : LaunchPatient.of(details.getUserData()).orElse(null);
        // insurance is checked (on file, the patient's) but narrows nothing: Mediwox keeps no payer networks; the
        // payer says what it covers when $book asks it
        coverageCheck.verify(request.insurance(), holder, details);
        SlotAvailability.Page page = schedules.isEmpty()
                ? new SlotAvailability.Page(List.of(), 0, 0)
                : availability.freeSlotPage(
                        schedules.keySet(),
                        request.start(),
                        request.end(),
                        request.offset(),
                        request.count(),
                        holder == null ? null : patientTimes(holder, request));

        Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET);
        bundle.setTotal(page.total());
        links(bundle, request, page, details);
        for (String slotId : page.slotIds()) {
            Slot slot = slotSearch.read(slotId, details);
            if (slot == null || slot.getStatus() != Slot.SlotStatus.FREE) {
                continue; // taken since the read model was read: never offered
            }
            Appointment proposal = proposal(
                    slot,
                    schedules.get(slot.getSchedule().getReferenceElement().getIdPart()),
                    patientId == null ? null : new Reference("Patient/" + patientId));
            request.reasons().forEach(reason -> proposal.addReasonCode(concept(reason)));
            if (request.referral() != null) {
                proposal.addBasedOn(new Reference().setType("ServiceRequest").setIdentifier(request.referral()));
            }
            Optional<String> id = proposalIds.idOf(new ProposalIds.Proposal(slotId, patientId));
            id.ifPresent(proposal::setId);
            bundle.addEntry()
                    .setFullUrl(id.map(i -> details.getFhirServerBase() + "/Appointment/" + i)
                            .orElse("urn:uuid:" + UUID.randomUUID()))
                    .setResource(proposal)
                    .getSearch()
                    .setMode(Bundle.SearchEntryMode.MATCH);
        }
        OperationOutcome outcome = new OperationOutcome();
        notes.forEach(note -> outcome.addIssue()
                .setSeverity(OperationOutcome.IssueSeverity.INFORMATION)
                .setCode(OperationOutcome.IssueType.NOTFOUND)
                .setDiagnostics(note));
        if (page.leftOut() > 0) {
            SchedulingErrors.code(
                    outcome.addIssue()
                            .setSeverity(OperationOutcome.IssueSeverity.INFORMATION)
                            .setCode(OperationOutcome.IssueType.INFORMATIONAL)
                            .setDiagnostics(page.leftOut() + " free time(s) in the window left out: the patient"
                                    + " already has an appointment at an overlapping time"),
                    BookingRefusal.PATIENT_BUSY);
        }
        if (outcome.hasIssue()) {
            bundle.addEntry()
                    .setFullUrl("urn:uuid:" + UUID.randomUUID())
                    .setResource(outcome)
                    .getSearch()
                    .setMode(Bundle.SearchEntryMode.OUTCOME);
        }
        return bundle;
    }

    /**
     * The active Schedules that match: specialty and service type (each repeated means OR), and for each kind of actor
     * named (practitioner, organization, location) one of its actors (the kinds combine with AND).
     */
    private Map<String, Schedule> schedules(FindRequest request, List<String> notes, RequestDetails details) {
        SearchParameterMap map = SearchParameterMap.newSynchronous();
        map.add(Schedule.SP_ACTIVE, new TokenParam("true"));
        tokens(map, Schedule.SP_SPECIALTY, request.specialties());
        tokens(map, Schedule.SP_SERVICE_TYPE, request.visitTypes());
        Set<String> practitioners = actors.practitioners(request.practitioners(), details);
        Set<String> organizations = actors.organizations(request.organizations(), details);
        Set<String> locations = actors.locations(request.locations(), request.locationStrings(), details);
        boolean matched = actors(
                map, "practitioner", practitioners, request.practitioners().size(), notes);
        matched &= actors(
                map, "organization", organizations, request.organizations().size(), notes);
        matched &= actors(
                map,
                "location",
                locations,
                request.locations().size() + request.locationStrings().size(),
                notes);
        Map<String, Schedule> schedules = new LinkedHashMap<>();
        if (!matched) {
            return schedules;
        }
        for (var resource : directory.all(Schedule.class, map, MAX_SCHEDULES)) {
            schedules.put(resource.getIdElement().getIdPart(), (Schedule) resource);
        }
        return schedules;
    }

    /** Adds one kind of actor as an OR list; false (and a note) when the inputs of that kind matched nothing. */
    private static boolean actors(
            SearchParameterMap map, String kind, Set<String> references, int inputs, List<String> notes) {
        if (inputs == 0) {
            return true;
        }
        if (references.isEmpty()) {
            notes.add("No " + kind + " matches what was given, so no appointment can be proposed");
            return false;
        }
        ReferenceOrListParam or = new ReferenceOrListParam();
        references.forEach(reference -> or.addOr(new ReferenceParam(reference)));
        map.add(Schedule.SP_ACTOR, or);
        return true;
    }

    private static void tokens(SearchParameterMap map, String param, List<String> values) {
        if (values.isEmpty()) {
            return;
        }
        TokenOrListParam or = new TokenOrListParam();
        values.forEach(value -> {
            int bar = value.indexOf('|');
            or.addOr(new TokenParam(value.substring(0, bar), value.substring(bar + 1)));
        });
        map.add(param, or);
    }

    /**
     * The Patient the proposals are for: {@code patient-reference}, or a {@code patient-resource} matched by identifier
     * (a patient not on file gets proposals without a patient; $hold and $book take the resource).
     */
    private String patientId(FindRequest request, List<String> notes, RequestDetails details) {
        if (request.patient() != null && !request.patient().byIdentifier()) {
            return new IdType(request.patient().reference()).getIdPart();
        }
        List<ActorInput> identifiers = new ArrayList<>();
        if (request.patient() != null) {
            identifiers.add(request.patient());
        } else if (request.patientResource() != null) {
            request.patientResource().getIdentifier().stream()
                    .filter(Identifier::hasValue)
                    .forEach(i -> identifiers.add(new ActorInput(null, i.getSystem(), i.getValue())));
        }
        Set<String> matches = new LinkedHashSet<>();
        for (ActorInput identifier : identifiers) {
            matches.addAll(actors.patients(identifier, details));
        }
        if (matches.size() > 1) {
            throw SchedulingErrors.rule(
                    BookingRefusal.AMBIGUOUS_PATIENT,
                    "The patient's identifiers match " + matches.size() + " patients; give patient-reference instead");
        }
        if (matches.isEmpty() && (request.patient() != null || request.patientResource() != null)) {
            notes.add("The patient is not on file: the proposals name no patient; give patient-resource to $book");
        }
        return matches.isEmpty() ? null : new IdType(matches.iterator().next()).getIdPart();
    }

    /**
     * The times the patient holds beyond their claims: their stored {@code proposed} Appointments in the window (which
     * claim nothing; rare — IHE's proposals are never stored). The claims themselves are read in SQL.
     */
    private SlotAvailability.PatientTimes patientTimes(String patientId, FindRequest request) {
        SearchParameterMap proposed = SearchParameterMap.newSynchronous()
                .add(Appointment.SP_ACTOR, new ReferenceParam("Patient/" + patientId))
                .add(Appointment.SP_STATUS, new TokenParam(AppointmentStatus.PROPOSED.toCode()))
                .add(
                        Appointment.SP_DATE,
                        new DateRangeParam(
                                Date.from(request.start().minus(MAX_APPOINTMENT_LENGTH)), Date.from(request.end())));
        proposed.setLoadSynchronousUpTo(MAX_PROPOSED);
        proposed.setCount(MAX_PROPOSED);
        List<Instant[]> busy = new ArrayList<>();
        // only their times are used, to leave proposals out: read as the system (the token's page size would cap it)
        for (var resource : daoRegistry
                .getResourceDao(Appointment.class)
                .search(proposed, new SystemRequestDetails())
                .getResources(0, MAX_PROPOSED)) {
            Appointment appointment = (Appointment) resource;
            if (appointment.hasStart() && appointment.hasEnd()) {
                busy.add(new Instant[] {
                    appointment.getStart().toInstant(), appointment.getEnd().toInstant()
                });
            }
        }
        return new SlotAvailability.PatientTimes("Patient/" + patientId, busy);
    }

    private static void links(Bundle bundle, FindRequest request, SlotAvailability.Page page, RequestDetails details) {
        String base = details.getFhirServerBase() + "/Appointment/$find?";
        String self = request.query(request.offset());
        if (self == null) {
            return;
        }
        bundle.addLink().setRelation("self").setUrl(base + self);
        if (request.offset() + request.count() < page.total()) {
            bundle.addLink().setRelation("next").setUrl(base + request.query(request.offset() + request.count()));
        }
        if (request.offset() > 0) {
            bundle.addLink()
                    .setRelation("previous")
                    .setUrl(base + request.query(Math.max(0, request.offset() - request.count())));
        }
    }

    private static CodeableConcept concept(String token) {
        int bar = token.indexOf('|');
        return new CodeableConcept().addCoding(new Coding(token.substring(0, bar), token.substring(bar + 1), null));
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
}

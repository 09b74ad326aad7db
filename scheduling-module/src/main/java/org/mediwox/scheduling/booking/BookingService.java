package org.mediwox.scheduling.booking;

import static org.mediwox.scheduling.rules.Participants.patientOf;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.dao.tx.IHapiTransactionService;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.TokenParam;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Appointment.AppointmentStatus;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Schedule;
import org.hl7.fhir.r4.model.Slot;
import org.hl7.fhir.r4.model.Slot.SlotStatus;
import org.mediwox.plugin.vocabulary.BookingRefusal;
import org.mediwox.plugin.vocabulary.CancellationReason;
import org.mediwox.plugin.vocabulary.MediwoxExtensions;
import org.mediwox.scheduling.assignment.PoolResolver;
import org.mediwox.scheduling.assignment.ProviderPool;
import org.mediwox.scheduling.assignment.RoundRobinCursor;
import org.mediwox.scheduling.availability.SlotSearch;
import org.mediwox.scheduling.booking.AssignmentExplanation.Skip;
import org.mediwox.scheduling.booking.AssignmentExplanation.SkipReason;
import org.mediwox.scheduling.booking.BookingClaims.Refusal;
import org.mediwox.scheduling.booking.IdempotencyKeys.Mismatch;
import org.mediwox.scheduling.booking.IdempotencyKeys.Replay;
import org.mediwox.scheduling.payer.CoverageCheck;
import org.mediwox.scheduling.payer.Insurance;
import org.mediwox.scheduling.rules.SchedulingErrors;

/**
 * {@code $book} and {@code $hold}: everything one booking does — idempotency key, rotation cursor, slot claim, Slot
 * update, Appointment, reschedule's cancellation — happens in ONE database transaction; any failure rolls all of it
 * back.
 */
public class BookingService {

    /** A booking request, already parsed and checked for shape. */
    public record BookRequest(
            String appointmentId,
            Appointment proposed,
            String patientId,
            PoolResolver.Criteria pool,
            Instant from,
            Instant to,
            boolean urgent,
            boolean priorityGiven,
            String cancelledAppointmentId,
            String comment,
            String idempotencyKey,
            String requestHash,
            Insurance insurance) {

        public BookRequest {
            insurance = insurance == null ? Insurance.NONE : insurance;
        }

        /** The same request for another patient. */
        BookRequest forPatient(String patient) {
            return new BookRequest(
                    appointmentId,
                    proposed,
                    patient,
                    pool,
                    from,
                    to,
                    urgent,
                    priorityGiven,
                    cancelledAppointmentId,
                    comment,
                    idempotencyKey,
                    requestHash,
                    insurance);
        }

        /** The same request, urgent as the appointment it moves was. */
        BookRequest asUrgent() {
            return new BookRequest(
                    appointmentId,
                    proposed,
                    patientId,
                    pool,
                    from,
                    to,
                    true,
                    priorityGiven,
                    cancelledAppointmentId,
                    comment,
                    idempotencyKey,
                    requestHash,
                    insurance);
        }
    }

    /**
     * What {@code $book} answers. {@code cancelled} is set when the booking rescheduled another appointment; {@code
     * coverages} are the patient's Coverages the request gave (checked); {@code fresh} is false for a replay of an
     * Idempotency-Key and for holds: nothing new was booked.
     */
    public record BookResult(
            Appointment booked,
            Appointment cancelled,
            OperationOutcome outcome,
            List<Coverage> coverages,
            boolean fresh) {

        public BookResult(Appointment booked, Appointment cancelled, OperationOutcome outcome) {
            this(booked, cancelled, outcome, List.of(), false);
        }
    }

    /** {@code Appointment.priority} of an urgent booking (1 = highest). */
    public static final int URGENT_PRIORITY = 1;

    private static final int SLOTS_TRIED_PER_PROVIDER = 5;
    private static final int MAX_SEARCH_ROUNDS = 20;
    /** Upper bound of Slots one request tries per provider (each holds an advisory lock until commit). */
    private static final int MAX_SLOTS_TRIED = 200;

    private final DaoRegistry daoRegistry;
    private final IHapiTransactionService transactions;
    private final IdempotencyKeys idempotencyKeys;
    private final PoolResolver pools;
    private final RoundRobinCursor cursor;
    private final SlotSearch slotSearch;
    private final SlotBooker slotBooker;
    private final Cancellation cancellation;
    private final BookingClaims claims;
    private final CoverageCheck coverageCheck;

    public BookingService(
            DaoRegistry daoRegistry,
            IHapiTransactionService transactions,
            IdempotencyKeys idempotencyKeys,
            PoolResolver pools,
            RoundRobinCursor cursor,
            SlotSearch slotSearch,
            SlotBooker slotBooker,
            Cancellation cancellation,
            BookingClaims claims,
            CoverageCheck coverageCheck) {
        this.claims = claims;
        this.coverageCheck = coverageCheck;
        this.daoRegistry = daoRegistry;
        this.transactions = transactions;
        this.idempotencyKeys = idempotencyKeys;
        this.pools = pools;
        this.cursor = cursor;
        this.slotSearch = slotSearch;
        this.slotBooker = slotBooker;
        this.cancellation = cancellation;
    }

    public BookResult book(BookRequest request, RequestDetails details) {
        return book(request, null, details);
    }

    /**
     * Books, for IHE's {@code patient-resource}: the patient on file with one of its identifiers, else the Patient
     * created in the booking's own transaction (a refused booking leaves no Patient behind).
     */
    public BookResult book(BookRequest request, Patient newPatient, RequestDetails details) {
        return transactions.withRequest(details).execute(() -> bookInTransaction(request, newPatient, details));
    }

    /** Puts the Slot of a proposed Appointment on hold until {@code holdUntil}. */
    public Appointment hold(Appointment proposed, String patientId, Instant holdUntil, RequestDetails details) {
        return transactions.withRequest(details).execute(() -> {
            Slot slot = slotOf(proposed, details);
            requirePatient(patientId, details);
            requireFree(slot);
            Target target = target(slot, details);
            SlotBooker.Request hold = new SlotBooker.Request(
                    patientId, target.provider(), target.actors(), proposed.getComment(), false, null, holdUntil, null);
            return bookSlotOrFail(slot, hold, details);
        });
    }

    /**
     * Holds a free Slot for a waiting patient, in the caller's transaction, until {@code holdUntil}: the held ({@code
     * pending}) Appointment names the booked one it is an earlier time for ({@link MediwoxExtensions#WAITLIST_FOR}) and
     * is urgent when the entry is. Empty when the claims refuse it (the Slot was taken meanwhile, the patient is busy
     * then, the Slot is kept for urgent requests); the transaction stays usable.
     */
    public Optional<Appointment> holdForWaitlist(
            Slot slot, String patientId, boolean urgent, Instant holdUntil, String bookedId, RequestDetails details) {
        Target target = target(slot, details);
        SlotBooker.Request hold = new SlotBooker.Request(
                patientId, target.provider(), target.actors(), null, urgent, null, holdUntil, null);
        SlotBooker.Attempt attempt = slotBooker.book(
                slot,
                hold,
                details,
                appointment -> appointment.addExtension(
                        MediwoxExtensions.WAITLIST_FOR, new Reference("Appointment/" + bookedId)));
        return Optional.ofNullable(attempt.appointment());
    }

    /**
     * Holds, for the patient of a pool request, the earliest free Slot in the window of the provider whose turn it is
     * — the same choice, turn and explanation as a pool booking ({@link #book}), but the Appointment is {@code pending}
     * until {@code holdUntil}. The turn is taken whether or not the hold is confirmed later.
     */
    public BookResult holdInPool(BookRequest request, Instant holdUntil, RequestDetails details) {
        return transactions.withRequest(details).execute(() -> {
            BookResult replayed = claimKey(request, "held", details);
            if (replayed != null) {
                return replayed;
            }
            BookResult held = bookIntoPool(request, holdUntil, details);
            completeKey(request, held);
            return held;
        });
    }

    /**
     * Claims the request's Idempotency-Key: null when it is new (or there is none) and the request goes on, else what
     * the same request made before; the key used for another request is refused.
     */
    private BookResult claimKey(BookRequest request, String verb, RequestDetails details) {
        if (request.idempotencyKey() == null) {
            return null;
        }
        IdempotencyKeys.Outcome claimed = idempotencyKeys.claim(request.idempotencyKey(), request.requestHash());
        if (claimed instanceof Mismatch) {
            throw SchedulingErrors.rule(
                    BookingRefusal.IDEMPOTENCY_KEY_REUSED,
                    "Idempotency-Key '" + request.idempotencyKey()
                            + "' was already used for a different request; use a new key for a new booking");
        }
        if (claimed instanceof Replay replay) {
            Appointment made = read(replay.appointmentId(), details);
            return new BookResult(
                    made,
                    null,
                    SlotBooker.information(List.of("Replayed: this Idempotency-Key already " + verb + " Appointment/"
                            + replay.appointmentId())));
        }
        return null;
    }

    private void completeKey(BookRequest request, BookResult result) {
        if (request.idempotencyKey() != null) {
            idempotencyKeys.complete(
                    request.idempotencyKey(), result.booked().getIdElement().getIdPart());
        }
    }

    private BookResult bookInTransaction(BookRequest request, Patient newPatient, RequestDetails details) {
        BookResult replayed = claimKey(request, "booked", details);
        if (replayed != null) {
            return replayed;
        }
        if (newPatient != null) {
            if (request.patientId() != null) {
                throw SchedulingErrors.invalid(
                        BookingRefusal.INVALID_INPUT, "Give patient-reference or patient-resource, not both");
            }
            request = request.forPatient(patientOnFileOrNew(newPatient, details));
        }
        // the insurance is checked before anything is booked when the request names its patient (a refusal then takes
        // no rotation turn), else against the patient of the booked Appointment, before the transaction commits
        String named = request.patientId() != null
                ? request.patientId()
                : (request.proposed() != null ? patientOf(request.proposed()) : null);
        List<Coverage> coverages = named == null ? null : coverageCheck.verify(request.insurance(), named, details);
        Appointment cancelled = null;
        if (request.cancelledAppointmentId() != null) {
            cancelled = cancelForReschedule(request, effectivePatient(request, details), details);
            // a move keeps the urgency of what it moves, unless the request says otherwise
            if (!request.priorityGiven() && cancelled.getPriority() == URGENT_PRIORITY) {
                request = request.asUrgent();
            }
        }
        BookResult result;
        if (request.pool() != null) {
            result = bookIntoPool(request, null, details);
        } else if (request.appointmentId() != null) {
            result = bookHeld(request, details);
        } else {
            result = bookProposed(request, details);
        }
        if (coverages == null) {
            coverages = coverageCheck.verify(request.insurance(), patientOf(result.booked()), details);
        }
        completeKey(request, result);
        return new BookResult(result.booked(), cancelled, result.outcome(), coverages, true);
    }

    /** The Patient on file that has one of the given identifiers; a new one when none has; 422 when several have. */
    private String patientOnFileOrNew(Patient given, RequestDetails details) {
        IFhirResourceDao<Patient> patients = daoRegistry.getResourceDao(Patient.class);
        Set<String> matches = new java.util.TreeSet<>();
        for (org.hl7.fhir.r4.model.Identifier identifier : given.getIdentifier()) {
            if (identifier.hasSystem() && identifier.hasValue()) {
                SearchParameterMap byIdentifier = SearchParameterMap.newSynchronous(
                        Patient.SP_IDENTIFIER, new TokenParam(identifier.getSystem(), identifier.getValue()));
                patients.search(byIdentifier, details).getAllResources().stream()
                        .map(p -> p.getIdElement().getIdPart())
                        .forEach(matches::add);
            }
        }
        if (matches.size() > 1) {
            throw SchedulingErrors.rule(
                    BookingRefusal.AMBIGUOUS_PATIENT,
                    "patient-resource: its identifiers name " + matches.size()
                            + " patients on file (Patient/" + String.join(", Patient/", matches)
                            + "); book with patient-reference for the right one");
        }
        if (matches.size() == 1) {
            return matches.iterator().next();
        }
        Patient fresh = given.copy();
        fresh.setId((String) null);
        return patients.create(fresh, details).getId().getIdPart();
    }

    /** Books (or, with {@code holdUntil}, holds) the pool's choice: see the README's "Fair rotation" and "Urgent". */
    private BookResult bookIntoPool(BookRequest request, Instant holdUntil, RequestDetails details) {
        requirePatient(request.patientId(), details);
        ProviderPool pool = pools.resolve(request.pool());
        if (pool.size() == 0) {
            throw SchedulingErrors.rule(
                    BookingRefusal.NO_PROVIDER,
                    "No active provider matches " + request.pool().key()
                            + ": check the specialty, visit type and location");
        }
        List<Skip> skipped = new ArrayList<>();
        if (request.urgent()) {
            List<String> scheduleIds = pool.members().stream()
                    .flatMap(m -> m.schedules().keySet().stream())
                    .toList();
            for (String slotId : slotSearch.freeSlotIds(scheduleIds, request.from(), request.to(), 20)) {
                Slot slot = freeSlot(slotId, details);
                if (slot == null || !claims.tryReserve(slotId)) {
                    continue;
                }
                ProviderPool.Member member = memberOf(pool, slot);
                Why why = skips -> AssignmentExplanation.urgent(pool.key(), pool.size(), provider(member), skips);
                Booked booked = tryBook(slot, member, request, why, skipped, holdUntil, details);
                if (booked != null) {
                    return booked.result();
                }
            }
            throw noCapacity(pool, request);
        }
        long counter = cursor.advance(pool.key());
        int position = pool.position(counter);
        for (int i = 0; i < pool.size(); i++) {
            ProviderPool.Member member = pool.members().get((position + i) % pool.size());
            Why why = skips -> AssignmentExplanation.rotation(
                    pool.key(), pool.size(), counter, position + 1, provider(member), skips);
            Booked booked = bookMember(member, request, why, skipped, holdUntil, details);
            if (booked != null) {
                return booked.result();
            }
        }
        throw noCapacity(pool, request);
    }

    /**
     * Books the member's earliest free Slot in the window. Slots that concurrent requests are booking right now are
     * skipped, not waited for; the search is repeated while it still finds free Slots, so a provider is passed over only
     * when they really have no free Slot left in the window.
     */
    private Booked bookMember(
            ProviderPool.Member member,
            BookRequest request,
            Why why,
            List<Skip> skipped,
            Instant holdUntil,
            RequestDetails details) {
        Set<String> tried = new HashSet<>();
        for (int round = 0; round < MAX_SEARCH_ROUNDS && tried.size() < MAX_SLOTS_TRIED; round++) {
            List<String> fresh = slotSearch
                    .freeSlotIds(
                            member.schedules().keySet(),
                            request.from(),
                            request.to(),
                            SLOTS_TRIED_PER_PROVIDER + tried.size())
                    .stream()
                    .filter(id -> !tried.contains(id))
                    .toList();
            if (fresh.isEmpty()) {
                skipped.add(new Skip(provider(member), SkipReason.NO_FREE_SLOT, null));
                return null;
            }
            for (String slotId : fresh) {
                tried.add(slotId);
                if (!claims.tryReserve(slotId)) {
                    continue;
                }
                Slot slot = freeSlot(slotId, details);
                Booked booked = slot == null ? null : tryBook(slot, member, request, why, skipped, holdUntil, details);
                if (booked != null) {
                    return booked;
                }
            }
        }
        skipped.add(new Skip(provider(member), SkipReason.SLOTS_BEING_BOOKED, null));
        return null;
    }

    /** The explanation of a booking of the member being tried, given who was skipped before it. */
    private interface Why {
        AssignmentExplanation given(List<Skip> skipped);
    }

    /** A pool booking that went through, and how its provider was chosen. */
    private record Booked(Appointment appointment, AssignmentExplanation explanation) {

        BookResult result() {
            return new BookResult(appointment, null, SlotBooker.information(explanation.lines()));
        }
    }

    private Booked tryBook(
            Slot slot,
            ProviderPool.Member member,
            BookRequest request,
            Why why,
            List<Skip> skipped,
            Instant holdUntil,
            RequestDetails details) {
        List<String> actors =
                member.schedules().get(slot.getSchedule().getReferenceElement().getIdPart());
        AssignmentExplanation explanation = why.given(skipped);
        SlotBooker.Request booking = new SlotBooker.Request(
                request.patientId(),
                "PractitionerRole/" + member.roleId(),
                actors,
                request.comment(),
                request.urgent(),
                explanation,
                holdUntil,
                request.cancelledAppointmentId());
        SlotBooker.Attempt attempt = slotBooker.book(slot, booking, details);
        if (!attempt.booked()) {
            skipped.add(new Skip(
                    provider(member),
                    SkipReason.of(attempt.refusal()),
                    "Slot/" + slot.getIdElement().getIdPart()));
            return null;
        }
        return new Booked(attempt.appointment(), explanation);
    }

    private static AssignmentExplanation.Provider provider(ProviderPool.Member member) {
        return new AssignmentExplanation.Provider("PractitionerRole/" + member.roleId(), member.name());
    }

    private BookResult bookProposed(BookRequest request, RequestDetails details) {
        if (request.proposed() == null) {
            throw SchedulingErrors.invalid(
                    BookingRefusal.INVALID_INPUT,
                    "$book needs appointment-resource, appointment-reference, or a pool request"
                            + " (patient-reference with specialty or visit-type)");
        }
        Slot slot = slotOf(request.proposed(), details);
        String patientId = request.patientId() != null ? request.patientId() : patientOf(request.proposed());
        requirePatient(patientId, details);
        requireFree(slot);
        Target target = target(slot, details);
        String comment = request.comment() != null
                ? request.comment()
                : request.proposed().getComment();
        SlotBooker.Request booking = new SlotBooker.Request(
                patientId,
                target.provider(),
                target.actors(),
                comment,
                request.urgent(),
                null,
                null,
                request.cancelledAppointmentId());
        Appointment booked = bookSlotOrFail(slot, booking, details);
        return new BookResult(booked, null, null);
    }

    private BookResult bookHeld(BookRequest request, RequestDetails details) {
        Appointment held = read(request.appointmentId(), details);
        if (held.getStatus() != AppointmentStatus.PENDING) {
            throw SchedulingErrors.conflict(
                    BookingRefusal.NOT_HELD,
                    "Appointment/" + request.appointmentId() + " is "
                            + (held.getStatus() == null
                                    ? "without status"
                                    : held.getStatus().toCode())
                            + "; only a pending (held) appointment can be booked");
        }
        String holder = patientOf(held);
        if (request.patientId() != null && !request.patientId().equals(holder)) {
            throw SchedulingErrors.rule(
                    BookingRefusal.HELD_FOR_ANOTHER_PATIENT,
                    "Appointment/" + request.appointmentId() + " is held for another patient");
        }
        if (!claims.lockLiveHold(request.appointmentId())) {
            throw SchedulingErrors.conflict(
                    BookingRefusal.HOLD_EXPIRED,
                    "The hold of Appointment/" + request.appointmentId() + " has expired; find and hold a slot again");
        }
        held.getExtension().removeIf(e -> ClaimDerivation.HOLD_EXPIRY_EXTENSION.equals(e.getUrl()));
        held.setStatus(AppointmentStatus.BOOKED);
        if (request.comment() != null) {
            held.setComment(request.comment());
        }
        if (request.cancelledAppointmentId() != null) {
            SlotBooker.linkMoved(held, request.cancelledAppointmentId());
        }
        held.getParticipant().forEach(p -> p.setStatus(Appointment.ParticipationStatus.ACCEPTED));
        details.getUserData().put(CancellationInterceptor.CONFIRMING_HOLD, Boolean.TRUE);
        try {
            daoRegistry.getResourceDao(Appointment.class).update(held, details);
        } finally {
            details.getUserData().remove(CancellationInterceptor.CONFIRMING_HOLD);
        }
        return new BookResult(held, null, null);
    }

    private Appointment cancelForReschedule(BookRequest request, String patientId, RequestDetails details) {
        Appointment old = read(request.cancelledAppointmentId(), details);
        if (Cancellation.isCancelled(old)) {
            throw SchedulingErrors.rule(
                    BookingRefusal.ALREADY_CANCELLED,
                    "Appointment/" + request.cancelledAppointmentId() + " is already "
                            + old.getStatus().toCode() + " and cannot be rescheduled");
        }
        if (patientId == null || !patientId.equals(patientOf(old))) {
            throw SchedulingErrors.rule(
                    BookingRefusal.NOT_PATIENTS_APPOINTMENT,
                    "Appointment/" + request.cancelledAppointmentId()
                            + " is not an appointment of the patient being booked");
        }
        return cancellation.cancel(old, CancellationReason.RESCHEDULED, details);
    }

    /** The patient a booking is for: the parameter, else the patient of the proposal or of the held appointment. */
    private String effectivePatient(BookRequest request, RequestDetails details) {
        if (request.patientId() != null) {
            return request.patientId();
        }
        if (request.proposed() != null) {
            return patientOf(request.proposed());
        }
        return request.appointmentId() == null ? null : patientOf(read(request.appointmentId(), details));
    }

    private Appointment bookSlotOrFail(Slot slot, SlotBooker.Request booking, RequestDetails details) {
        SlotBooker.Attempt attempt = slotBooker.book(slot, booking, details);
        if (!attempt.booked()) {
            throw SchedulingErrors.conflict(
                    codeOf(attempt.refusal()),
                    "Slot/" + slot.getIdElement().getIdPart() + " cannot be booked: " + describe(attempt.refusal()));
        }
        return attempt.appointment();
    }

    /** Who a Slot belongs to: the provider key of its claims and the actors to put on the Appointment. */
    private record Target(String provider, List<String> actors) {}

    private Target target(Slot slot, RequestDetails details) {
        Schedule schedule = daoRegistry
                .getResourceDao(Schedule.class)
                .read(slot.getSchedule().getReferenceElement().toVersionless(), details);
        List<String> actors = schedule.getActor().stream()
                .filter(Reference::hasReference)
                .map(Reference::getReference)
                .toList();
        String provider = actors.stream()
                .filter(a -> a.startsWith("PractitionerRole/"))
                .findFirst()
                .or(() -> actors.stream()
                        .filter(a -> a.startsWith("Practitioner/"))
                        .findFirst())
                .orElse("Schedule/" + schedule.getIdElement().getIdPart());
        return new Target(provider, actors);
    }

    private Slot slotOf(Appointment proposed, RequestDetails details) {
        if (proposed.getSlot().isEmpty()) {
            throw SchedulingErrors.invalid(
                    BookingRefusal.INVALID_INPUT,
                    "The appointment names no Slot (Appointment.slot): take a proposal from" + " Appointment/$find");
        }
        Slot slot = Lookup.slot(
                daoRegistry, proposed.getSlotFirstRep().getReferenceElement().getIdPart(), details);
        ReadInRequest.remember(details, slot);
        return slot;
    }

    private static void requireFree(Slot slot) {
        if (slot.getStatus() != SlotStatus.FREE) {
            throw SchedulingErrors.conflict(
                    BookingRefusal.SLOT_TAKEN,
                    "Slot/" + slot.getIdElement().getIdPart() + " is "
                            + (slot.getStatus() == null
                                    ? "without status"
                                    : slot.getStatus().toCode()) + ", not free");
        }
        if (slot.getStart() == null || slot.getEnd() == null) {
            throw SchedulingErrors.rule(
                    BookingRefusal.INVALID_INPUT, "Slot/" + slot.getIdElement().getIdPart() + " has no start or end");
        }
    }

    private void requirePatient(String patientId, RequestDetails details) {
        if (patientId == null) {
            throw SchedulingErrors.invalid(
                    BookingRefusal.INVALID_INPUT, "No patient: give patient-reference (or a Patient participant)");
        }
        ReadInRequest.remember(details, Lookup.patient(daoRegistry, patientId, details));
    }

    private Appointment read(String appointmentId, RequestDetails details) {
        return Lookup.appointment(daoRegistry, appointmentId, details);
    }

    /** The Slot if it is still free (the availability read model may lag a concurrent transaction), else null. */
    private Slot freeSlot(String slotId, RequestDetails details) {
        Slot slot = slotSearch.read(slotId, details);
        ReadInRequest.remember(details, slot);
        return slot != null && slot.getStatus() == SlotStatus.FREE ? slot : null;
    }

    private static ProviderPool.Member memberOf(ProviderPool pool, Slot slot) {
        String scheduleId = slot.getSchedule().getReferenceElement().getIdPart();
        return pool.members().stream()
                .filter(m -> m.schedules().containsKey(scheduleId))
                .findFirst()
                .orElseThrow();
    }

    /** The code of a claim's refusal, as clients read it. */
    static BookingRefusal codeOf(Refusal refusal) {
        return switch (refusal) {
            case SLOT_TAKEN -> BookingRefusal.SLOT_TAKEN;
            case PROVIDER_BUSY -> BookingRefusal.PROVIDER_BUSY;
            case PATIENT_BUSY -> BookingRefusal.PATIENT_BUSY;
            case RESERVED_FOR_URGENT -> BookingRefusal.RESERVED_FOR_URGENT;
        };
    }

    private static String describe(Refusal refusal) {
        return SkipReason.of(refusal).english();
    }

    private static RuntimeException noCapacity(ProviderPool pool, BookRequest request) {
        return SchedulingErrors.conflict(
                BookingRefusal.NO_CAPACITY,
                "No provider in pool " + pool.key() + " has a free slot between " + request.from() + " and "
                        + request.to() + " that could be booked");
    }
}

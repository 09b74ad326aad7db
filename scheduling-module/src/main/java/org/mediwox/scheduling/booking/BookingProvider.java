package org.mediwox.scheduling.booking;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.TokenParam;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.hl7.fhir.instance.model.api.IPrimitiveType;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Schedule;
import org.hl7.fhir.r4.model.Slot;
import org.hl7.fhir.r4.model.StringType;
import org.mediwox.plugin.access.OperationAccess;
import org.mediwox.plugin.vocabulary.BookingRefusal;
import org.mediwox.scheduling.assignment.PoolResolver;
import org.mediwox.scheduling.availability.FindProvider;
import org.mediwox.scheduling.availability.ProposalIds;
import org.mediwox.scheduling.booking.BookingService.BookRequest;
import org.mediwox.scheduling.booking.BookingService.BookResult;
import org.mediwox.scheduling.payer.Insurance;
import org.mediwox.scheduling.payer.PayerHook;
import org.mediwox.scheduling.payer.PayerOutcome;
import org.mediwox.scheduling.rules.Participants;
import org.mediwox.scheduling.rules.SchedulingErrors;

/**
 * {@code Appointment/$book}, {@code $hold} and {@code $cancel}: parse the parameters, call the service. The contracts
 * are the OperationDefinitions {@code appointment-book}, {@code appointment-hold} and {@code appointment-cancel} in
 * {@code ig/}. IHE names are primary; the Argonaut names ({@code appt-id}, {@code appt-resource}, {@code patient-id})
 * are accepted as aliases.
 */
public class BookingProvider {

    public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";
    private static final String BOOK = "$book";
    private static final String HOLD = "$hold";
    private static final Duration DEFAULT_WINDOW = Duration.ofDays(14);

    private final BookingService bookings;
    private final Cancellation cancellation;
    private final DaoRegistry daoRegistry;
    private final ProposalIds proposalIds;
    private final Duration holdDuration;
    private final Clock clock;
    private final PayerHook payer;

    public BookingProvider(
            BookingService bookings,
            PayerHook payer,
            Cancellation cancellation,
            DaoRegistry daoRegistry,
            ProposalIds proposalIds,
            Duration holdDuration,
            Clock clock) {
        this.bookings = bookings;
        this.payer = payer;
        this.cancellation = cancellation;
        this.daoRegistry = daoRegistry;
        this.proposalIds = proposalIds;
        this.holdDuration = holdDuration;
        this.clock = clock;
    }

    /**
     * Books a held or proposed appointment — also a proposal of {@code $find} by its id — or books into a provider
     * pool (IHE ITI-117): a searchset Bundle of the booked Appointment, the one a reschedule cancelled, and the
     * explanation as an OperationOutcome entry. See OperationDefinition/appointment-book.
     */
    @Operation(name = "$book", type = Appointment.class, idempotent = false)
    @OperationAccess(
            anyOf = @OperationAccess.Grant(type = "Appointment", permission = 'c'),
            patientInputs = {"patient-reference", "patient-id", "patient-resource"},
            patientResourceInputs = {
                "appointment-resource",
                "appt-resource",
                "appointment-reference",
                "appt-id",
                "cancelled-appt-id",
                "insurance-reference",
                "coverage"
            },
            instanceOfPatient = true,
            namesPatient = true)
    public Bundle book(
            @IdParam(optional = true) IdType instance,
            @OperationParam(name = "appointment-resource") Appointment appointmentResource,
            @OperationParam(name = "appt-resource") Appointment apptResource,
            @OperationParam(name = "appointment-reference") ParametersParameterComponent appointmentReference,
            @OperationParam(name = "appt-id") ParametersParameterComponent apptId,
            @OperationParam(name = "patient-reference") ParametersParameterComponent patientReference,
            @OperationParam(name = "patient-id") ParametersParameterComponent patientIdParam,
            @OperationParam(name = "patient-resource") Patient patientResource,
            @OperationParam(name = "specialty") StringType specialty,
            @OperationParam(name = "visit-type") StringType visitType,
            @OperationParam(name = "location-reference") ParametersParameterComponent location,
            @OperationParam(name = "start") DateTimeType start,
            @OperationParam(name = "end") DateTimeType end,
            @OperationParam(name = "priority") StringType priority,
            @OperationParam(name = "cancelled-appt-id") ParametersParameterComponent cancelledApptId,
            @OperationParam(name = "request-id") StringType requestId,
            @OperationParam(name = "comment") StringType comment,
            @OperationParam(name = "insurance-reference", max = OperationParam.MAX_UNLIMITED)
                    List<Reference> insuranceReferences,
            @OperationParam(name = "coverage", max = OperationParam.MAX_UNLIMITED) List<Coverage> coverages,
            RequestDetails details) {
        Appointment proposed = appointmentResource != null ? appointmentResource : apptResource;
        Insurance insurance = Insurance.of(insuranceReferences, coverages);
        if (proposed != null && proposed.getStatus() == Appointment.AppointmentStatus.CANCELLED) {
            return bookToCancel(proposed, details);
        }
        String appointmentId = instance != null && instance.hasIdPart()
                ? instance.getIdPart()
                : idOf(appointmentReference, apptId, "Appointment");
        String patientId = idOf(patientReference, patientIdParam, "Patient");
        if (proposed == null && ProposalIds.isProposalId(appointmentId)) {
            proposed = proposal(appointmentId, details);
            appointmentId = null;
        }
        boolean urgent = parsePriority(priority);
        PoolWindow window = null;
        if (specialty != null || visitType != null) {
            if (proposed != null || appointmentId != null) {
                throw SchedulingErrors.invalid(
                        BookingRefusal.INVALID_INPUT,
                        "Give either an appointment (appointment-resource/-reference) or a"
                                + " pool request (specialty/visit-type), not both");
            }
            window = poolWindow(specialty, visitType, location, start, end);
        }
        String key = idempotencyKey(details, requestId);
        String cancelledId = idOf(null, cancelledApptId, "Appointment");
        String text = comment == null ? null : comment.getValue();
        String hash = key == null
                ? null
                : hash(
                        BOOK,
                        appointmentId,
                        proposed,
                        patientId,
                        patientResource,
                        window == null ? null : window.pool(),
                        urgent,
                        cancelledId,
                        // insurance joins the digest only when given: keys stored before it existed still match
                        insurance.isEmpty() ? text : text + insurance.digestText(details.getFhirContext()),
                        details);
        BookResult result = bookings.book(
                new BookRequest(
                        appointmentId,
                        proposed,
                        patientId,
                        window == null ? null : window.pool(),
                        window == null ? null : window.from(),
                        window == null ? null : window.to(),
                        urgent,
                        priority != null && !priority.isEmpty(),
                        cancelledId,
                        text,
                        key,
                        hash,
                        insurance),
                patientResource,
                details);
        if (!result.fresh()) {
            return output(details, result.outcome(), result.booked(), result.cancelled());
        }
        PayerHook.Checked checked = payer.afterBooking(result.booked(), result.coverages(), details);
        return output(
                details,
                PayerOutcome.with(result.outcome(), checked.status()),
                checked.appointment(),
                result.cancelled());
    }

    /**
     * Holds the Slot of a proposed appointment (IHE ITI-116) — a proposal of {@code $find} by its id (as {@code
     * appointment-reference}, or {@code POST Appointment/[id]/$hold}), or a proposed Appointment resource — or holds
     * in a provider pool: given the patient and a specialty and/or visit type (as {@code $book} takes them), the
     * provider whose turn it is and their earliest free time, chosen exactly as a pool {@code $book} chooses, so the
     * patient sees who and when before confirming. Answers a searchset Bundle of the held Appointment (and, for a pool
     * hold, how its provider was chosen). See OperationDefinition/appointment-hold.
     */
    @Operation(name = "$hold", type = Appointment.class, idempotent = false)
    @OperationAccess(
            anyOf = @OperationAccess.Grant(type = "Appointment", permission = 'c'),
            patientInputs = "patient-reference",
            patientResourceInputs = {"appointment-resource", "appt-resource", "appointment-reference"},
            instanceOfPatient = true,
            namesPatient = true)
    public Bundle hold(
            @IdParam(optional = true) IdType instance,
            @OperationParam(name = "appointment-resource") Appointment appointmentResource,
            @OperationParam(name = "appt-resource") Appointment apptResource,
            @OperationParam(name = "appointment-reference") ParametersParameterComponent appointmentReference,
            @OperationParam(name = "patient-reference") ParametersParameterComponent patientReference,
            @OperationParam(name = "specialty") StringType specialty,
            @OperationParam(name = "visit-type") StringType visitType,
            @OperationParam(name = "location-reference") ParametersParameterComponent location,
            @OperationParam(name = "start") DateTimeType start,
            @OperationParam(name = "end") DateTimeType end,
            @OperationParam(name = "priority") StringType priority,
            @OperationParam(name = "request-id") StringType requestId,
            RequestDetails details) {
        Appointment proposed = appointmentResource != null ? appointmentResource : apptResource;
        String reference = instance != null && instance.hasIdPart()
                ? instance.getIdPart()
                : idOf(appointmentReference, null, "Appointment");
        Instant holdUntil = clock.instant().plus(holdDuration);
        if (specialty != null || visitType != null) {
            if (proposed != null || reference != null) {
                throw SchedulingErrors.invalid(
                        BookingRefusal.INVALID_INPUT,
                        "Give either an appointment (appointment-resource/-reference) or a"
                                + " pool hold (specialty/visit-type), not both");
            }
            return holdInPool(
                    idOf(patientReference, null, "Patient"),
                    poolWindow(specialty, visitType, location, start, end),
                    parsePriority(priority),
                    idempotencyKey(details, requestId),
                    holdUntil,
                    details);
        }
        if (proposed == null && reference != null) {
            proposed = ProposalIds.isProposalId(reference)
                    ? proposal(reference, details)
                    : Lookup.appointment(daoRegistry, reference, details);
        }
        if (proposed == null) {
            throw SchedulingErrors.invalid(
                    BookingRefusal.INVALID_INPUT,
                    "$hold needs appointment-resource or appointment-reference, or a pool hold"
                            + " (patient-reference with specialty or visit-type)");
        }
        String patientId =
                patientReference != null ? idOf(patientReference, null, "Patient") : Participants.patientOf(proposed);
        Appointment held = bookings.hold(proposed, patientId, holdUntil, details);
        return output(details, null, held, null);
    }

    /** A pool hold: the next provider in turn's earliest free Slot in the window, held for {@code hold-duration}. */
    private Bundle holdInPool(
            String patientId,
            PoolWindow window,
            boolean urgent,
            String key,
            Instant holdUntil,
            RequestDetails details) {
        String hash = key == null
                ? null
                : hash(HOLD, null, null, patientId, null, window.pool(), urgent, null, null, details);
        BookResult result = bookings.holdInPool(
                new BookRequest(
                        null,
                        null,
                        patientId,
                        window.pool(),
                        window.from(),
                        window.to(),
                        urgent,
                        false,
                        null,
                        null,
                        key,
                        hash,
                        null),
                holdUntil,
                details);
        return output(details, result.outcome(), result.booked(), null);
    }

    /** The pool and time window of a pool request, checked: {@code end} after {@code start}, not wholly past. */
    private record PoolWindow(PoolResolver.Criteria pool, Instant from, Instant to) {}

    private PoolWindow poolWindow(
            StringType specialty,
            StringType visitType,
            ParametersParameterComponent location,
            DateTimeType start,
            DateTimeType end) {
        PoolResolver.Criteria pool = new PoolResolver.Criteria(
                token("specialty", specialty), token("visit-type", visitType), idOf(location, null, "Location"));
        Instant now = clock.instant();
        Instant from = start == null ? now : start.getValue().toInstant();
        Instant to = end == null ? from.plus(DEFAULT_WINDOW) : end.getValue().toInstant();
        if (!to.isAfter(from)) {
            throw SchedulingErrors.invalid(
                    BookingRefusal.WINDOW_INVALID, "end (" + to + ") must be after start (" + from + ")");
        }
        if (!to.isAfter(now)) {
            throw SchedulingErrors.rule(
                    BookingRefusal.WINDOW_IN_PAST, "The window " + from + " to " + to + " is in the past");
        }
        return new PoolWindow(pool, from.isBefore(now) ? now : from, to);
    }

    /** The Idempotency-Key header, else {@code request-id}; null when neither is given. */
    private static String idempotencyKey(RequestDetails details, StringType requestId) {
        String key = details.getHeader(IDEMPOTENCY_HEADER);
        if (key == null && requestId != null) {
            key = requestId.getValue();
        }
        if (key != null && (key.isBlank() || key.length() > 200)) {
            throw SchedulingErrors.invalid(
                    BookingRefusal.INVALID_INPUT, "Idempotency-Key (or request-id) must be 1 to 200 characters");
        }
        return key;
    }

    /**
     * IHE's "book to cancel": {@code $book} with a stored Appointment whose status is {@code cancelled} cancels it (the
     * booking rule frees its Slot), with its {@code cancelationReason} text as the reason.
     */
    private Bundle bookToCancel(Appointment cancelled, RequestDetails details) {
        if (!cancelled.getIdElement().hasIdPart()) {
            throw SchedulingErrors.invalid(
                    BookingRefusal.INVALID_INPUT,
                    "A cancelled appointment-resource cancels a stored Appointment: give its id (Appointment.id)");
        }
        Appointment stored =
                Lookup.appointment(daoRegistry, cancelled.getIdElement().getIdPart(), details);
        if (Cancellation.isCancelled(stored)) {
            throw SchedulingErrors.rule(
                    BookingRefusal.ALREADY_CANCELLED,
                    "Appointment/" + stored.getIdPart() + " is already "
                            + stored.getStatus().toCode());
        }
        String reason = cancelled.getCancelationReason().getText();
        return output(details, null, cancellation.cancel(stored, reason, details), null);
    }

    /** The proposal {@code $find} returned under this id, rebuilt from its Slot (nothing of it is stored). */
    private Appointment proposal(String id, RequestDetails details) {
        ProposalIds.Proposal proposal = proposalIds
                .read(id)
                .orElseThrow(() -> SchedulingErrors.notFound(
                        BookingRefusal.UNKNOWN_APPOINTMENT,
                        "Appointment/" + id + " is not a proposal of this server; take one from Appointment/$find"));
        Slot slot = Lookup.slot(daoRegistry, proposal.slotId(), details);
        Schedule schedule = daoRegistry
                .getResourceDao(Schedule.class)
                .read(slot.getSchedule().getReferenceElement().toVersionless(), details);
        Reference patient = proposal.patientId() == null ? null : new Reference("Patient/" + proposal.patientId());
        return FindProvider.proposal(slot, schedule, patient);
    }

    /** Cancels an appointment and frees its Slot. See OperationDefinition/appointment-cancel. */
    @Operation(name = "$cancel", type = Appointment.class, idempotent = false)
    @OperationAccess(anyOf = @OperationAccess.Grant(type = "Appointment", permission = 'u'), instanceOfPatient = true)
    public Appointment cancel(
            @IdParam IdType id, @OperationParam(name = "reason") StringType reason, RequestDetails details) {
        Appointment appointment = Lookup.appointment(daoRegistry, id.getIdPart(), details);
        if (Cancellation.isCancelled(appointment)) {
            throw SchedulingErrors.rule(
                    BookingRefusal.ALREADY_CANCELLED,
                    "Appointment/" + id.getIdPart() + " is already "
                            + appointment.getStatus().toCode());
        }
        return cancellation.cancel(appointment, reason == null ? null : reason.getValue(), details);
    }

    /**
     * The id an input names, whatever its type: IHE sends references ({@code valueReference}), Argonaut ids and
     * references as {@code valueUri}/{@code valueUrl} or {@code valueString}/{@code valueId}; a relative or absolute
     * reference, or a bare id, of the expected type.
     */
    private static String idOf(
            ParametersParameterComponent reference, ParametersParameterComponent alias, String type) {
        String value = text(reference);
        if (value == null) {
            value = text(alias);
        }
        if (value == null) {
            return null;
        }
        IdType id = new IdType(value);
        if (id.hasResourceType() && !type.equals(id.getResourceType())) {
            throw SchedulingErrors.invalid(
                    BookingRefusal.INVALID_INPUT, "Expected a reference to a " + type + ", got " + value);
        }
        return id.getIdPart();
    }

    private static String text(ParametersParameterComponent input) {
        if (input == null || input.getValue() == null) {
            return null;
        }
        String value = input.getValue() instanceof Reference reference
                ? reference.getReference()
                : input.getValue().primitiveValue();
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static TokenParam token(String name, StringType value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        String text = value.getValue();
        int bar = text.indexOf('|');
        if (bar <= 0 || bar == text.length() - 1) {
            throw SchedulingErrors.invalid(
                    BookingRefusal.INVALID_INPUT,
                    name + " must be system|code, e.g. http://snomed.info/sct|394814009; got '" + text + "'");
        }
        return new TokenParam(text.substring(0, bar), text.substring(bar + 1));
    }

    private static boolean parsePriority(StringType priority) {
        if (priority == null || priority.isEmpty() || "routine".equals(priority.getValue())) {
            return false;
        }
        if ("urgent".equals(priority.getValue())) {
            return true;
        }
        throw SchedulingErrors.invalid(
                BookingRefusal.INVALID_INPUT,
                "priority must be 'routine' or 'urgent', got '" + priority.getValue() + "'");
    }

    /**
     * What {@code $hold} and {@code $book} answer, as IHE ITI-116/117 do: a searchset Bundle with the held or booked
     * Appointment ({@code match}), the Appointment a reschedule cancelled ({@code include}) and the explanation as an
     * OperationOutcome ({@code outcome}).
     */
    private static Bundle output(
            RequestDetails details, OperationOutcome outcome, Appointment appointment, Appointment cancelled) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET);
        bundle.setTotal(1);
        add(bundle, details, appointment, Bundle.SearchEntryMode.MATCH);
        if (cancelled != null) {
            add(bundle, details, cancelled, Bundle.SearchEntryMode.INCLUDE);
        }
        if (outcome != null) {
            bundle.addEntry()
                    .setFullUrl("urn:uuid:" + java.util.UUID.randomUUID())
                    .setResource(outcome)
                    .getSearch()
                    .setMode(Bundle.SearchEntryMode.OUTCOME);
        }
        return bundle;
    }

    private static void add(
            Bundle bundle, RequestDetails details, Appointment appointment, Bundle.SearchEntryMode mode) {
        bundle.addEntry()
                .setFullUrl(details.getFhirServerBase() + "/Appointment/"
                        + appointment.getIdElement().getIdPart())
                .setResource(appointment)
                .getSearch()
                .setMode(mode);
    }

    /**
     * A digest of everything that makes two booking requests the same request. A hold's digest differs from a
     * booking's with the same inputs (one key never confirms what it only held); {@code $book}'s is as it was before
     * pool holds existed, so keys stored then still match their retries.
     */
    private static String hash(
            String operation,
            String appointmentId,
            Appointment proposed,
            String patientId,
            Patient patientResource,
            PoolResolver.Criteria pool,
            boolean urgent,
            String cancelledId,
            String comment,
            RequestDetails details) {
        String proposedJson =
                proposed == null ? "" : details.getFhirContext().newJsonParser().encodeResourceToString(proposed);
        String patientJson = patientResource == null
                ? ""
                : details.getFhirContext().newJsonParser().encodeResourceToString(patientResource);
        // a pool request with no explicit window is the same request whenever it is retried
        String window = pool == null ? "" : (start(details) + ".." + end(details));
        String canonical = (BOOK.equals(operation) ? "" : operation + "\n")
                + String.join(
                        "\n",
                        String.valueOf(appointmentId),
                        proposedJson,
                        String.valueOf(patientId),
                        patientJson,
                        pool == null ? "" : pool.key(),
                        window,
                        String.valueOf(urgent),
                        String.valueOf(cancelledId),
                        String.valueOf(comment));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String start(RequestDetails details) {
        return paramValue(details, "start");
    }

    private static String end(RequestDetails details) {
        return paramValue(details, "end");
    }

    private static String paramValue(RequestDetails details, String name) {
        if (details.getResource() instanceof Parameters parameters && parameters.getParameter(name) != null) {
            return ((IPrimitiveType<?>) parameters.getParameter(name).getValue()).getValueAsString();
        }
        String[] values = details.getParameters().get(name);
        return values == null || values.length == 0 ? "" : values[0];
    }
}

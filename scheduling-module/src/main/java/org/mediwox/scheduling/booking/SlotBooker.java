package org.mediwox.scheduling.booking;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Appointment.AppointmentStatus;
import org.hl7.fhir.r4.model.Appointment.ParticipationStatus;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Slot;
import org.mediwox.plugin.vocabulary.MediwoxExtensions;
import org.mediwox.scheduling.booking.BookingClaims.Refusal;

/**
 * Takes one Slot for an appointment inside the caller's transaction: claim it in the database, then write the
 * Appointment (the booking rule marks the Slot). When the database refuses the claim nothing has been written and the
 * refusal is returned.
 */
public class SlotBooker {

    /**
     * What the booking is for. {@code holdUntil} set means a hold ({@code $hold}) rather than a booking; {@code
     * rescheduledFrom} is the id of the Appointment this booking moves (a reschedule), else null.
     */
    public record Request(
            String patientId,
            String providerKey,
            List<String> actors,
            String comment,
            boolean urgent,
            AssignmentExplanation explanation,
            Instant holdUntil,
            String rescheduledFrom) {}

    private final DaoRegistry daoRegistry;
    private final BookingClaims claims;
    private final ClaimDerivation derivation;
    private final UrgentReserve urgentReserve;

    public SlotBooker(
            DaoRegistry daoRegistry, BookingClaims claims, ClaimDerivation derivation, UrgentReserve urgentReserve) {
        this.daoRegistry = daoRegistry;
        this.claims = claims;
        this.derivation = derivation;
        this.urgentReserve = urgentReserve;
    }

    /** What became of a booking attempt: the stored Appointment, or why the Slot was not taken. */
    public record Attempt(Appointment appointment, Refusal refusal) {

        static Attempt refused(Refusal refusal) {
            return new Attempt(null, refusal);
        }

        public boolean booked() {
            return appointment != null;
        }
    }

    /**
     * Claims what the Appointment will claim — under a token, as it has no id yet — so that a refusal leaves the
     * transaction usable for the next Slot or provider; then stores the Appointment, which the booking rule ({@link
     * BookingClaimInterceptor}) hands the token's claims to, and whose Slot it marks busy.
     */
    public Attempt book(Slot slot, Request request, RequestDetails details) {
        return book(slot, request, details, appointment -> {});
    }

    /** {@link #book(Slot, Request, RequestDetails)}, with {@code shape} adding to the Appointment before it is stored. */
    public Attempt book(
            Slot slot, Request request, RequestDetails details, java.util.function.Consumer<Appointment> shape) {
        Instant start = slot.getStart().toInstant();
        if (!request.urgent()
                && !urgentReserve.routineMayTake(
                        request.providerKey(),
                        List.of(slot.getSchedule().getReferenceElement().getIdPart()),
                        start)) {
            return Attempt.refused(Refusal.RESERVED_FOR_URGENT);
        }
        Appointment appointment = appointmentFor(slot, request);
        shape.accept(appointment);
        BookingClaims.Taken taken =
                new BookingClaims.Taken(BookingClaims.TOKEN_PREFIX + UUID.randomUUID(), derivation.of(appointment));
        BookingClaims.Conflict refused = claims.take(taken.token(), taken.set());
        if (refused != null) {
            return Attempt.refused(refused.refusal());
        }
        details.getUserData().put(BookingClaimInterceptor.CLAIM_TOKEN, taken);
        IdType id;
        try {
            id = (IdType) daoRegistry
                    .getResourceDao(Appointment.class)
                    .create(appointment, null, true, details, ReadInRequest.transactionDetails(details))
                    .getId();
        } finally {
            details.getUserData().remove(BookingClaimInterceptor.CLAIM_TOKEN);
        }
        appointment.setId(id);
        return new Attempt(appointment, null);
    }

    private static Appointment appointmentFor(Slot slot, Request request) {
        boolean hold = request.holdUntil() != null;
        ParticipationStatus participation = hold ? ParticipationStatus.TENTATIVE : ParticipationStatus.ACCEPTED;
        Appointment appointment = new Appointment();
        appointment.setStatus(hold ? AppointmentStatus.PENDING : AppointmentStatus.BOOKED);
        appointment.setStart(slot.getStart());
        appointment.setEnd(slot.getEnd());
        appointment.addSlot(new Reference("Slot/" + slot.getIdElement().getIdPart()));
        slot.getSpecialty().forEach(s -> appointment.addSpecialty(s.copy()));
        slot.getServiceType().forEach(s -> appointment.addServiceType(s.copy()));
        appointment.setCreated(new java.util.Date());
        if (request.urgent()) {
            appointment.setPriority(BookingService.URGENT_PRIORITY);
        }
        if (request.rescheduledFrom() != null) {
            linkMoved(appointment, request.rescheduledFrom());
        }
        if (request.comment() != null) {
            appointment.setComment(request.comment());
        }
        if (request.patientId() != null) {
            appointment
                    .addParticipant()
                    .setActor(new Reference("Patient/" + request.patientId()))
                    .setStatus(participation);
        }
        for (String actor : request.actors()) {
            appointment.addParticipant().setActor(new Reference(actor)).setStatus(participation);
        }
        if (request.explanation() != null) {
            appointment.addExtension(request.explanation().toExtension());
        }
        if (hold) {
            appointment.addExtension(
                    ClaimDerivation.HOLD_EXPIRY_EXTENSION,
                    new InstantType(
                            java.util.Date.from(request.holdUntil()),
                            TemporalPrecisionEnum.MILLI,
                            java.util.TimeZone.getTimeZone("UTC")));
        }
        return appointment;
    }

    /**
     * Links the Appointment a reschedule books to the one it moves ({@value MediwoxExtensions#RESCHEDULED_FROM}; R4 has
     * no element for it — R5 calls it {@code Appointment.previousAppointment}).
     */
    static void linkMoved(Appointment appointment, String movedId) {
        appointment.getExtension().removeIf(e -> MediwoxExtensions.RESCHEDULED_FROM.equals(e.getUrl()));
        appointment.addExtension(MediwoxExtensions.RESCHEDULED_FROM, new Reference("Appointment/" + movedId));
    }

    static OperationOutcome information(List<String> lines) {
        OperationOutcome outcome = new OperationOutcome();
        lines.forEach(line -> outcome.addIssue()
                .setSeverity(IssueSeverity.INFORMATION)
                .setCode(IssueType.INFORMATIONAL)
                .setDiagnostics(line));
        return outcome;
    }
}

package org.mediwox.scheduling.booking;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import java.time.Instant;
import java.util.List;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Appointment.AppointmentStatus;
import org.hl7.fhir.r4.model.Appointment.ParticipationStatus;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Slot;
import org.hl7.fhir.r4.model.Slot.SlotStatus;
import org.hl7.fhir.r4.model.StringType;
import org.mediwox.scheduling.booking.BookingClaims.Claim;
import org.mediwox.scheduling.booking.BookingClaims.Refusal;

/**
 * Takes one Slot for an appointment inside the caller's transaction: claim it in the database, mark the Slot, write
 * the Appointment. When the database refuses the claim nothing has been written and the refusal is returned.
 */
public class SlotBooker {

    public static final String EXPLANATION_EXTENSION =
            "https://mediwox.org/fhir/StructureDefinition/assignment-explanation";

    /** What the booking is for. {@code holdUntil} set means a hold ({@code $hold}) rather than a booking. */
    public record Request(
            String patientId,
            String providerKey,
            List<String> actors,
            String comment,
            boolean urgent,
            String explanation,
            Instant holdUntil) {}

    private final DaoRegistry daoRegistry;
    private final BookingClaims claims;
    private final UrgentReserve urgentReserve;

    public SlotBooker(DaoRegistry daoRegistry, BookingClaims claims, UrgentReserve urgentReserve) {
        this.daoRegistry = daoRegistry;
        this.claims = claims;
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

    public Attempt book(Slot slot, Request request, RequestDetails details) {
        Instant start = slot.getStart().toInstant();
        Instant end = slot.getEnd().toInstant();
        String slotId = slot.getIdElement().getIdPart();
        if (!request.urgent()
                && !urgentReserve.routineMayTake(
                        request.providerKey(),
                        List.of(slot.getSchedule().getReferenceElement().getIdPart()),
                        start)) {
            return Attempt.refused(Refusal.RESERVED_FOR_URGENT);
        }
        Refusal refused = claims.claim(new Claim(
                slotId,
                request.providerKey(),
                request.patientId() == null ? null : "Patient/" + request.patientId(),
                start,
                end,
                request.holdUntil()));
        if (refused != null) {
            return Attempt.refused(refused);
        }
        boolean hold = request.holdUntil() != null;
        slot.setStatus(hold ? SlotStatus.BUSYTENTATIVE : SlotStatus.BUSY);
        try {
            // the Slot's id carries the version that was read: a concurrent change of the Slot is a conflict
            daoRegistry.getResourceDao(Slot.class).update(slot, details);
        } catch (ResourceVersionConflictException e) {
            throw SchedulingErrors.conflict("Slot/" + slotId + " changed while it was being booked; try again");
        }
        Appointment appointment = appointmentFor(slot, request);
        IdType id = (IdType) daoRegistry
                .getResourceDao(Appointment.class)
                .create(appointment, details)
                .getId();
        claims.attach(slotId, id.getIdPart());
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
            appointment.setPriority(1);
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
            appointment.addExtension(EXPLANATION_EXTENSION, new StringType(request.explanation()));
        }
        return appointment;
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

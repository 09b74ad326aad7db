package org.mediwox.scheduling.booking;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.LinkedHashSet;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Appointment.AppointmentStatus;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Slot;
import org.hl7.fhir.r4.model.Slot.SlotStatus;
import org.mediwox.plugin.booking.Overbooking;
import org.mediwox.plugin.vocabulary.BookingRefusal;
import org.mediwox.plugin.vocabulary.MediwoxExtensions;
import org.mediwox.scheduling.rules.SchedulingErrors;

/**
 * The booking rule on every path that writes an Appointment. HAPI calls it for each stored create, update (PUT,
 * PATCH, conditional writes, transaction and batch entries, {@code $book}, {@code $hold}, {@code $cancel}) and delete,
 * inside the transaction that writes it: the Appointment's claims ({@link ClaimDerivation}) replace its earlier ones,
 * and a claim the database refuses (the Slot is taken; a provider or the patient is in another active Appointment at
 * an overlapping time) fails the write with 409 — the whole request, a transaction Bundle included, rolls back.
 *
 * <p>Then the Slots follow their Appointments: claimed by a booking → {@code busy}, only by a hold → {@code
 * busy-tentative}, by nothing → {@code free} again, except that a no-show or a fulfilled visit leaves its Slot {@code
 * busy} (the time is spent). A Slot set {@code free} by hand while an Appointment claims it is refused.
 *
 * <p>Deliberate overbooking, as clinic staff do it in Epic or Cerner: an Appointment carrying a reason in {@value
 * MediwoxExtensions#OVERBOOKING}, written on a request the server's security layer {@linkplain Overbooking#allow allowed}
 * to overbook, takes its claims even where the rule would refuse them (marked overbooked, left out of the constraints,
 * {@linkplain Overbooking#record recorded} for the audit trail); the reason without that permission is refused with
 * 403. Patients and back-end
 * systems never get it.
 */
@Interceptor
public class BookingClaimInterceptor {

    /**
     * Set by {@code $book}/{@code $hold} on the request: the claims it took under a token ({@link BookingClaims.Taken}),
     * adopted here by the Appointment it creates.
     */
    public static final String CLAIM_TOKEN = BookingClaimInterceptor.class.getName() + ".token";

    private final BookingClaims claims;
    private final ClaimDerivation derivation;
    private final DaoRegistry daoRegistry;

    public BookingClaimInterceptor(BookingClaims claims, ClaimDerivation derivation, DaoRegistry daoRegistry) {
        this.claims = claims;
        this.derivation = derivation;
        this.daoRegistry = daoRegistry;
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
    public void created(IBaseResource resource, RequestDetails request) {
        if (resource instanceof Appointment appointment) {
            claim(appointment, request, true);
        }
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
    public void updated(IBaseResource previous, IBaseResource updated, RequestDetails request) {
        if (updated instanceof Appointment appointment) {
            claim(appointment, request, false);
        } else if (updated instanceof Slot slot) {
            refuseFreeingAClaimedSlot(slot);
        }
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_DELETED)
    public void deleted(IBaseResource resource) {
        if (resource instanceof Appointment appointment) {
            String id = appointment.getIdElement().getIdPart();
            syncSlots(new LinkedHashSet<>(claims.release(id)), null, ClaimSet.NONE);
        }
    }

    /**
     * Claims what the Appointment needs and frees what it no longer does. A new Appointment has no claims of its own
     * yet (those it adopts under a claim token are among the wanted ones), so only an update asks which Slots it held.
     */
    private void claim(Appointment appointment, RequestDetails request, boolean created) {
        String id = appointment.getIdElement().getIdPart();
        Set<String> slots = created ? new LinkedHashSet<>() : new LinkedHashSet<>(claims.slotsOf(id));
        ClaimSet wanted = derivation.of(appointment);
        BookingClaims.Taken taken =
                request != null && request.getUserData().get(CLAIM_TOKEN) instanceof BookingClaims.Taken t ? t : null;
        String token = taken == null ? null : taken.token();
        String overbooking = wanted.rows().isEmpty() ? null : ClaimDerivation.overbookingReason(appointment);
        if (overbooking != null && (request == null || !Overbooking.allowed(request.getUserData()))) {
            throw SchedulingErrors.forbidden(
                    BookingRefusal.OVERBOOKING_NOT_ALLOWED,
                    "Appointment/" + id + " carries an overbooking reason (" + MediwoxExtensions.OVERBOOKING
                            + "): only a clinician's token with the scope " + Overbooking.SCOPE + " may overbook");
        }
        // the common $book case: the Appointment claims exactly what its token took, so the rows only change owner
        boolean adopted = created
                && taken != null
                && overbooking == null
                && taken.set().equals(wanted)
                && claims.adopt(id, taken);
        BookingClaims.Conflict conflict = adopted ? null : claims.replace(id, token, wanted);
        if (conflict != null && overbooking != null) {
            claims.replace(id, token, wanted, true);
            Overbooking.record(
                    request.getUserData(),
                    "Appointment/" + id + " booked over the rule (" + conflict.describe() + "): " + overbooking);
        } else if (conflict != null) {
            throw SchedulingErrors.conflict(
                    BookingService.codeOf(conflict.refusal()),
                    "Appointment/" + id + " cannot be "
                            + (appointment.getStatus() == null
                                    ? "stored"
                                    : appointment.getStatus().toCode()) + ": "
                            + conflict.describe() + ". Nothing was stored; choose another time or provider.");
        }
        slots.addAll(wanted.slots());
        syncSlots(slots, appointment, wanted);
    }

    /**
     * Each Slot's status as its claims say; {@code appointment} is the one just written (null: deleted) with the claims
     * it was just given. A Slot this Appointment has just booked is {@code busy} whatever else claims it, so only the
     * other Slots are looked up.
     */
    private void syncSlots(Set<String> slots, Appointment appointment, ClaimSet written) {
        IFhirResourceDao<Slot> dao = daoRegistry.getResourceDao(Slot.class);
        SystemRequestDetails system = new SystemRequestDetails();
        for (String reference : slots) {
            Slot slot;
            try {
                slot = dao.read(new IdType(reference), system);
            } catch (ResourceNotFoundException | ResourceGoneException e) {
                continue; // an Appointment may name a Slot that is gone: nothing to keep in step
            }
            SlotStatus wanted = !written.held() && written.slots().contains(reference)
                    ? SlotStatus.BUSY
                    : statusFor(reference, slot.getStatus(), appointment);
            if (wanted != slot.getStatus()) {
                slot.setStatus(wanted);
                dao.update(slot, system);
            }
        }
    }

    private SlotStatus statusFor(String slot, SlotStatus current, Appointment written) {
        String state = claims.slotState(slot);
        if ("booked".equals(state)) {
            return SlotStatus.BUSY;
        }
        if ("held".equals(state)) {
            return SlotStatus.BUSYTENTATIVE;
        }
        if (current != SlotStatus.BUSY && current != SlotStatus.BUSYTENTATIVE) {
            return current; // busy-unavailable or entered-in-error: set by the clinic, not by bookings
        }
        boolean spent = written != null
                && (written.getStatus() == AppointmentStatus.NOSHOW
                        || written.getStatus() == AppointmentStatus.FULFILLED)
                && written.getSlot().stream()
                        .anyMatch(s ->
                                slot.equals("Slot/" + s.getReferenceElement().getIdPart()));
        return spent ? SlotStatus.BUSY : SlotStatus.FREE;
    }

    private void refuseFreeingAClaimedSlot(Slot slot) {
        if (slot.getStatus() != SlotStatus.FREE) {
            return;
        }
        String reference = "Slot/" + slot.getIdElement().getIdPart();
        if (claims.slotState(reference) != null) {
            throw SchedulingErrors.conflict(
                    BookingRefusal.SLOT_IN_USE,
                    reference + " cannot be set free: an active Appointment holds it."
                            + " Cancel that Appointment (its Slot is then freed with it).");
        }
    }
}

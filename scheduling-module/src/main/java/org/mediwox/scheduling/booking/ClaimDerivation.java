package org.mediwox.scheduling.booking;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Appointment.AppointmentStatus;
import org.hl7.fhir.r4.model.Appointment.ParticipationStatus;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Slot;
import org.mediwox.plugin.vocabulary.MediwoxExtensions;

/**
 * Which claims an Appointment makes, the same for every path that writes one: while it is active (held = {@code
 * pending}, {@code booked}, {@code arrived}, {@code checked-in}) it claims each of its Slots, each Practitioner and
 * PractitionerRole participant — and the Practitioner of each PractitionerRole, so one person is not booked twice
 * through two of their roles — and each Patient participant, for its start–end (else its Slot's). Participants who
 * declined claim nothing.
 */
public class ClaimDerivation {

    /** When a hold ({@code $hold}) lapses, on the held Appointment. */
    public static final String HOLD_EXPIRY_EXTENSION = MediwoxExtensions.HOLD_EXPIRY;

    private final DaoRegistry daoRegistry;

    public ClaimDerivation(DaoRegistry daoRegistry) {
        this.daoRegistry = daoRegistry;
    }

    static boolean active(Appointment appointment) {
        AppointmentStatus status = appointment.getStatus();
        return status == AppointmentStatus.PENDING
                || status == AppointmentStatus.BOOKED
                || status == AppointmentStatus.ARRIVED
                || status == AppointmentStatus.CHECKEDIN;
    }

    /** The reason given for booking this Appointment over the rule, or null when it claims no override. */
    static String overbookingReason(Appointment appointment) {
        var extension = appointment.getExtensionByUrl(MediwoxExtensions.OVERBOOKING);
        if (extension == null || extension.getValue() == null) {
            return null;
        }
        String reason = extension.getValue().primitiveValue();
        return reason == null || reason.isBlank() ? null : reason.trim();
    }

    public ClaimSet of(Appointment appointment) {
        if (!active(appointment)) {
            return ClaimSet.NONE;
        }
        Instant start = appointment.hasStart() ? appointment.getStart().toInstant() : null;
        Instant end = appointment.hasEnd() ? appointment.getEnd().toInstant() : null;
        Set<ClaimSet.Row> rows = new LinkedHashSet<>();
        for (Reference slotRef : appointment.getSlot()) {
            IIdType id = slotRef.getReferenceElement();
            if (!id.hasIdPart()) {
                continue;
            }
            rows.add(new ClaimSet.Row("slot", "Slot/" + id.getIdPart()));
            if (start == null || end == null) {
                Slot slot = read(Slot.class, "Slot", id.getIdPart());
                if (slot != null && slot.hasStart() && slot.hasEnd()) {
                    start = start == null ? slot.getStart().toInstant() : start;
                    end = end == null ? slot.getEnd().toInstant() : end;
                }
            }
        }
        List<ClaimSet.Row> people = new ArrayList<>();
        for (Appointment.AppointmentParticipantComponent participant : appointment.getParticipant()) {
            IIdType actor = participant.getActor().getReferenceElement();
            if (participant.getStatus() == ParticipationStatus.DECLINED || !actor.hasIdPart()) {
                continue;
            }
            String type = actor.getResourceType();
            if ("Patient".equals(type)) {
                people.add(new ClaimSet.Row("patient", "Patient/" + actor.getIdPart()));
            } else if ("Practitioner".equals(type)) {
                people.add(new ClaimSet.Row("provider", "Practitioner/" + actor.getIdPart()));
            } else if ("PractitionerRole".equals(type)) {
                people.add(new ClaimSet.Row("provider", "PractitionerRole/" + actor.getIdPart()));
                PractitionerRole role = read(PractitionerRole.class, "PractitionerRole", actor.getIdPart());
                if (role != null && role.getPractitioner().getReferenceElement().hasIdPart()) {
                    people.add(new ClaimSet.Row(
                            "provider",
                            "Practitioner/"
                                    + role.getPractitioner()
                                            .getReferenceElement()
                                            .getIdPart()));
                }
            }
        }
        if (start != null || end != null) {
            rows.addAll(people); // without any time there is nothing to overlap
        }
        boolean held = appointment.getStatus() == AppointmentStatus.PENDING;
        Instant expiry = null;
        if (held
                && appointment.getExtensionByUrl(HOLD_EXPIRY_EXTENSION) != null
                && appointment.getExtensionByUrl(HOLD_EXPIRY_EXTENSION).getValue() instanceof BaseDateTimeType at
                && at.getValue() != null) {
            expiry = at.getValue().toInstant();
        }
        // one order for every transaction, so two writers claiming the same rows never deadlock; the most telling
        // clash comes first: the Slot, then the provider's role, the provider, the patient
        List<ClaimSet.Row> ordered = rows.stream()
                .sorted(Comparator.comparingInt(ClaimDerivation::rank).thenComparing(ClaimSet.Row::subject))
                .toList();
        return new ClaimSet(held, expiry, start, end, ordered);
    }

    private static int rank(ClaimSet.Row row) {
        if (row.kind().equals("slot")) {
            return 0;
        }
        if (row.subject().startsWith("PractitionerRole/")) {
            return 1;
        }
        return row.kind().equals("provider") ? 2 : 3;
    }

    private <T extends org.hl7.fhir.r4.model.Resource> T read(Class<T> type, String typeName, String id) {
        try {
            return daoRegistry.getResourceDao(type).read(new IdType(typeName, id), new SystemRequestDetails());
        } catch (ResourceNotFoundException | ResourceGoneException e) {
            return null;
        }
    }
}

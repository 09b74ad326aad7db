package org.mediwox.scheduling.waitlist;

import static org.mediwox.scheduling.rules.Participants.patientOf;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Appointment.AppointmentStatus;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Schedule;
import org.hl7.fhir.r4.model.Slot;
import org.mediwox.plugin.vocabulary.BookingRefusal;
import org.mediwox.plugin.vocabulary.MediwoxExtensions;
import org.mediwox.scheduling.assignment.PoolResolver;
import org.mediwox.scheduling.booking.BookingService;
import org.mediwox.scheduling.rules.SchedulingErrors;

/**
 * The waiting list's rule on every path that writes an Appointment ({@code $waitlist}, a plain {@code POST}/{@code
 * PUT}/{@code PATCH}, a transaction entry, {@code $cancel}, {@code $book}, the hold expiry), in the writing transaction:
 *
 * <ul>
 *   <li>an entry ({@code waitlist} with {@value MediwoxExtensions#WAITLIST_FOR}) must name a booked, not yet started
 *       Appointment of the same patient, one entry per booked Appointment; it is listed with the Schedules of the booked
 *       one's pool (its Slot's specialty, else service type, and Location — the pool {@code $book} would book into) and
 *       its urgency (the booked Appointment's {@code priority}, whatever the entry says). An entry that stops being
 *       {@code waitlist} leaves the list; a cancelled one cannot come back;
 *   <li>a booked Appointment that is cancelled, moved, deleted or no longer booked ends its entry;
 *   <li>an offer (a held Appointment with {@value MediwoxExtensions#WAITLIST_FOR}) that is booked, declined or lapses
 *       frees its entry for the next offer.
 * </ul>
 */
@Interceptor
public class WaitlistInterceptor {

    private final DaoRegistry daoRegistry;
    private final WaitlistEntries entries;
    private final WaitlistService service;
    private final PoolResolver pools;
    private final Clock clock;

    WaitlistInterceptor(
            DaoRegistry daoRegistry,
            WaitlistEntries entries,
            WaitlistService service,
            PoolResolver pools,
            Clock clock) {
        this.daoRegistry = daoRegistry;
        this.entries = entries;
        this.service = service;
        this.pools = pools;
        this.clock = clock;
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
    public void created(IBaseResource resource) {
        if (resource instanceof Appointment appointment && isEntry(appointment)) {
            list(appointment);
        }
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
    public void updated(IBaseResource previous, IBaseResource updated) {
        if (!(updated instanceof Appointment now) || !(previous instanceof Appointment before)) {
            return;
        }
        String id = now.getIdElement().getIdPart();
        if (isEntry(now)) {
            if (cancelled(before)) {
                throw SchedulingErrors.rule(
                        BookingRefusal.ALREADY_CANCELLED,
                        "Appointment/" + id + " left the waiting list and cannot be put back; join again with"
                                + " Appointment/[id]/$waitlist");
            }
            if (!entries.contains(id)) {
                list(now);
            }
        } else if (before.getStatus() == AppointmentStatus.WAITLIST) {
            entries.remove(id);
        }
        if (before.getStatus() == AppointmentStatus.PENDING
                && now.getStatus() != AppointmentStatus.PENDING
                && waitlistFor(now) != null) {
            entries.offerEnded(id);
        }
        if (before.getStatus() == AppointmentStatus.BOOKED
                && (now.getStatus() != AppointmentStatus.BOOKED
                        || !Objects.equals(before.getStart(), now.getStart()))) {
            entries.entriesFor(id).forEach(service::end);
        }
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_DELETED)
    public void deleted(IBaseResource resource) {
        if (resource instanceof Appointment appointment) {
            String id = appointment.getIdElement().getIdPart();
            entries.remove(id);
            entries.offerEnded(id);
            entries.entriesFor(id).forEach(service::end);
        }
    }

    private static boolean isEntry(Appointment appointment) {
        return appointment.getStatus() == AppointmentStatus.WAITLIST && waitlistFor(appointment) != null;
    }

    /** The id of the booked Appointment the entry or offer is for, or null. */
    static String waitlistFor(Appointment appointment) {
        Extension extension = appointment.getExtensionByUrl(MediwoxExtensions.WAITLIST_FOR);
        if (extension != null && extension.getValue() instanceof Reference reference) {
            IdType id = new IdType(reference.getReference());
            return id.hasIdPart() ? id.getIdPart() : null;
        }
        return null;
    }

    private void list(Appointment entry) {
        String entryId = entry.getIdElement().getIdPart();
        String bookedId = waitlistFor(entry);
        Appointment booked = read(Appointment.class, "Appointment", bookedId);
        if (booked == null) {
            throw SchedulingErrors.notFound(
                    BookingRefusal.UNKNOWN_APPOINTMENT,
                    "Appointment/" + bookedId + " (the booked appointment the waiting-list entry is for) is not known"
                            + " to this server");
        }
        if (booked.getStatus() != AppointmentStatus.BOOKED) {
            throw SchedulingErrors.rule(
                    cancelled(booked) ? BookingRefusal.ALREADY_CANCELLED : BookingRefusal.INVALID_INPUT,
                    "Appointment/" + bookedId + " is "
                            + (booked.getStatus() == null
                                    ? "without status"
                                    : booked.getStatus().toCode())
                            + ": only a booked appointment can wait for an earlier time");
        }
        Instant now = clock.instant();
        if (!booked.hasStart() || !booked.getStart().toInstant().isAfter(now)) {
            throw SchedulingErrors.rule(
                    BookingRefusal.INVALID_INPUT,
                    "Appointment/" + bookedId + " has started (or has no start): nothing earlier can be offered");
        }
        String patient = patientOf(entry);
        if (patient == null || !patient.equals(patientOf(booked))) {
            throw SchedulingErrors.rule(
                    BookingRefusal.NOT_PATIENTS_APPOINTMENT,
                    "Appointment/" + bookedId + " is not an appointment of the patient of the waiting-list entry");
        }
        Set<String> schedules = poolSchedules(booked);
        if (schedules.isEmpty()) {
            throw SchedulingErrors.rule(
                    BookingRefusal.INVALID_INPUT,
                    "Appointment/" + bookedId + " names no Slot of a Schedule: there is no pool to wait in");
        }
        boolean urgent = booked.hasPriority() && booked.getPriority() == BookingService.URGENT_PRIORITY;
        if (!entries.add(entryId, patient, bookedId, booked.getStart().toInstant(), schedules, urgent, now)) {
            throw SchedulingErrors.rule(
                    BookingRefusal.INVALID_INPUT,
                    "Appointment/" + bookedId + " is already on the waiting list (Appointment/"
                            + String.join(", Appointment/", entries.entriesFor(bookedId)) + ")");
        }
    }

    /**
     * The Schedules an earlier time may come from: those of the booked Slot's pool — its specialty (else service type)
     * at its Location, as {@code $book} resolves a pool — and always the booked Slot's own.
     */
    private Set<String> poolSchedules(Appointment booked) {
        Set<String> schedules = new LinkedHashSet<>();
        for (Reference slotReference : booked.getSlot()) {
            Slot slot =
                    read(Slot.class, "Slot", slotReference.getReferenceElement().getIdPart());
            if (slot == null || !slot.getSchedule().getReferenceElement().hasIdPart()) {
                continue;
            }
            String scheduleId = slot.getSchedule().getReferenceElement().getIdPart();
            schedules.add(scheduleId);
            Schedule schedule = read(Schedule.class, "Schedule", scheduleId);
            TokenParam specialty = token(slot.getSpecialty(), schedule == null ? List.of() : schedule.getSpecialty());
            TokenParam visitType = specialty != null
                    ? null
                    : token(slot.getServiceType(), schedule == null ? List.of() : schedule.getServiceType());
            if (specialty == null && visitType == null) {
                continue;
            }
            String location = schedule == null
                    ? null
                    : schedule.getActor().stream()
                            .map(Reference::getReferenceElement)
                            .filter(ref -> "Location".equals(ref.getResourceType()))
                            .map(ref -> ref.getIdPart())
                            .findFirst()
                            .orElse(null);
            pools.resolve(new PoolResolver.Criteria(specialty, visitType, location)).members().stream()
                    .flatMap(member -> member.schedules().keySet().stream())
                    .forEach(schedules::add);
        }
        return schedules;
    }

    /** The first coding of the Slot's concepts, else of the Schedule's, as a search token. */
    private static TokenParam token(List<CodeableConcept> ofSlot, List<CodeableConcept> ofSchedule) {
        for (List<CodeableConcept> concepts : List.of(ofSlot, ofSchedule)) {
            for (CodeableConcept concept : concepts) {
                for (var coding : concept.getCoding()) {
                    if (coding.hasSystem() && coding.hasCode()) {
                        return new TokenParam(coding.getSystem(), coding.getCode());
                    }
                }
            }
        }
        return null;
    }

    private static boolean cancelled(Appointment appointment) {
        AppointmentStatus status = appointment.getStatus();
        return status == AppointmentStatus.CANCELLED
                || status == AppointmentStatus.NOSHOW
                || status == AppointmentStatus.ENTEREDINERROR;
    }

    private <T extends Resource> T read(Class<T> type, String typeName, String id) {
        if (id == null) {
            return null;
        }
        try {
            return daoRegistry.getResourceDao(type).read(new IdType(typeName, id), new SystemRequestDetails());
        } catch (ResourceNotFoundException | ResourceGoneException e) {
            return null;
        }
    }
}

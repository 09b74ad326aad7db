package org.mediwox.scheduling.waitlist;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.dao.tx.IHapiTransactionService;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Appointment.AppointmentStatus;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.mediwox.plugin.vocabulary.BookingRefusal;
import org.mediwox.plugin.vocabulary.CancellationReason;
import org.mediwox.plugin.vocabulary.MediwoxExtensions;
import org.mediwox.scheduling.booking.Cancellation;
import org.mediwox.scheduling.rules.SchedulingErrors;

/**
 * Joining and ending the waiting list. An entry is an Appointment with status {@code waitlist}: the patient, the kind
 * of visit of the booked Appointment ({@code specialty}, {@code serviceType}, {@code priority} copied), {@code
 * requestedPeriod} from now to the booked start and the extension {@value MediwoxExtensions#WAITLIST_FOR} naming the
 * booked Appointment. It claims nothing. {@link WaitlistInterceptor} checks and indexes it on every write path.
 */
public class WaitlistService {

    private final DaoRegistry daoRegistry;
    private final IHapiTransactionService transactions;
    private final WaitlistEntries entries;
    private final Cancellation cancellation;
    private final Clock clock;

    WaitlistService(
            DaoRegistry daoRegistry,
            IHapiTransactionService transactions,
            WaitlistEntries entries,
            Cancellation cancellation,
            Clock clock) {
        this.daoRegistry = daoRegistry;
        this.transactions = transactions;
        this.entries = entries;
        this.cancellation = cancellation;
        this.clock = clock;
    }

    /**
     * Puts the patient of the booked Appointment on the waiting list for an earlier time; answers the entry (the one
     * already there when the patient had joined before).
     */
    public Appointment join(String bookedId, RequestDetails details) {
        return transactions.withRequest(details).execute(() -> {
            Appointment booked = read(bookedId, details);
            if (booked == null) {
                throw SchedulingErrors.notFound(
                        BookingRefusal.UNKNOWN_APPOINTMENT, "Appointment/" + bookedId + " is not known to this server");
            }
            List<String> existing = entries.entriesFor(bookedId);
            if (!existing.isEmpty()) {
                Appointment entry = read(existing.get(0), details);
                if (entry != null) {
                    return entry;
                }
            }
            return (Appointment) daoRegistry
                    .getResourceDao(Appointment.class)
                    .create(entryFor(booked), details)
                    .getResource();
        });
    }

    private Appointment entryFor(Appointment booked) {
        Appointment entry = new Appointment();
        entry.setStatus(AppointmentStatus.WAITLIST);
        entry.setCreated(Date.from(clock.instant()));
        booked.getServiceType().forEach(c -> entry.addServiceType(c.copy()));
        booked.getSpecialty().forEach(c -> entry.addSpecialty(c.copy()));
        if (booked.hasAppointmentType()) {
            entry.setAppointmentType(booked.getAppointmentType().copy());
        }
        if (booked.hasPriority()) {
            entry.setPriority(booked.getPriority());
        }
        if (booked.hasStart()) {
            entry.addRequestedPeriod(
                    new Period().setStart(Date.from(clock.instant())).setEnd(booked.getStart()));
        }
        booked.getParticipant().stream()
                .filter(p -> "Patient".equals(p.getActor().getReferenceElement().getResourceType()))
                .findFirst()
                .ifPresent(p -> entry.addParticipant()
                        .setActor(new Reference(p.getActor().getReference()))
                        .setStatus(Appointment.ParticipationStatus.ACCEPTED));
        entry.addExtension(
                MediwoxExtensions.WAITLIST_FOR,
                new Reference("Appointment/" + booked.getIdElement().getIdPart()));
        return entry;
    }

    /**
     * Ends an entry by itself (its booked Appointment was cancelled, moved or has started): cancelled with the coded
     * reason {@code waitlist-ended}. An offer it holds stays until it is booked or lapses.
     */
    void end(String entryId) {
        SystemRequestDetails system = new SystemRequestDetails();
        Appointment entry = read(entryId, system);
        if (entry == null || entry.getStatus() != AppointmentStatus.WAITLIST) {
            entries.remove(entryId);
            return;
        }
        cancellation.cancel(entry, CancellationReason.WAITLIST_ENDED, system);
    }

    /** Ends the entries whose booked Appointment has started, in batches; answers how many. */
    int endStarted() {
        return transactions.withSystemRequest().execute(() -> {
            List<String> started = entries.started(100);
            started.forEach(this::end);
            return started.size();
        });
    }

    private Appointment read(String id, RequestDetails details) {
        try {
            return daoRegistry.getResourceDao(Appointment.class).read(new IdType("Appointment", id), details);
        } catch (ResourceNotFoundException | ResourceGoneException e) {
            return null;
        }
    }
}

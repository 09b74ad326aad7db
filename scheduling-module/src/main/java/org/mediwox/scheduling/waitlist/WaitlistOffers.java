package org.mediwox.scheduling.waitlist;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.dao.tx.IHapiTransactionService;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Slot;
import org.hl7.fhir.r4.model.Slot.SlotStatus;
import org.mediwox.scheduling.booking.BookingClaims;
import org.mediwox.scheduling.booking.BookingService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Offers free earlier Slots to waiting patients. A Slot of an entry's pool that is free — cancelled, moved away from,
 * released by a lapsed or declined hold, created or set free — and starts after now and before the entry's booked
 * Appointment is held ({@code $hold}'s machinery, for {@code waitlist-offer-duration}) for ONE entry: urgent entries
 * first, then first come, first served; an entry is never offered the same Slot twice. When the hold lapses or is
 * declined (cancelled) the Slot is free again and the next sweep offers it to the next entry.
 *
 * <p>Race-safe between threads and nodes: the Slot is reserved for the transaction (an advisory lock, as {@code $book}
 * does) and the hold's claims refuse a second hold of it; an entry is taken by a conditional update ({@code offer_id is
 * null}) that a concurrent offerer waits for and then finds taken, so one entry never holds two offers. The sweep runs
 * every {@code hold-sweep-interval} on one node at a time (the ShedLock lock {@value #LOCK}).
 */
public class WaitlistOffers {

    private static final Logger log = LoggerFactory.getLogger(WaitlistOffers.class);
    /** The cluster-wide lock of the background sweep. */
    public static final String LOCK = "waitlist-offers";

    private static final int SLOTS_PER_SWEEP = 100;
    private static final int ENTRIES_TRIED_PER_SLOT = 20;

    private final IHapiTransactionService transactions;
    private final WaitlistEntries entries;
    private final WaitlistService waitlist;
    private final BookingService bookings;
    private final BookingClaims claims;
    private final DaoRegistry daoRegistry;
    private final Duration offerDuration;
    private final Clock clock;

    /** Public for the scheduler's proxy; built by {@link Waitlist#offers}. */
    public WaitlistOffers(
            IHapiTransactionService transactions,
            WaitlistEntries entries,
            WaitlistService waitlist,
            BookingService bookings,
            BookingClaims claims,
            DaoRegistry daoRegistry,
            Duration offerDuration,
            Clock clock) {
        this.transactions = transactions;
        this.entries = entries;
        this.waitlist = waitlist;
        this.bookings = bookings;
        this.claims = claims;
        this.daoRegistry = daoRegistry;
        this.offerDuration = offerDuration;
        this.clock = clock;
    }

    /**
     * The background sweep; a failed one is logged and the next interval tries again. The interval's default is
     * {@code SchedulingProperties}' (the annotation can only read the key itself).
     */
    @Scheduled(fixedDelayString = "${mediwox.scheduling.hold-sweep-interval:15s}")
    @SchedulerLock(name = LOCK, lockAtMostFor = "PT5M")
    public void sweep() {
        try {
            offerFreeSlots();
        } catch (RuntimeException e) {
            log.warn("Offering free slots to the waiting list failed; retrying at the next interval", e);
        }
    }

    /**
     * Ends the entries whose booked Appointment has started, then offers each free Slot some entry could take (earliest
     * first) to the first such entry. Answers how many offers were made.
     */
    public int offerFreeSlots() {
        waitlist.endStarted();
        List<String> slots = transactions.withSystemRequest().execute(() -> entries.offerableSlots(SLOTS_PER_SWEEP));
        int offered = 0;
        for (String slotId : slots) {
            if (offerSlot(slotId).isPresent()) {
                offered++;
            }
        }
        if (offered > 0) {
            log.info("Offered {} free slot(s) to the waiting list", offered);
        }
        return offered;
    }

    /**
     * Offers one free Slot to the first entry that can take it, in its own transaction: answers the id of the held
     * Appointment, or empty when the Slot is not free, another transaction is booking it, or no entry can take it.
     */
    public Optional<String> offerSlot(String slotId) {
        SystemRequestDetails system = new SystemRequestDetails();
        return transactions.withSystemRequest().execute(() -> {
            if (!claims.tryReserve(slotId)) {
                return Optional.<String>empty();
            }
            Slot slot = freeSlot(slotId, system);
            if (slot == null) {
                return Optional.<String>empty();
            }
            Instant start = slot.getStart().toInstant();
            String scheduleId = slot.getSchedule().getReferenceElement().getIdPart();
            for (WaitlistEntries.Entry entry : entries.candidates(scheduleId, start, slotId, ENTRIES_TRIED_PER_SLOT)) {
                if (!entries.take(entry.entryId())) {
                    continue; // another transaction has just made this entry an offer
                }
                Optional<Appointment> held = bookings.holdForWaitlist(
                        slot,
                        entry.patientId(),
                        entry.urgent(),
                        clock.instant().plus(offerDuration),
                        entry.bookedId(),
                        system);
                if (held.isPresent()) {
                    String offerId = held.get().getIdElement().getIdPart();
                    entries.offered(entry.entryId(), slotId, offerId);
                    log.info(
                            "Offered Slot/{} to waiting-list Appointment/{} as Appointment/{}",
                            slotId,
                            entry.entryId(),
                            offerId);
                    return Optional.of(offerId);
                }
                entries.refused(entry.entryId(), slotId);
            }
            return Optional.<String>empty();
        });
    }

    /** The Slot if it is free and still to come, else null. */
    private Slot freeSlot(String slotId, SystemRequestDetails system) {
        try {
            Slot slot = daoRegistry.getResourceDao(Slot.class).read(new IdType("Slot", slotId), system);
            boolean offerable = slot.getStatus() == SlotStatus.FREE
                    && slot.hasStart()
                    && slot.hasEnd()
                    && slot.getSchedule().getReferenceElement().hasIdPart()
                    && slot.getStart().toInstant().isAfter(clock.instant());
            return offerable ? slot : null;
        } catch (ResourceNotFoundException | ResourceGoneException e) {
            return null;
        }
    }
}

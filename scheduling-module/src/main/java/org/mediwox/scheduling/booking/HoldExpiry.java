package org.mediwox.scheduling.booking;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.dao.tx.IHapiTransactionService;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.List;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Appointment.AppointmentStatus;
import org.hl7.fhir.r4.model.IdType;
import org.mediwox.plugin.vocabulary.CancellationReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Frees lapsed holds: the Slot goes back to free and the pending Appointment becomes cancelled ("hold expired"). Also
 * purges expired idempotency keys. The background sweep runs every {@code mediwox.scheduling.hold-sweep-interval} on
 * one node of a cluster at a time (the lock {@value #LOCK}, when the host application enables ShedLock): one node's
 * sweep per interval is enough, and the others do not repeat the same queries. Should two sweeps still overlap (a
 * stalled node's lock ran out), each lapsed hold is taken by exactly one of them (row locks with SKIP LOCKED).
 */
public class HoldExpiry {

    private static final Logger log = LoggerFactory.getLogger(HoldExpiry.class);
    private static final int BATCH = 100;
    /** The cluster-wide lock of the background sweep. */
    public static final String LOCK = "hold-expiry";

    private final IHapiTransactionService transactions;
    private final BookingClaims claims;
    private final IdempotencyKeys idempotencyKeys;
    private final DaoRegistry daoRegistry;

    public HoldExpiry(
            IHapiTransactionService transactions,
            BookingClaims claims,
            IdempotencyKeys idempotencyKeys,
            DaoRegistry daoRegistry) {
        this.transactions = transactions;
        this.claims = claims;
        this.idempotencyKeys = idempotencyKeys;
        this.daoRegistry = daoRegistry;
    }

    /** The hold's Appointment, or null when it is gone. */
    private Appointment appointmentOf(BookingClaims.ExpiredHold hold, SystemRequestDetails system) {
        try {
            return daoRegistry
                    .getResourceDao(Appointment.class)
                    .read(new IdType("Appointment", hold.appointmentId()), system);
        } catch (ResourceGoneException | ResourceNotFoundException e) {
            return null;
        }
    }

    /**
     * The background sweep; a failed one (the database briefly away) is logged and the next interval tries again. The
     * interval's default is {@code SchedulingProperties}' (the annotation can only read the key itself).
     */
    @Scheduled(fixedDelayString = "${mediwox.scheduling.hold-sweep-interval:15s}")
    @SchedulerLock(name = LOCK, lockAtMostFor = "PT5M")
    public void sweep() {
        try {
            releaseLapsedHolds();
        } catch (RuntimeException e) {
            log.warn("Releasing lapsed holds failed; retrying at the next interval", e);
        }
    }

    /**
     * Releases lapsed holds: the pending Appointment becomes cancelled ("Hold expired"), and the booking rule frees its
     * Slot in the same transaction. Returns how many.
     */
    public int releaseLapsedHolds() {
        SystemRequestDetails system = new SystemRequestDetails();
        int released = transactions.withSystemRequest().execute(() -> {
            List<BookingClaims.ExpiredHold> expired = claims.takeExpiredHolds(BATCH);
            for (BookingClaims.ExpiredHold hold : expired) {
                Appointment appointment = appointmentOf(hold, system);
                if (appointment != null && appointment.getStatus() == AppointmentStatus.PENDING) {
                    appointment.setStatus(AppointmentStatus.CANCELLED);
                    Cancellation.code(appointment, CancellationReason.HOLD_EXPIRED);
                    daoRegistry.getResourceDao(Appointment.class).update(appointment, system);
                } else {
                    claims.release(hold.appointmentId()); // its Appointment is gone: nothing else holds the claim
                }
            }
            return expired.size();
        });
        if (released > 0) {
            log.info("Released {} lapsed hold(s)", released);
        }
        int purged = idempotencyKeys.purgeExpired();
        if (purged > 0) {
            log.info("Purged {} expired idempotency key(s)", purged);
        }
        return released;
    }
}

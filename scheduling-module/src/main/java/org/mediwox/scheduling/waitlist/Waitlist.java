package org.mediwox.scheduling.waitlist;

import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.dao.tx.IHapiTransactionService;
import java.time.Clock;
import java.time.Duration;
import org.mediwox.scheduling.assignment.PoolResolver;
import org.mediwox.scheduling.booking.BookingClaims;
import org.mediwox.scheduling.booking.BookingService;
import org.mediwox.scheduling.booking.Cancellation;
import org.springframework.jdbc.core.JdbcTemplate;

/** Builds the waiting list's parts for the auto-configuration; they share the package's table access. */
public final class Waitlist {

    private Waitlist() {}

    /** Joining and ending entries; registers the waiting list's rule on HAPI's interceptor service. */
    public static WaitlistService service(
            DaoRegistry daoRegistry,
            IHapiTransactionService transactions,
            JdbcTemplate jdbc,
            Cancellation cancellation,
            PoolResolver pools,
            IInterceptorService interceptors) {
        WaitlistEntries entries = new WaitlistEntries(jdbc);
        WaitlistService service =
                new WaitlistService(daoRegistry, transactions, entries, cancellation, Clock.systemUTC());
        interceptors.registerInterceptor(
                new WaitlistInterceptor(daoRegistry, entries, service, pools, Clock.systemUTC()));
        return service;
    }

    /** The job that offers free earlier Slots, held for {@code offerDuration}. */
    public static WaitlistOffers offers(
            WaitlistService waitlist,
            IHapiTransactionService transactions,
            JdbcTemplate jdbc,
            BookingService bookings,
            BookingClaims claims,
            DaoRegistry daoRegistry,
            Duration offerDuration) {
        return new WaitlistOffers(
                transactions,
                new WaitlistEntries(jdbc),
                waitlist,
                bookings,
                claims,
                daoRegistry,
                offerDuration,
                Clock.systemUTC());
    }
}

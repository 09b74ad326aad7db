package org.mediwox.server.booking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.dao.tx.IHapiTransactionService;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import javax.sql.DataSource;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.mediwox.scheduling.assignment.PoolResolver;
import org.mediwox.scheduling.assignment.RoundRobinCursor;
import org.mediwox.scheduling.availability.SlotSearch;
import org.mediwox.scheduling.booking.BookingClaims;
import org.mediwox.scheduling.booking.BookingService;
import org.mediwox.scheduling.booking.BookingService.BookRequest;
import org.mediwox.scheduling.booking.Cancellation;
import org.mediwox.scheduling.booking.ClaimDerivation;
import org.mediwox.scheduling.booking.IdempotencyKeys;
import org.mediwox.scheduling.booking.SlotBooker;
import org.mediwox.scheduling.booking.UrgentReserve;
import org.mediwox.scheduling.payer.CoverageCheck;
import org.mediwox.server.support.ServerIT;
import org.mediwox.server.support.TestPool;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reserved urgent capacity ({@code mediwox.scheduling.urgent-reserved-per-day}): routine bookings leave the last free
 * Slot of a provider's day alone, urgent ones take it. The booking service is assembled here from the running server's
 * beans with one reserved Slot a day, so the shared server keeps its default (no reserve) for the other tests.
 */
class UrgentReserveIT extends ServerIT {

    @Autowired
    private DaoRegistry daoRegistry;

    @Autowired
    private IHapiTransactionService transactions;

    @Autowired
    private IdempotencyKeys idempotencyKeys;

    @Autowired
    private PoolResolver pools;

    @Autowired
    private SlotSearch slotSearch;

    @Autowired
    private BookingClaims claims;

    @Autowired
    private ClaimDerivation derivation;

    @Autowired
    private Cancellation cancellation;

    @Autowired
    private DataSource dataSource;

    @Autowired
    private CoverageCheck coverageCheck;

    @Test
    void routineBookings_leaveTheReservedSlotOfTheDay_urgentOnesTakeIt() {
        TestPool pool = TestPool.create(client(), 1, 3, 4);
        // a zone in which the pool's three Slots (FIRST_SLOT + 0, 30, 60 minutes) fall on one day, starting at 00:00
        int hour = TestPool.FIRST_SLOT.atZone(ZoneOffset.UTC).getHour();
        ZoneOffset zone = ZoneOffset.ofHours(hour <= 12 ? -hour : 24 - hour);
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        BookingService reserving = new BookingService(
                daoRegistry,
                transactions,
                idempotencyKeys,
                pools,
                new RoundRobinCursor(jdbc),
                slotSearch,
                new SlotBooker(daoRegistry, claims, derivation, new UrgentReserve(1, zone, slotSearch, jdbc)),
                cancellation,
                claims,
                coverageCheck);

        Appointment first = book(reserving, pool, 0, false);
        Appointment second = book(reserving, pool, 1, false);
        assertThatThrownBy(() -> book(reserving, pool, 2, false))
                .isInstanceOf(ResourceVersionConflictException.class)
                .hasMessageContaining("No provider in pool");
        Appointment proposed = new Appointment().setStatus(Appointment.AppointmentStatus.PROPOSED);
        proposed.addSlot(new Reference("Slot/" + pool.slotIds().get(2)));
        proposed.addParticipant()
                .setActor(new Reference("Patient/" + pool.patientIds().get(2)))
                .setStatus(Appointment.ParticipationStatus.ACCEPTED);
        assertThatThrownBy(() -> reserving.book(
                        new BookRequest(
                                null,
                                proposed,
                                pool.patientIds().get(2),
                                null,
                                null,
                                null,
                                false,
                                false,
                                null,
                                null,
                                null,
                                null,
                                null),
                        new SystemRequestDetails()))
                .as("the reserved Slot chosen directly by a routine request")
                .isInstanceOfSatisfying(
                        ResourceVersionConflictException.class,
                        refused -> assertThat(((OperationOutcome) refused.getOperationOutcome())
                                        .getIssueFirstRep()
                                        .getDetails()
                                        .getCodingFirstRep()
                                        .getCode())
                                .isEqualTo("reserved-for-urgent"));
        Appointment urgent = book(reserving, pool, 3, true);

        assertThat(List.of(first, second, urgent))
                .extracting(a -> a.getSlotFirstRep().getReferenceElement().getIdPart())
                .containsExactly(
                        pool.slotIds().get(0),
                        pool.slotIds().get(1),
                        pool.slotIds().get(2));
    }

    private static Appointment book(BookingService service, TestPool pool, int patient, boolean urgent) {
        Instant now = Instant.now();
        BookRequest request = new BookRequest(
                null,
                null,
                pool.patientIds().get(patient),
                new PoolResolver.Criteria(new TokenParam(TestPool.SPECIALTY_SYSTEM, pool.specialty()), null, null),
                now,
                now.plus(Duration.ofDays(14)),
                urgent,
                true,
                null,
                null,
                null,
                null,
                null);
        return service.book(request, new SystemRequestDetails()).booked();
    }
}

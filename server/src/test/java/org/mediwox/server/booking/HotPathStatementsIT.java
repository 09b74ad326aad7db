package org.mediwox.server.booking;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.jpa.util.CircularQueueCaptureQueriesListener;
import ca.uhn.fhir.jpa.util.SqlQuery;
import ca.uhn.fhir.rest.api.MethodOutcome;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mediwox.server.support.ServerIT;
import org.mediwox.server.support.TestPool;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * How many SQL statements one request of each hot path sends from its request thread, against a budget: a change that
 * adds statements to a create, a read or a {@code $book} fails here and has to say why (HAPI's own tests count queries
 * the same way, with the same recorder). The budgets are the counts measured when this test was written; lower them
 * when a change saves statements. Work done off the request thread (the audit trail's batched inserts, outbox
 * delivery) is not counted, nor are the fetches of HAPI's Hibernate id sequences ({@code SEQ_*}): the pooled optimizer
 * takes a block of 50 ids at a time, so whether one request crosses a block boundary depends on what ran before it
 * (seen in CI: one {@code nextval('SEQ_RESLINK_ID')} more than the budget in a run of a different test order).
 */
class HotPathStatementsIT extends ServerIT {

    /** One {@code POST Patient} (2026-12-03): 4 inserts (resource, version, index rows), 1 update. */
    private static final int CREATE_BUDGET = 5;
    /** One {@code GET Patient/[id]}: 2 selects (the resource's row and its current version). */
    private static final int READ_BUDGET = 2;
    /**
     * One {@code $book} into a pool of three, after two warm-up bookings (2026-12-03): 17 selects, 10 inserts, 4
     * updates — the Patient (for its access check), the pool's turn, free Slots, the Slot's advisory lock, the Slot and
     * the PractitionerRole read, the claims taken under the request's token in one insert and handed to the
     * Appointment with one update, three reference look-ups HAPI makes for the Appointment (PractitionerRole,
     * Location, Practitioner), the Slot's new version and index rows, the Appointment and its index rows, three outbox
     * rows. Was 42 before the claims were written once (one statement per set) and the Patient and Slot passed to HAPI
     * as resolved. 32 since the workload read model (issue 23): one statement writes the new Appointment's fact and
     * its day counter (a new Appointment has no earlier facts to read). 33 since the day counters are written when the
     * transaction commits, all of its Appointments' at once in key order: written with each Appointment, two
     * transaction Bundles changing the same providers' visits in opposite orders deadlocked (found by
     * bench/analytics/exactness.py). 34 with a payer configured (issue 24; the test server has one): one search of
     * the patient's active Coverages after the booking commits, to know whether there is a payer to ask (this pool's
     * patients have none, so nothing more). Still 34 with the week segments of the workload read model (issue 23):
     * their rows are upserted in the same statement as the day counters, as a data-modifying {@code WITH}.
     */
    private static final int BOOK_BUDGET = 34;

    /** A block of ids for one of HAPI's entities ({@code select nextval('SEQ_RESOURCE_ID')} and the like). */
    private static final Pattern HIBERNATE_SEQUENCE_BLOCK =
            Pattern.compile("^\\s*select nextval\\('SEQ_\\w+'\\)", Pattern.CASE_INSENSITIVE);

    @Autowired
    private CircularQueueCaptureQueriesListener recorder;

    private BookingClient booking;

    @BeforeEach
    void bookingClient() {
        booking = new BookingClient(fhirBase(), fhirContext, token());
    }

    @Test
    void aPatientCreateStaysWithinItsStatementBudget() {
        client().create().resource(patient("warm-up")).execute();

        List<SqlQuery> statements =
                recorded(() -> client().create().resource(patient("counted")).execute());

        assertWithin(statements, CREATE_BUDGET, "POST Patient");
    }

    @Test
    void aPatientReadStaysWithinItsStatementBudget() {
        MethodOutcome created = client().create().resource(patient("read")).execute();
        client().read().resource(Patient.class).withId(created.getId()).execute();

        List<SqlQuery> statements = recorded(() ->
                client().read().resource(Patient.class).withId(created.getId()).execute());

        assertWithin(statements, READ_BUDGET, "GET Patient/[id]");
    }

    @Test
    void aPoolBookingStaysWithinItsStatementBudget() {
        TestPool pool = TestPool.create(client(), 3, 2, 3);
        // two warm-ups: the first booking registers the pool's turn sequence, the second finds it and remembers it
        for (int patient = 0; patient < 2; patient++) {
            assertThat(booking.book(
                                    BookingClient.poolRequest(pool.patientIds().get(patient), pool.specialtyToken()),
                                    null)
                            .status())
                    .isEqualTo(200);
        }

        List<SqlQuery> statements = recorded(() -> assertThat(
                        booking.book(BookingClient.poolRequest(pool.patientIds().get(2), pool.specialtyToken()), null)
                                .status())
                .isEqualTo(200));

        assertWithin(statements, BOOK_BUDGET, "$book");
    }

    private List<SqlQuery> recorded(Runnable request) {
        recorder.startCollecting(); // a fresh record
        try {
            request.run();
            // request threads only: the scheduler's audit drain and outbox polls run beside the request
            return recorder.getCapturedQueries().stream()
                    .filter(q -> q.getThreadName().contains("-exec-"))
                    .filter(q -> !HIBERNATE_SEQUENCE_BLOCK
                            .matcher(q.getSql(false, false))
                            .find())
                    .toList();
        } finally {
            recorder.stopCollecting();
        }
    }

    private static void assertWithin(List<SqlQuery> statements, int budget, String path) {
        Map<String, Long> byKind = new TreeMap<>(statements.stream()
                .collect(Collectors.groupingBy(
                        q -> q.getSql(false, false).trim().split("\\s+")[0].toLowerCase(), Collectors.counting())));
        String listing =
                statements.stream().map(q -> q.getSql(true, false)).collect(Collectors.joining("\n  ", "\n  ", ""));
        System.out.printf("statements of one %s: %d %s%n", path, statements.size(), byKind);
        assertThat(statements)
                .as("statements of one %s %s (budget %d):%s", path, byKind, budget, listing)
                .hasSizeLessThanOrEqualTo(budget);
    }

    private static Patient patient(String family) {
        Patient patient = new Patient();
        patient.addName().setFamily("Statements-" + family).addGiven("Ada");
        patient.setGender(org.hl7.fhir.r4.model.Enumerations.AdministrativeGender.FEMALE);
        return patient;
    }
}

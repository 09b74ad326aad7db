package org.mediwox.server.booking;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.hl7.fhir.r4.model.Appointment;
import org.junit.jupiter.api.Test;
import org.mediwox.server.booking.BookingClient.Answer;
import org.mediwox.server.support.Race;
import org.mediwox.server.support.SecondNode;
import org.mediwox.server.support.ServerIT;
import org.mediwox.server.support.TestPool;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two Mediwox nodes on one PostgreSQL (the shared test server and a second one started here against its database)
 * booking into the same pool at once: no Slot is booked twice, no provider has overlapping bookings, and the rotation
 * stays fair across the nodes because its cursor lives in the database.
 */
class TwoNodeBookingIT extends ServerIT {

    @Autowired
    private DataSource dataSource;

    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void twoNodesBookingIntoOnePool_neverDoubleBook_andKeepTheSpreadAtMostOne() {
        TestPool pool = TestPool.create(client(), 5, 30, 100);
        try (ConfigurableApplicationContext second = SecondNode.start(dataSource, fhirBase(), "node2")) {
            int secondPort =
                    ((WebServerApplicationContext) second).getWebServer().getPort();
            BookingClient nodeOne = new BookingClient(fhirBase(), fhirContext, token());
            BookingClient nodeTwo = new BookingClient(
                    "http://localhost:" + secondPort + "/fhir", second.getBean(FhirContext.class), token());

            List<Answer> answers = Race.run(
                    100,
                    i -> () -> (i % 2 == 0 ? nodeOne : nodeTwo)
                            .book(BookingClient.poolRequest(pool.patientIds().get(i), pool.specialtyToken()), null));

            assertThat(answers)
                    .allSatisfy(a -> assertThat(a.status()).as(a.body()).isEqualTo(200));
            List<Appointment> booked = answers.stream().map(Answer::appointment).toList();
            assertThat(booked.stream()
                            .map(a -> a.getSlotFirstRep().getReference())
                            .distinct())
                    .hasSize(100);
            Map<String, Long> perProvider = booked.stream()
                    .collect(Collectors.groupingBy(
                            a -> a.getParticipant().stream()
                                    .map(p -> p.getActor().getReference())
                                    .filter(r -> r.startsWith("PractitionerRole/"))
                                    .findFirst()
                                    .orElseThrow(),
                            Collectors.counting()));
            assertThat(BookingIT.spread(perProvider.values())).isLessThanOrEqualTo(1);
            // this test's bookings only: other tests may have overbooked on purpose (a clinician's override)
            String[] owners =
                    booked.stream().map(a -> a.getIdElement().getIdPart()).toArray(String[]::new);
            Integer overlaps = jdbc.queryForObject(
                    "select count(*) from mediwox.appointment_claim a join mediwox.appointment_claim b"
                            + " on a.kind = 'provider' and b.kind = 'provider' and a.subject = b.subject"
                            + " and a.owner < b.owner and a.during && b.during"
                            + " where a.owner = any(?) and b.owner = any(?)",
                    Integer.class,
                    owners,
                    owners);
            assertThat(overlaps).isZero();
        }
    }
}

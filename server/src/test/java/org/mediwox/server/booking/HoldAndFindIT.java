package org.mediwox.server.booking;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Appointment.AppointmentStatus;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Slot;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mediwox.plugin.vocabulary.CancellationReason;
import org.mediwox.scheduling.booking.HoldExpiry;
import org.mediwox.server.booking.BookingClient.Answer;
import org.mediwox.server.support.ServerIT;
import org.mediwox.server.support.TestPool;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** {@code $find} proposes free time; {@code $hold} takes it for a while; {@code $book} confirms a hold. */
class HoldAndFindIT extends ServerIT {

    @Autowired
    private HoldExpiry holdExpiry;

    @Autowired
    private JdbcTemplate jdbc;

    private BookingClient booking;

    @BeforeEach
    void bookingClient() {
        booking = new BookingClient(fhirBase(), fhirContext, token());
    }

    @Test
    void find_proposesFreeSlotsOfTheSpecialty_earliestFirst_andNeverATakenOne() {
        TestPool pool = TestPool.create(client(), 2, 3, 1);
        booking.book(
                BookingClient.slotRequest(
                        pool.patientIds().get(0), pool.slotIds().get(0)),
                null);

        Bundle proposals = find(pool, TestPool.FIRST_SLOT, TestPool.FIRST_SLOT.plus(Duration.ofDays(1)));

        assertThat(proposals.getEntry()).hasSize(5);
        assertThat(proposals.getEntry())
                .extracting(e -> ((Appointment) e.getResource()).getStatus())
                .containsOnly(AppointmentStatus.PROPOSED);
        assertThat(proposals.getEntry())
                .extracting(
                        e -> ((Appointment) e.getResource()).getSlotFirstRep().getReference())
                .doesNotContain("Slot/" + pool.slotIds().get(0));
        assertThat(proposals.getEntry())
                .extracting(e -> ((Appointment) e.getResource()).getStart())
                .isSorted();
    }

    @Test
    void find_byGet_returnsTheSameProposalsAsByPost() {
        TestPool pool = TestPool.create(client(), 1, 3, 0);
        Instant from = TestPool.FIRST_SLOT;
        Instant to = from.plus(Duration.ofDays(1));

        java.net.http.HttpResponse<String> get = send(request("/fhir/Appointment/$find?start=" + from + "&end=" + to
                        + "&specialty=" + pool.specialtyToken().replace("|", "%7C"))
                .GET());

        assertThat(get.statusCode()).as(get.body()).isEqualTo(200);
        Bundle byGet = fhirContext.newJsonParser().parseResource(Bundle.class, get.body());
        assertThat(byGet.getEntry())
                .extracting(
                        e -> ((Appointment) e.getResource()).getSlotFirstRep().getReference())
                .containsExactlyElementsOf(find(pool, from, to).getEntry().stream()
                        .map(e -> ((Appointment) e.getResource())
                                .getSlotFirstRep()
                                .getReference())
                        .toList());
    }

    @Test
    void heldAppointment_isBookedWithTheArgonautAppointmentIdParameter() {
        TestPool pool = TestPool.create(client(), 1, 1, 1);
        Appointment held = hold(firstProposalFor(pool)).appointment();
        Parameters argonaut = new Parameters();
        argonaut.addParameter().setName("appt-id").setValue(new org.hl7.fhir.r4.model.StringType(held.getIdPart()));
        argonaut.addParameter()
                .setName("patient-id")
                .setValue(new org.hl7.fhir.r4.model.StringType(pool.patientIds().get(0)));

        Answer booked = booking.book(argonaut, null);

        assertThat(booked.status()).as(booked.body()).isEqualTo(200);
        assertThat(booked.appointment().getIdPart()).isEqualTo(held.getIdPart());
        assertThat(booked.appointment().getStatus()).isEqualTo(AppointmentStatus.BOOKED);
    }

    @Test
    void hold_thenBook_confirmsTheSameSlot() {
        TestPool pool = TestPool.create(client(), 1, 2, 1);
        Appointment proposal = firstProposalFor(pool);

        Appointment held = hold(proposal).appointment();
        assertThat(held.getStatus()).isEqualTo(AppointmentStatus.PENDING);
        assertThat(readSlot(proposal.getSlotFirstRep()).getStatus()).isEqualTo(Slot.SlotStatus.BUSYTENTATIVE);

        Answer booked = booking.book(confirmation(held), null);

        assertThat(booked.status()).isEqualTo(200);
        assertThat(booked.appointment().getStatus()).isEqualTo(AppointmentStatus.BOOKED);
        assertThat(readSlot(proposal.getSlotFirstRep()).getStatus()).isEqualTo(Slot.SlotStatus.BUSY);
    }

    @Test
    void expiredHold_freesItsSlotByItself_andCannotBeBookedAnymore() {
        TestPool pool = TestPool.create(client(), 1, 1, 1);
        Appointment proposal = firstProposalFor(pool);
        Appointment held = hold(proposal).appointment();

        // the hold lapses (as if mediwox.scheduling.hold-duration had passed), then the sweeper runs
        jdbc.update(
                "update mediwox.appointment_claim set hold_expires_at = now() - interval '1 second' where owner = ?",
                held.getIdPart());
        holdExpiry.releaseLapsedHolds();

        assertThat(readSlot(proposal.getSlotFirstRep()).getStatus()).isEqualTo(Slot.SlotStatus.FREE);
        Appointment lapsed = client().read()
                .resource(Appointment.class)
                .withId(held.getIdPart())
                .execute();
        assertThat(lapsed.getStatus()).isEqualTo(AppointmentStatus.CANCELLED);
        assertThat(lapsed.getCancelationReason().getCoding())
                .anySatisfy(
                        coding -> assertThat(CancellationReason.HOLD_EXPIRED.is(coding.getSystem(), coding.getCode()))
                                .isTrue());
        assertThat(booking.book(confirmation(held), null).status()).isEqualTo(409);
    }

    /** The earliest proposal of the pool, for its first patient. */
    private Appointment firstProposalFor(TestPool pool) {
        Appointment proposal =
                (Appointment) find(pool, TestPool.FIRST_SLOT, TestPool.FIRST_SLOT.plus(Duration.ofDays(1)))
                        .getEntryFirstRep()
                        .getResource();
        proposal.addParticipant()
                .setActor(new Reference("Patient/" + pool.patientIds().get(0)))
                .setStatus(Appointment.ParticipationStatus.ACCEPTED);
        return proposal;
    }

    private static Parameters confirmation(Appointment held) {
        Parameters confirm = new Parameters();
        confirm.addParameter()
                .setName("appointment-reference")
                .setValue(new Reference("Appointment/" + held.getIdPart()));
        return confirm;
    }

    private Bundle find(TestPool pool, Instant from, Instant to) {
        Parameters parameters = new Parameters();
        parameters
                .addParameter()
                .setName("start")
                .setValue(new org.hl7.fhir.r4.model.DateTimeType(java.util.Date.from(from)));
        parameters
                .addParameter()
                .setName("end")
                .setValue(new org.hl7.fhir.r4.model.DateTimeType(java.util.Date.from(to)));
        parameters
                .addParameter()
                .setName("specialty")
                .setValue(new org.hl7.fhir.r4.model.StringType(pool.specialtyToken()));
        Answer answer = booking.post("/Appointment/$find", parameters, null);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.bundle();
    }

    private Answer hold(Appointment proposal) {
        Parameters parameters = new Parameters();
        parameters.addParameter().setName("appointment-resource").setResource(proposal);
        Answer answer = booking.post("/Appointment/$hold", parameters, null);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer;
    }

    private Slot readSlot(Reference slot) {
        return client().read()
                .resource(Slot.class)
                .withId(slot.getReferenceElement())
                .execute();
    }
}

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
import org.mediwox.server.support.SmartLogin;
import org.mediwox.server.support.TestPool;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** {@code $find} proposes free time; {@code $hold} takes it for a while; {@code $book} confirms a hold. */
class HoldAndFindIT extends ServerIT {

    @Autowired
    private HoldExpiry holdExpiry;

    @Autowired
    private JdbcTemplate jdbc;

    private static final String PATIENT_SCOPES = "launch/patient openid fhirUser patient/*.cruds";

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

    @Test
    void lapsedHold_isRefusedAsExpiredUntilSwept_thenAsNotHeld() {
        TestPool pool = TestPool.create(client(), 1, 1, 1);
        Appointment held = hold(firstProposalFor(pool)).appointment();
        jdbc.update(
                "update mediwox.appointment_claim set hold_expires_at = now() - interval '1 second' where owner = ?",
                held.getIdPart());

        Answer lapsed = booking.book(confirmation(held), null);
        holdExpiry.releaseLapsedHolds();
        Answer swept = booking.book(confirmation(held), null);

        assertThat(lapsed.status()).isEqualTo(409);
        assertThat(lapsed.code()).isEqualTo("hold-expired");
        assertThat(swept.status()).isEqualTo(409);
        assertThat(swept.code()).isEqualTo("not-held");
    }

    @Test
    void find_forAPatient_leavesOutTimesThePatientAlreadyHolds_andSaysHowMany() {
        // two providers, each with Slots at 10:00 and 10:30; the first patient is booked at 10:00 with the first
        // provider and has a stored proposed Appointment at 10:30
        TestPool pool = TestPool.create(client(), 2, 2, 2);
        String busy = pool.patientIds().get(0);
        String other = pool.patientIds().get(1);
        assertThat(booking.book(BookingClient.slotRequest(busy, pool.slotIds().get(0)), null)
                        .status())
                .isEqualTo(200);
        Appointment proposed = new Appointment().setStatus(AppointmentStatus.PROPOSED);
        proposed.setStart(java.util.Date.from(TestPool.FIRST_SLOT.plus(Duration.ofMinutes(30))))
                .setEnd(java.util.Date.from(TestPool.FIRST_SLOT.plus(Duration.ofMinutes(60))));
        proposed.addParticipant()
                .setActor(new Reference("Patient/" + busy))
                .setStatus(Appointment.ParticipationStatus.NEEDSACTION);
        client().create().resource(proposed).execute();
        Instant from = TestPool.FIRST_SLOT;
        Instant to = from.plus(Duration.ofDays(1));

        Bundle forBusy = find(pool, from, to, busy);
        Bundle forOther = find(pool, from, to, other);

        assertThat(proposals(forBusy))
                .as("no 10:00 (booked) and no 10:30 (proposed) for the first patient")
                .isEmpty();
        assertThat(forBusy.getTotal()).isZero();
        assertThat(BookingClient.codeOf(fhirContext, fhirContext.newJsonParser().encodeResourceToString(forBusy)))
                .isEqualTo("patient-busy");
        assertThat(fhirContext.newJsonParser().encodeResourceToString(forBusy))
                .contains("3 free time(s) in the window left out");
        assertThat(proposals(forOther))
                .extracting(a -> a.getSlotFirstRep().getReference())
                .containsExactlyInAnyOrder(
                        "Slot/" + pool.slotIds().get(2),
                        "Slot/" + pool.slotIds().get(1),
                        "Slot/" + pool.slotIds().get(3));
        assertThat(forOther.getTotal()).isEqualTo(3);
    }

    @Test
    void find_withAPatientsToken_leavesOutThatPatientsTimes_withoutAnInputNamingThem() {
        // Slots of two providers at one time no other test uses; John (demo patient-2) is booked with the first
        TestPool pool = TestPool.create(client(), 2, 0, 0);
        Instant at = Instant.now()
                .plus(Duration.ofDays(90))
                .truncatedTo(java.time.temporal.ChronoUnit.MINUTES)
                .plus(Duration.ofMinutes(System.nanoTime() % 10_000));
        String first = slotAt(pool, 0, at);
        String second = slotAt(pool, 1, at);
        String john = demoPatient("patient-2");
        assertThat(booking.book(BookingClient.slotRequest(john, first), null).status())
                .isEqualTo(200);
        String johns = SmartLogin.launchFor(serverRoot(), "john.smith@example.org", PATIENT_SCOPES, john)
                .get("access_token")
                .asText();
        String anas = SmartLogin.launch(serverRoot(), "ana.garcia@example.org", PATIENT_SCOPES)
                .get("access_token")
                .asText();
        String query =
                "/fhir/Appointment/$find?specialty=" + pool.specialtyToken().replace("|", "%7C") + "&start="
                        + at.minusSeconds(60) + "&end=" + at.plus(Duration.ofHours(1));

        java.net.http.HttpResponse<String> forJohn =
                send(anonymousRequest(query).header("Authorization", "Bearer " + johns));
        java.net.http.HttpResponse<String> forAna =
                send(anonymousRequest(query).header("Authorization", "Bearer " + anas));

        assertThat(forJohn.statusCode()).as(forJohn.body()).isEqualTo(200);
        assertThat(forJohn.body()).doesNotContain("Slot/" + second + "\"");
        assertThat(BookingClient.codeOf(fhirContext, forJohn.body())).isEqualTo("patient-busy");
        assertThat(forAna.statusCode()).as(forAna.body()).isEqualTo(200);
        assertThat(forAna.body()).contains("Slot/" + second + "\"");
        assertThat(BookingClient.codeOf(fhirContext, forAna.body())).isNull();
    }

    /** A free 30-minute Slot of the pool's provider at {@code start}; its id. */
    private String slotAt(TestPool pool, int provider, Instant start) {
        Bundle schedules = client().search()
                .byUrl("Schedule?actor=PractitionerRole/" + pool.roleIds().get(provider))
                .returnBundle(Bundle.class)
                .execute();
        Slot slot = new Slot().setStatus(Slot.SlotStatus.FREE);
        slot.setSchedule(new Reference("Schedule/"
                + schedules.getEntryFirstRep().getResource().getIdElement().getIdPart()));
        slot.addSpecialty().addCoding().setSystem(TestPool.SPECIALTY_SYSTEM).setCode(pool.specialty());
        slot.setStart(java.util.Date.from(start)).setEnd(java.util.Date.from(start.plus(Duration.ofMinutes(30))));
        return client().create().resource(slot).execute().getId().getIdPart();
    }

    private static java.util.List<Appointment> proposals(Bundle bundle) {
        return bundle.getEntry().stream()
                .filter(e -> e.getSearch().getMode() == Bundle.SearchEntryMode.MATCH)
                .map(e -> (Appointment) e.getResource())
                .toList();
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
        return find(pool, from, to, null);
    }

    private Bundle find(TestPool pool, Instant from, Instant to, String patient) {
        Parameters parameters = new Parameters();
        if (patient != null) {
            parameters.addParameter().setName("patient-reference").setValue(new Reference("Patient/" + patient));
        }
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

package org.mediwox.server.booking;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Appointment.AppointmentStatus;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Slot;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mediwox.plugin.vocabulary.CancellationReason;
import org.mediwox.plugin.vocabulary.MediwoxExtensions;
import org.mediwox.scheduling.booking.HoldExpiry;
import org.mediwox.scheduling.waitlist.WaitlistOffers;
import org.mediwox.server.booking.BookingClient.Answer;
import org.mediwox.server.support.Race;
import org.mediwox.server.support.ServerIT;
import org.mediwox.server.support.SmartLogin;
import org.mediwox.server.support.TestPool;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The waiting list: a patient waits for an earlier time for a booked Appointment; a free earlier Slot of the pool is
 * held for one waiting patient at a time (urgent first, then first come, first served), told to them, and taken with
 * one {@code $book}. Each test has a pool of its own, with Slots at times no other test uses.
 */
class WaitlistIT extends ServerIT {

    private static final String PATIENT_SCOPES = "launch/patient openid fhirUser patient/*.cruds";

    @Autowired
    private WaitlistOffers offers;

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
    void join_storesAWaitlistAppointment_forTheBookedOnesPool_untilItsStart_andLeavingIsCancellingIt() {
        TestPool pool = TestPool.create(client(), 1, 0, 1);
        List<String> slots = slots(pool, 1);
        String patient = pool.patientIds().get(0);
        Appointment booked = book(patient, slots.get(0), true);

        HttpResponse<String> joined = join(token(), booked.getIdPart());

        assertThat(joined.statusCode()).as(joined.body()).isEqualTo(200);
        Appointment entry = fhirContext.newJsonParser().parseResource(Appointment.class, joined.body());
        assertThat(entry.getStatus()).isEqualTo(AppointmentStatus.WAITLIST);
        assertThat(entry.getSlot()).isEmpty();
        assertThat(entry.getPriority()).as("urgency copied").isEqualTo(1);
        assertThat(waitlistFor(entry)).isEqualTo(booked.getIdPart());
        assertThat(entry.getRequestedPeriodFirstRep().getEnd()).isEqualTo(booked.getStart());
        assertThat(entry.getParticipantFirstRep().getActor().getReference()).isEqualTo("Patient/" + patient);
        assertThat(entry.getSpecialtyFirstRep().getCodingFirstRep().getCode()).isEqualTo(pool.specialty());
        HttpResponse<String> again = join(token(), booked.getIdPart());
        assertThat(fhirContext
                        .newJsonParser()
                        .parseResource(Appointment.class, again.body())
                        .getIdPart())
                .as("joining twice answers the same entry")
                .isEqualTo(entry.getIdPart());
        assertThat(listed(entry.getIdPart())).isTrue();

        assertThat(cancel(entry.getIdPart()).statusCode()).isEqualTo(200);

        assertThat(read(entry.getIdPart()).getStatus()).isEqualTo(AppointmentStatus.CANCELLED);
        assertThat(listed(entry.getIdPart())).isFalse();
    }

    @Test
    void freedEarlierSlot_isOfferedToTheUrgentPatientFirst_thenWhenTheHoldLapses_toTheEarlierJoinedRoutineOne() {
        TestPool pool = TestPool.create(client(), 1, 0, 3);
        List<String> slots = slots(pool, 3);
        String other = pool.patientIds().get(0);
        String routine = pool.patientIds().get(1);
        String urgent = pool.patientIds().get(2);
        Appointment early = book(other, slots.get(0), false);
        Appointment routineBooked = book(routine, slots.get(1), false);
        Appointment urgentBooked = book(urgent, slots.get(2), true);
        assertThat(join(token(), routineBooked.getIdPart()).statusCode()).isEqualTo(200);
        assertThat(join(token(), urgentBooked.getIdPart()).statusCode()).isEqualTo(200);

        cancel(early.getIdPart());
        offers.offerFreeSlots();

        Appointment toUrgent = singleOffer(urgent);
        assertThat(toUrgent.getSlotFirstRep().getReference()).isEqualTo("Slot/" + slots.get(0));
        assertThat(waitlistFor(toUrgent)).isEqualTo(urgentBooked.getIdPart());
        assertThat(toUrgent.getPriority()).isEqualTo(1);
        assertThat(toUrgent.getExtensionByUrl(MediwoxExtensions.HOLD_EXPIRY)).isNotNull();
        assertThat(slot(slots.get(0)).getStatus()).isEqualTo(Slot.SlotStatus.BUSYTENTATIVE);
        assertThat(offersTo(routine)).as("one waiting patient at a time").isEmpty();

        lapse(toUrgent.getIdPart());
        holdExpiry.releaseLapsedHolds();
        offers.offerFreeSlots();

        Appointment toRoutine = singleOffer(routine);
        assertThat(toRoutine.getSlotFirstRep().getReference()).isEqualTo("Slot/" + slots.get(0));
        assertThat(waitlistFor(toRoutine)).isEqualTo(routineBooked.getIdPart());
        assertThat(offersTo(urgent)).as("the lapsed offer is not made again").isEmpty();

        assertThat(cancel(toRoutine.getIdPart()).statusCode()).as("declined").isEqualTo(200);
        offers.offerFreeSlots();

        assertThat(offersTo(urgent)).as("nobody is offered the same Slot twice").isEmpty();
        assertThat(offersTo(routine)).isEmpty();
        assertThat(slot(slots.get(0)).getStatus()).isEqualTo(Slot.SlotStatus.FREE);
    }

    @Test
    void patientTakesTheOffer_withOneBookByTheirToken_movingTheAppointment_andTheEntryEnds() {
        TestPool pool = TestPool.create(client(), 1, 0, 1);
        List<String> slots = slots(pool, 2);
        String john = demoPatient("patient-2");
        String johns = patientToken("john.smith@example.org", john);
        Appointment early = book(pool.patientIds().get(0), slots.get(0), false);
        Appointment later = book(john, slots.get(1), false);
        HttpResponse<String> joined = join(johns, later.getIdPart());
        assertThat(joined.statusCode()).as(joined.body()).isEqualTo(200);
        String entry = fhirContext
                .newJsonParser()
                .parseResource(Appointment.class, joined.body())
                .getIdPart();
        cancel(early.getIdPart());
        offers.offerFreeSlots();
        Appointment offer = singleOffer(john);

        Parameters accept = new Parameters();
        accept.addParameter()
                .setName("appointment-reference")
                .setValue(new Reference("Appointment/" + offer.getIdPart()));
        accept.addParameter().setName("cancelled-appt-id").setValue(new Reference("Appointment/" + later.getIdPart()));
        Answer moved = new BookingClient(fhirBase(), fhirContext, johns).book(accept, null);

        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
        assertThat(moved.appointment().getIdPart()).isEqualTo(offer.getIdPart());
        assertThat(moved.appointment().getStatus()).isEqualTo(AppointmentStatus.BOOKED);
        assertThat(slot(slots.get(0)).getStatus()).isEqualTo(Slot.SlotStatus.BUSY);
        Appointment old = read(later.getIdPart());
        assertThat(old.getStatus()).isEqualTo(AppointmentStatus.CANCELLED);
        assertThat(coded(old, CancellationReason.RESCHEDULED)).isTrue();
        Appointment ended = read(entry);
        assertThat(ended.getStatus()).isEqualTo(AppointmentStatus.CANCELLED);
        assertThat(coded(ended, CancellationReason.WAITLIST_ENDED)).isTrue();
        assertThat(listed(entry)).isFalse();
    }

    @Test
    void patientToken_cannotJoinTheWaitingList_forAnotherPatientsAppointment() {
        TestPool pool = TestPool.create(client(), 1, 0, 1);
        List<String> slots = slots(pool, 1);
        Appointment someoneElses = book(pool.patientIds().get(0), slots.get(0), false);
        String johns = patientToken("john.smith@example.org", demoPatient("patient-2"));

        HttpResponse<String> refused = join(johns, someoneElses.getIdPart());

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
        assertThat(refused.body()).contains("OperationOutcome").doesNotContain("Exception");
        assertThat(jdbc.queryForObject(
                        "select count(*) from mediwox.waitlist_entry where booked_id = ?",
                        Integer.class,
                        someoneElses.getIdPart()))
                .isZero();
    }

    @Test
    void twoSlotsFreedAtOnce_forOneWaitingPatient_makeExactlyOneOffer() {
        for (int round = 0; round < 3; round++) {
            TestPool pool = TestPool.create(client(), 1, 0, 3);
            List<String> slots = slots(pool, 3);
            String waiting = pool.patientIds().get(2);
            Appointment first = book(pool.patientIds().get(0), slots.get(0), false);
            Appointment second = book(pool.patientIds().get(1), slots.get(1), false);
            Appointment later = book(waiting, slots.get(2), false);
            assertThat(join(token(), later.getIdPart()).statusCode()).isEqualTo(200);
            cancel(first.getIdPart());
            cancel(second.getIdPart());

            List<Optional<String>> made = Race.run(2, i -> () -> offers.offerSlot(slots.get(i)));

            assertThat(made.stream().filter(Optional::isPresent).count())
                    .as("round %d: at most one of the two racing offers", round)
                    .isLessThanOrEqualTo(1);
            singleOffer(waiting);
            assertThat(jdbc.queryForObject(
                            "select count(*) from mediwox.waitlist_offer o join mediwox.waitlist_entry e"
                                    + " using (entry_id) where e.booked_id = ? and o.offer_id is not null",
                            Integer.class,
                            later.getIdPart()))
                    .isEqualTo(1);
        }
    }

    @Test
    void offer_isToldToASpanishPatient_inSpanish_byEmailAndSms_withTheLinkToTheOffer() {
        TestPool pool = TestPool.create(client(), 1, 0, 1);
        List<String> slots = slots(pool, 2);
        String lucia = spanishPatient();
        Appointment early = book(pool.patientIds().get(0), slots.get(0), false);
        Appointment later = book(lucia, slots.get(1), false);
        assertThat(join(token(), later.getIdPart()).statusCode()).isEqualTo(200);

        cancel(early.getIdPart());
        offers.offerFreeSlots();

        Appointment offer = singleOffer(lucia);
        List<Map<String, Object>> told = jdbc.queryForList(
                "select channel, language, subject, body from mediwox.notification_outbox"
                        + " where appointment_id = ? and event = 'offered' order by channel",
                offer.getIdPart());
        assertThat(told).extracting(row -> row.get("channel")).containsExactly("email", "sms");
        assertThat(told).allSatisfy(row -> {
            assertThat(row.get("language")).isEqualTo("es");
            assertThat((String) row.get("body")).contains("#/appointments/" + later.getIdPart() + "/offer");
        });
        assertThat(told.get(0).get("subject")).isEqualTo("Hay una hora antes libre para usted");
        assertThat((String) told.get(0).get("body")).contains("Hola Lucía").contains("Se lo reservamos hasta las");
    }

    // --- helpers

    /** {@code count} free 30-minute Slots of the pool's provider, an hour apart, at times no other test uses. */
    private List<String> slots(TestPool pool, int count) {
        Bundle schedules = client().search()
                .byUrl("Schedule?actor=PractitionerRole/" + pool.roleIds().get(0))
                .returnBundle(Bundle.class)
                .execute();
        String schedule =
                schedules.getEntryFirstRep().getResource().getIdElement().getIdPart();
        Instant first = Instant.now()
                .plus(Duration.ofDays(120))
                .truncatedTo(ChronoUnit.MINUTES)
                .plus(Duration.ofMinutes(Math.floorMod(UUID.randomUUID().getLeastSignificantBits(), 200_000L)));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Instant start = first.plus(Duration.ofHours(i));
            Slot slot = new Slot().setStatus(Slot.SlotStatus.FREE);
            slot.setSchedule(new Reference("Schedule/" + schedule));
            slot.addSpecialty().addCoding().setSystem(TestPool.SPECIALTY_SYSTEM).setCode(pool.specialty());
            slot.setStart(Date.from(start)).setEnd(Date.from(start.plus(Duration.ofMinutes(30))));
            ids.add(client().create().resource(slot).execute().getId().getIdPart());
        }
        return ids;
    }

    private Appointment book(String patient, String slot, boolean urgent) {
        Parameters request = BookingClient.slotRequest(patient, slot);
        if (urgent) {
            request.addParameter().setName("priority").setValue(new org.hl7.fhir.r4.model.StringType("urgent"));
        }
        Answer booked = booking.book(request, null);
        assertThat(booked.status()).as(booked.body()).isEqualTo(200);
        return booked.appointment();
    }

    private HttpResponse<String> join(String accessToken, String bookedId) {
        return send(anonymousRequest("/fhir/Appointment/" + bookedId + "/$waitlist")
                .header("Authorization", "Bearer " + accessToken)
                .header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"resourceType\":\"Parameters\"}")));
    }

    private HttpResponse<String> cancel(String appointmentId) {
        HttpResponse<String> cancelled = send(request("/fhir/Appointment/" + appointmentId + "/$cancel")
                .header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"resourceType\":\"Parameters\"}")));
        assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
        return cancelled;
    }

    /** The patient's open waiting-list offers: held Appointments naming a booked one. */
    private List<Appointment> offersTo(String patient) {
        Bundle held = client().search()
                .byUrl("Appointment?actor=Patient/" + patient + "&status=pending")
                .returnBundle(Bundle.class)
                .execute();
        return held.getEntry().stream()
                .map(e -> (Appointment) e.getResource())
                .filter(a -> waitlistFor(a) != null)
                .toList();
    }

    /**
     * The one offer to the patient; waits for it, as the background sweeps (every 15 s) may be releasing the hold or
     * making the offer while the test's own call found them busy with it.
     */
    private Appointment singleOffer(String patient) {
        List<Appointment> offered = await(() -> offersTo(patient), 1, Duration.ofSeconds(40));
        assertThat(offered).as("offers to Patient/" + patient).hasSize(1);
        return offered.get(0);
    }

    /** The offer's hold lapses (as if waitlist-offer-duration had passed). */
    private void lapse(String offerId) {
        jdbc.update(
                "update mediwox.appointment_claim set hold_expires_at = now() - interval '1 second' where owner = ?",
                offerId);
    }

    private boolean listed(String entryId) {
        return jdbc.queryForObject(
                        "select count(*) from mediwox.waitlist_entry where entry_id = ?", Integer.class, entryId)
                == 1;
    }

    private static String waitlistFor(Appointment appointment) {
        var extension = appointment.getExtensionByUrl(MediwoxExtensions.WAITLIST_FOR);
        return extension == null
                ? null
                : ((Reference) extension.getValue()).getReferenceElement().getIdPart();
    }

    private static boolean coded(Appointment appointment, CancellationReason reason) {
        return appointment.getCancelationReason().getCoding().stream()
                .anyMatch(c -> reason.is(c.getSystem(), c.getCode()));
    }

    private Appointment read(String id) {
        return client().read().resource(Appointment.class).withId(id).execute();
    }

    private Slot slot(String id) {
        return client().read().resource(Slot.class).withId(id).execute();
    }

    private String patientToken(String username, String patientId) {
        return SmartLogin.launchFor(serverRoot(), username, PATIENT_SCOPES, patientId)
                .get("access_token")
                .asText();
    }

    /** A Patient who prefers Spanish, with an email address and a mobile number. */
    private String spanishPatient() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Patient patient = new Patient();
        patient.addName().setFamily("Espera-" + tag).addGiven("Lucía");
        patient.addTelecom().setSystem(ContactPoint.ContactPointSystem.EMAIL).setValue(tag + "@example.org");
        patient.addTelecom()
                .setSystem(ContactPoint.ContactPointSystem.PHONE)
                .setUse(ContactPoint.ContactPointUse.MOBILE)
                .setValue("+1202" + (1_000_000 + Math.abs(tag.hashCode() % 8_999_999)));
        patient.addCommunication()
                .setPreferred(true)
                .setLanguage(new CodeableConcept().addCoding(new Coding("urn:ietf:bcp:47", "es", null)));
        return client().create().resource(patient).execute().getId().getIdPart();
    }
}

package org.mediwox.server.booking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Appointment.AppointmentStatus;
import org.hl7.fhir.r4.model.Appointment.ParticipationStatus;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Slot;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mediwox.plugin.vocabulary.CancellationReason;
import org.mediwox.plugin.vocabulary.MediwoxExtensions;
import org.mediwox.server.booking.BookingClient.Answer;
import org.mediwox.server.support.Race;
import org.mediwox.server.support.ServerIT;
import org.mediwox.server.support.TestPool;
import org.mediwox.server.validation.ProfileValidator;

/** {@code $book}: fair assignment into a pool, exactly one winner per Slot, idempotent retries, atomic reschedule. */
class BookingIT extends ServerIT {

    private BookingClient booking;

    @org.springframework.beans.factory.annotation.Autowired
    private org.springframework.jdbc.core.JdbcTemplate jdbc;

    @org.springframework.beans.factory.annotation.Autowired
    private ProfileValidator profileValidator;

    @BeforeEach
    void bookingClient() {
        booking = new BookingClient(fhirBase(), fhirContext, token());
    }

    @Test
    void bookIntoPool_assignsTheProviderAtTheCursor_marksTheSlotBusy_andExplainsWhy() {
        TestPool pool = TestPool.create(client(), 3, 4, 1);

        Answer answer = booking.book(BookingClient.poolRequest(pool.patientIds().get(0), pool.specialtyToken()), null);

        assertThat(answer.status()).isEqualTo(200);
        Appointment booked = answer.appointment();
        assertThat(booked.getStatus()).isEqualTo(AppointmentStatus.BOOKED);
        assertThat(booked.getParticipant())
                .allSatisfy(p -> assertThat(p.getStatus()).isEqualTo(ParticipationStatus.ACCEPTED));
        assertThat(booked.getParticipant())
                .extracting(p -> p.getActor().getReference())
                .contains(
                        "Patient/" + pool.patientIds().get(0),
                        "PractitionerRole/" + pool.roleIds().get(0));
        Extension explanation = explanation(stored(booked));
        assertThat(explanation.getExtensionString("method")).isEqualTo("rotation");
        assertThat(explanation.getExtensionString("pool")).contains(pool.specialtyToken());
        assertThat(integer(explanation, "poolSize")).isEqualTo(3);
        assertThat(integer(explanation, "turn")).isZero();
        assertThat(integer(explanation, "position")).isEqualTo(1);
        assertThat(reference(explanation, "assigned"))
                .isEqualTo("PractitionerRole/" + pool.roleIds().get(0));
        assertThat(explanation.getExtensionsByUrl("skipped")).isEmpty();
        assertThat(explanation.getExtensionString("text"))
                .isEqualTo(answer.explanation())
                .startsWith("Rotation turn 0 of pool ")
                .contains(pool.roleIds().get(0));
        assertThat(profileValidator.errors(stored(booked))).isEmpty();
        Slot slot = client().read()
                .resource(Slot.class)
                .withId(booked.getSlotFirstRep().getReferenceElement())
                .execute();
        assertThat(slot.getStatus()).isEqualTo(Slot.SlotStatus.BUSY);
    }

    @Test
    void urgentPoolBooking_takesTheEarliestFreeSlotInThePool_outsideTheRotation() {
        TestPool pool = TestPool.create(client(), 3, 3, 3);
        // the first Slots of providers 0 and 1 are taken; provider 2's first Slot, at the same time, is the earliest
        bookSlot(pool, 1, 0);
        bookSlot(pool, 2, 3);
        Parameters urgent = BookingClient.poolRequest(pool.patientIds().get(0), pool.specialtyToken());
        urgent.addParameter().setName("priority").setValue(new StringType("urgent"));

        Answer answer = booking.book(urgent, null);

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        Appointment booked = answer.appointment();
        assertThat(booked.getSlotFirstRep().getReference())
                .isEqualTo("Slot/" + pool.slotIds().get(6));
        assertThat(booked.getStart().toInstant()).isEqualTo(TestPool.FIRST_SLOT);
        assertThat(booked.getPriority()).isEqualTo(1);
        assertThat(answer.explanation()).startsWith("Urgent request");
        Extension explanation = explanation(stored(booked));
        assertThat(explanation.getExtensionString("method")).isEqualTo("urgent-earliest");
        assertThat(reference(explanation, "assigned"))
                .isEqualTo("PractitionerRole/" + pool.roleIds().get(2));
        assertThat(explanation.getExtensionByUrl("turn")).isNull();
        assertThat(explanation.getExtensionByUrl("position")).isNull();
    }

    @Test
    void bookIntoPool_providerAtTheCursorHasNoFreeSlot_explainsTheSkipWithItsReason() {
        TestPool pool = TestPool.create(client(), 3, 1, 2);
        bookSlot(pool, 1, 0); // provider 0's only Slot

        Answer answer = booking.book(BookingClient.poolRequest(pool.patientIds().get(0), pool.specialtyToken()), null);

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        Extension explanation = explanation(stored(answer.appointment()));
        assertThat(integer(explanation, "turn")).isZero();
        assertThat(integer(explanation, "position")).isEqualTo(1);
        assertThat(reference(explanation, "assigned"))
                .isEqualTo("PractitionerRole/" + pool.roleIds().get(1));
        assertThat(explanation.getExtensionsByUrl("skipped")).singleElement().satisfies(skipped -> {
            assertThat(reference(skipped, "provider"))
                    .isEqualTo("PractitionerRole/" + pool.roleIds().get(0));
            assertThat(skipped.getExtensionString("reason")).isEqualTo("no-free-slot");
            assertThat(skipped.getExtensionByUrl("slot")).isNull();
        });
        assertThat(explanation.getExtensionString("text")).endsWith(", 1 provider(s) later in rotation");
        assertThat(answer.bundle().getEntry().stream()
                        .map(Bundle.BundleEntryComponent::getResource)
                        .filter(OperationOutcome.class::isInstance)
                        .flatMap(o -> ((OperationOutcome) o).getIssue().stream())
                        .map(OperationOutcome.OperationOutcomeIssueComponent::getDiagnostics))
                .containsExactly(
                        explanation.getExtensionString("text"),
                        "Skipped PractitionerRole/" + pool.roleIds().get(0)
                                + " (Provider 0): no free slot in the window");
        assertThat(profileValidator.errors(stored(answer.appointment()))).isEmpty();
    }

    @Test
    void bookIntoPool_patientBusyAtTheEarliestSlot_explainsTheSlotNotTaken() {
        TestPool pool = TestPool.create(client(), 2, 2, 1);
        bookSlot(pool, 0, 2); // the patient, with provider 1, at the first time

        Answer answer = booking.book(BookingClient.poolRequest(pool.patientIds().get(0), pool.specialtyToken()), null);

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.appointment().getSlotFirstRep().getReference())
                .isEqualTo("Slot/" + pool.slotIds().get(1));
        Extension explanation = explanation(stored(answer.appointment()));
        assertThat(reference(explanation, "assigned"))
                .isEqualTo("PractitionerRole/" + pool.roleIds().get(0));
        assertThat(explanation.getExtensionsByUrl("skipped")).singleElement().satisfies(skipped -> {
            assertThat(reference(skipped, "provider"))
                    .isEqualTo("PractitionerRole/" + pool.roleIds().get(0));
            assertThat(skipped.getExtensionString("reason")).isEqualTo("patient-busy");
            assertThat(reference(skipped, "slot"))
                    .isEqualTo("Slot/" + pool.slotIds().get(0));
        });
        assertThat(explanation.getExtensionString("text")).doesNotContain("later in rotation");
    }

    @Test
    void book_fiftyConcurrentRequestsForOneSlot_exactlyOneSucceeds_restGet409NamingTheSlot() {
        TestPool pool = TestPool.create(client(), 1, 1, 50);
        String slotId = pool.slotIds().get(0);

        List<Answer> answers = Race.run(
                50,
                i -> () ->
                        booking.book(BookingClient.slotRequest(pool.patientIds().get(i), slotId), null));

        assertThat(answers).filteredOn(a -> a.status() == 200).hasSize(1);
        assertThat(answers).filteredOn(a -> a.status() != 200).allSatisfy(a -> {
            assertThat(a.status()).isEqualTo(409);
            assertThat(a.body()).contains("OperationOutcome").contains("Slot/" + slotId);
        });
        assertThat(countAppointmentsOnSlot(slotId)).isEqualTo(1);
    }

    @Test
    void bookIntoPool_twoHundredConcurrentRequestsOverFiveProviders_distinctSlots_andSpreadAtMostOne() {
        TestPool pool = TestPool.create(client(), 5, 50, 200);

        List<Answer> answers = Race.run(
                200,
                i -> () ->
                        booking.book(BookingClient.poolRequest(pool.patientIds().get(i), pool.specialtyToken()), null));

        assertThat(answers).allSatisfy(a -> assertThat(a.status()).as(a.body()).isEqualTo(200));
        List<Appointment> booked = answers.stream().map(Answer::appointment).toList();
        assertThat(booked.stream().map(a -> a.getSlotFirstRep().getReference()).distinct())
                .hasSize(200);
        Map<String, Long> perProvider =
                booked.stream().collect(Collectors.groupingBy(BookingIT::role, Collectors.counting()));
        assertThat(perProvider).hasSize(5);
        assertThat(spread(perProvider.values())).isLessThanOrEqualTo(1);
    }

    @Test
    void bookIntoPool_poolLargerThanASearchPage_everyProviderTakesTheirTurn() {
        // more providers than the default page size (20): the rotation must reach all of them
        TestPool pool = TestPool.create(client(), 27, 1, 27);

        List<Answer> answers = new java.util.ArrayList<>();
        for (String patient : pool.patientIds()) {
            answers.add(booking.book(BookingClient.poolRequest(patient, pool.specialtyToken()), null));
        }

        assertThat(answers).allSatisfy(a -> assertThat(a.status()).as(a.body()).isEqualTo(200));
        assertThat(answers.stream().map(a -> role(a.appointment())).distinct()).hasSize(27);
    }

    @Test
    void sameIdempotencyKey_sentTwentyTimesConcurrently_booksOneAppointment() {
        TestPool pool = TestPool.create(client(), 2, 5, 1);
        Parameters request = BookingClient.poolRequest(pool.patientIds().get(0), pool.specialtyToken());
        String key = UUID.randomUUID().toString();

        List<Answer> answers = Race.run(20, i -> () -> booking.book(request, key));

        assertThat(answers).allSatisfy(a -> assertThat(a.status()).as(a.body()).isEqualTo(200));
        assertThat(answers.stream()
                        .map(a -> a.appointment().getIdElement().getIdPart())
                        .distinct())
                .hasSize(1);
        assertThat(client().search()
                        .byUrl("Appointment?actor=Patient/" + pool.patientIds().get(0))
                        .returnBundle(org.hl7.fhir.r4.model.Bundle.class)
                        .execute()
                        .getEntry())
                .hasSize(1);
    }

    @Test
    void sameIdempotencyKey_withADifferentRequest_isRefusedWith422() {
        TestPool pool = TestPool.create(client(), 1, 3, 2);
        String key = UUID.randomUUID().toString();
        booking.book(BookingClient.poolRequest(pool.patientIds().get(0), pool.specialtyToken()), key);

        Answer other = booking.book(BookingClient.poolRequest(pool.patientIds().get(1), pool.specialtyToken()), key);

        assertThat(other.status()).isEqualTo(422);
        assertThat(other.body()).contains("Idempotency-Key").contains("different request");
    }

    @Test
    void expiredIdempotencyKey_canBeUsedForANewRequest() {
        TestPool pool = TestPool.create(client(), 1, 3, 2);
        String key = UUID.randomUUID().toString();
        booking.book(BookingClient.poolRequest(pool.patientIds().get(0), pool.specialtyToken()), key);
        // as if mediwox.scheduling.idempotency-key-retention had passed
        jdbc.update(
                "update mediwox.idempotency_key set expires_at = now() - interval '1 second' where idempotency_key = ?",
                key);

        Answer other = booking.book(BookingClient.poolRequest(pool.patientIds().get(1), pool.specialtyToken()), key);

        assertThat(other.status()).as(other.body()).isEqualTo(200);
    }

    @Test
    void reschedule_toASlotThatIsTaken_failsAndLeavesTheOldBookingIntact() {
        TestPool pool = TestPool.create(client(), 1, 3, 2);
        String patient = pool.patientIds().get(0);
        Appointment original = booking.book(
                        BookingClient.slotRequest(patient, pool.slotIds().get(0)), null)
                .appointment();
        bookSlot(pool, 1, 1);

        Parameters reschedule =
                BookingClient.slotRequest(patient, pool.slotIds().get(1));
        reschedule.addParameter().setName("cancelled-appt-id").setValue(new StringType(original.getIdPart()));
        Answer failed = booking.book(reschedule, null);

        assertThat(failed.status()).isEqualTo(409);
        assertThat(readAppointment(original.getIdPart()).getStatus()).isEqualTo(AppointmentStatus.BOOKED);
        assertThat(readSlot(pool.slotIds().get(0)).getStatus()).isEqualTo(Slot.SlotStatus.BUSY);
    }

    @Test
    void reschedule_toAFreeSlot_cancelsTheOldAndBooksTheNewTogether() {
        TestPool pool = TestPool.create(client(), 1, 3, 1);
        String patient = pool.patientIds().get(0);
        Appointment original = booking.book(
                        BookingClient.slotRequest(patient, pool.slotIds().get(0)), null)
                .appointment();

        Parameters reschedule =
                BookingClient.slotRequest(patient, pool.slotIds().get(2));
        reschedule.addParameter().setName("cancelled-appt-id").setValue(new StringType(original.getIdPart()));
        Answer moved = booking.book(reschedule, null);

        assertThat(moved.status()).isEqualTo(200);
        assertThat(moved.appointment().getSlotFirstRep().getReference())
                .isEqualTo("Slot/" + pool.slotIds().get(2));
        Appointment old = readAppointment(original.getIdPart());
        assertThat(old.getStatus()).isEqualTo(AppointmentStatus.CANCELLED);
        assertThat(old.getCancelationReason().getCoding())
                .as("coded, so that readers (notifications, the patient app) need not parse its text")
                .anySatisfy(
                        coding -> assertThat(CancellationReason.RESCHEDULED.is(coding.getSystem(), coding.getCode()))
                                .isTrue());
        assertThat(readSlot(pool.slotIds().get(0)).getStatus()).isEqualTo(Slot.SlotStatus.FREE);
        assertThat(readSlot(pool.slotIds().get(2)).getStatus()).isEqualTo(Slot.SlotStatus.BUSY);
        assertThat(movedFrom(readAppointment(moved.appointment().getIdPart())))
                .as("the new Appointment names the one it moved")
                .isEqualTo("Appointment/" + original.getIdPart());
    }

    @Test
    void rescheduledPoolBooking_keepsTheUrgencyOfTheOld_unlessTheRequestSaysOtherwise() {
        TestPool pool = TestPool.create(client(), 2, 3, 2);
        String patient = pool.patientIds().get(0);
        Parameters urgent = BookingClient.poolRequest(patient, pool.specialtyToken());
        urgent.addParameter().setName("priority").setValue(new StringType("urgent"));
        Appointment original = booking.book(urgent, null).appointment();
        assertThat(original.getPriority()).isEqualTo(1);

        Parameters move = BookingClient.poolRequest(patient, pool.specialtyToken());
        move.addParameter().setName("cancelled-appt-id").setValue(new StringType(original.getIdPart()));
        Answer moved = booking.book(move, null);
        Parameters routineMove = BookingClient.poolRequest(patient, pool.specialtyToken());
        routineMove.addParameter().setName("priority").setValue(new StringType("routine"));
        routineMove
                .addParameter()
                .setName("cancelled-appt-id")
                .setValue(new StringType(moved.appointment().getIdPart()));
        Answer movedAsRoutine = booking.book(routineMove, null);

        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
        Appointment kept = readAppointment(moved.appointment().getIdPart());
        assertThat(kept.getPriority()).as("a move keeps the urgency").isEqualTo(1);
        assertThat(moved.explanation()).startsWith("Urgent request");
        assertThat(movedFrom(kept)).isEqualTo("Appointment/" + original.getIdPart());
        assertThat(movedAsRoutine.status()).as(movedAsRoutine.body()).isEqualTo(200);
        Appointment routine = readAppointment(movedAsRoutine.appointment().getIdPart());
        assertThat(routine.getPriority()).as("the request said routine").isZero();
        assertThat(movedFrom(routine)).isEqualTo("Appointment/" + kept.getIdPart());
        assertThat(readAppointment(kept.getIdPart()).getCancelationReason().getCoding())
                .anySatisfy(
                        coding -> assertThat(CancellationReason.RESCHEDULED.is(coding.getSystem(), coding.getCode()))
                                .isTrue());
    }

    private static String movedFrom(Appointment appointment) {
        Extension link = appointment.getExtensionByUrl(MediwoxExtensions.RESCHEDULED_FROM);
        return link == null ? null : ((Reference) link.getValue()).getReference();
    }

    @Test
    void cancel_byPatchToCancelled_freesTheSlot() {
        TestPool pool = TestPool.create(client(), 1, 1, 1);
        Appointment booked = bookSlot(pool, 0, 0).appointment();

        setStatus("Appointment/" + booked.getIdPart(), "cancelled");

        assertThat(readSlot(pool.slotIds().get(0)).getStatus()).isEqualTo(Slot.SlotStatus.FREE);
        Answer again = bookSlot(pool, 0, 0);
        assertThat(again.status()).isEqualTo(200);
    }

    @Test
    void deletingABookedAppointment_freesItsSlot() {
        TestPool pool = TestPool.create(client(), 1, 1, 2);
        Appointment booked = bookSlot(pool, 0, 0).appointment();

        client().delete().resourceById("Appointment", booked.getIdPart()).execute();

        assertThat(readSlot(pool.slotIds().get(0)).getStatus()).isEqualTo(Slot.SlotStatus.FREE);
        assertThat(bookSlot(pool, 1, 0).status()).isEqualTo(200);
    }

    @Test
    void cancelledAppointment_cannotBeReactivatedByAPlainUpdate() {
        TestPool pool = TestPool.create(client(), 1, 1, 1);
        Appointment booked = bookSlot(pool, 0, 0).appointment();
        String id = "Appointment/" + booked.getIdPart();
        setStatus(id, "cancelled");

        assertThatThrownBy(() -> setStatus(id, "booked"))
                .isInstanceOf(UnprocessableEntityException.class)
                .hasMessageContaining("cannot be reactivated");
        assertThat(readSlot(pool.slotIds().get(0)).getStatus()).isEqualTo(Slot.SlotStatus.FREE);
    }

    private Answer bookSlot(TestPool pool, int patient, int slot) {
        return booking.book(
                BookingClient.slotRequest(
                        pool.patientIds().get(patient), pool.slotIds().get(slot)),
                null);
    }

    /** A plain FHIR PATCH of Appointment.status, as an EHR would send it. */
    private void setStatus(String appointment, String status) {
        client().patch()
                .withBody("[{\"op\":\"replace\",\"path\":\"/status\",\"value\":\"" + status + "\"}]")
                .withId(appointment)
                .execute();
    }

    /** The Appointment as the server stored it. */
    private Appointment stored(Appointment booked) {
        return client().read()
                .resource(Appointment.class)
                .withId(booked.getIdElement().toUnqualifiedVersionless())
                .execute();
    }

    private static Extension explanation(Appointment appointment) {
        return appointment.getExtensionByUrl("https://mediwox.org/fhir/StructureDefinition/assignment-explanation");
    }

    private static int integer(Extension extension, String url) {
        return ((IntegerType) extension.getExtensionByUrl(url).getValue()).getValue();
    }

    private static String reference(Extension extension, String url) {
        return ((Reference) extension.getExtensionByUrl(url).getValue()).getReference();
    }

    private static String role(Appointment appointment) {
        return appointment.getParticipant().stream()
                .map(p -> p.getActor().getReference())
                .filter(r -> r.startsWith("PractitionerRole/"))
                .findFirst()
                .orElseThrow();
    }

    static long spread(Collection<Long> counts) {
        return counts.stream().mapToLong(Long::longValue).max().orElse(0)
                - counts.stream().mapToLong(Long::longValue).min().orElse(0);
    }

    private int countAppointmentsOnSlot(String slotId) {
        return client().search()
                .byUrl("Appointment?slot=Slot/" + slotId)
                .returnBundle(org.hl7.fhir.r4.model.Bundle.class)
                .execute()
                .getEntry()
                .size();
    }

    private Appointment readAppointment(String id) {
        return client().read().resource(Appointment.class).withId(id).execute();
    }

    private Slot readSlot(String id) {
        return client().read().resource(Slot.class).withId(id).execute();
    }
}

package org.mediwox.server.booking;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Appointment.AppointmentStatus;
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
import org.mediwox.scheduling.booking.HoldExpiry;
import org.mediwox.server.booking.BookingClient.Answer;
import org.mediwox.server.support.ServerIT;
import org.mediwox.server.support.SmartLogin;
import org.mediwox.server.support.TestPool;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A pool {@code $hold}: the next provider in turn and their time, held before the patient confirms, chosen as a pool
 * {@code $book} chooses; {@code $book} of the hold books exactly that; a hold that lapses frees its Slot but keeps its
 * turn; a patient's token holds only for its own patient.
 */
class PoolHoldIT extends ServerIT {

    private static final String EXPLANATION = "https://mediwox.org/fhir/StructureDefinition/assignment-explanation";
    private static final String HOLD_EXPIRY = "https://mediwox.org/fhir/StructureDefinition/hold-expiry";

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
    void poolHold_holdsTheNextProviderInTurnsEarliestTime_andBookOfItBooksExactlyThat() {
        TestPool pool = TestPool.create(client(), 3, 2, 2);
        String patient = pool.patientIds().get(0);

        Answer hold =
                booking.post("/Appointment/$hold", BookingClient.poolRequest(patient, pool.specialtyToken()), null);

        assertThat(hold.status()).as(hold.body()).isEqualTo(200);
        Appointment held = hold.appointment();
        assertThat(held.getStatus()).isEqualTo(AppointmentStatus.PENDING);
        assertThat(held.getStart()).isEqualTo(java.util.Date.from(TestPool.FIRST_SLOT));
        assertThat(provider(held))
                .isEqualTo("PractitionerRole/" + pool.roleIds().get(0));
        assertThat(held.getExtensionByUrl(HOLD_EXPIRY)).isNotNull();
        Extension why = held.getExtensionByUrl(EXPLANATION);
        assertThat(why.getExtensionString("method")).isEqualTo("rotation");
        assertThat(((IntegerType) why.getExtensionByUrl("turn").getValue()).getValue())
                .isZero();
        assertThat(((Reference) why.getExtensionByUrl("assigned").getValue()).getReference())
                .isEqualTo(provider(held));
        assertThat(outcome(hold)).startsWith("Rotation turn 0 of pool ");
        assertThat(slot(held).getStatus()).isEqualTo(Slot.SlotStatus.BUSYTENTATIVE);

        // the hold took its turn: the next pool booking goes to the provider after it
        Answer next = booking.book(BookingClient.poolRequest(pool.patientIds().get(1), pool.specialtyToken()), null);
        assertThat(provider(next.appointment()))
                .isEqualTo("PractitionerRole/" + pool.roleIds().get(1));

        Parameters confirm = confirmation(held, patient);
        confirm.addParameter().setName("comment").setValue(new StringType("A cough for two weeks"));
        Answer booked = booking.book(confirm, UUID.randomUUID().toString());

        assertThat(booked.status()).as(booked.body()).isEqualTo(200);
        Appointment stored = client().read()
                .resource(Appointment.class)
                .withId(held.getIdPart())
                .execute();
        assertThat(booked.appointment().getIdPart()).isEqualTo(held.getIdPart());
        assertThat(stored.getStatus()).isEqualTo(AppointmentStatus.BOOKED);
        assertThat(provider(stored)).isEqualTo(provider(held));
        assertThat(stored.getStart()).isEqualTo(held.getStart());
        assertThat(stored.getSlotFirstRep().getReference())
                .isEqualTo(held.getSlotFirstRep().getReference());
        assertThat(stored.getExtensionByUrl(EXPLANATION)).as("why, kept").isNotNull();
        assertThat(stored.getExtensionByUrl(HOLD_EXPIRY)).isNull();
        assertThat(stored.getComment()).isEqualTo("A cough for two weeks");
        assertThat(slot(held).getStatus()).isEqualTo(Slot.SlotStatus.BUSY);
    }

    @Test
    void lapsedPoolHold_freesItsSlot_butTheTurnStaysTaken() {
        TestPool pool = TestPool.create(client(), 2, 1, 2);
        Appointment held = holdFor(pool, pool.patientIds().get(0), null).appointment();
        assertThat(provider(held))
                .isEqualTo("PractitionerRole/" + pool.roleIds().get(0));

        jdbc.update(
                "update mediwox.appointment_claim set hold_expires_at = now() - interval '1 second' where owner = ?",
                held.getIdPart());
        holdExpiry.releaseLapsedHolds();

        assertThat(slot(held).getStatus()).isEqualTo(Slot.SlotStatus.FREE);
        assertThat(client().read()
                        .resource(Appointment.class)
                        .withId(held.getIdPart())
                        .execute()
                        .getStatus())
                .isEqualTo(AppointmentStatus.CANCELLED);
        assertThat(booking.book(confirmation(held, pool.patientIds().get(0)), null)
                        .code())
                .isEqualTo("not-held");
        // the rotation does not give the turn back: the next hold is the second provider's
        Appointment next = holdFor(pool, pool.patientIds().get(1), null).appointment();
        assertThat(provider(next))
                .isEqualTo("PractitionerRole/" + pool.roleIds().get(1));
    }

    @Test
    void poolHold_retriedWithItsIdempotencyKey_answersTheSameHold_andTakesNoSecondTurn() {
        TestPool pool = TestPool.create(client(), 2, 2, 2);
        String patient = pool.patientIds().get(0);
        String key = UUID.randomUUID().toString();

        Answer first = holdFor(pool, patient, key);
        Answer retry = holdFor(pool, patient, key);
        Answer asBooking = booking.book(BookingClient.poolRequest(patient, pool.specialtyToken()), key);
        Answer other = holdFor(pool, pool.patientIds().get(1), null);

        assertThat(retry.appointment().getIdPart())
                .isEqualTo(first.appointment().getIdPart());
        assertThat(retry.appointment().getStatus()).isEqualTo(AppointmentStatus.PENDING);
        assertThat(asBooking.status()).as("a hold's key never books").isEqualTo(422);
        assertThat(asBooking.code()).isEqualTo("idempotency-key-reused");
        assertThat(provider(other.appointment()))
                .isEqualTo("PractitionerRole/" + pool.roleIds().get(1));
    }

    @Test
    void patientToken_poolHoldsOnlyForItsOwnPatient_andReleasesItsHoldByUpdatingItToCancelled() {
        TestPool pool = TestPool.create(client(), 2, 3, 1);
        String ana = demoPatient("patient-1");
        String anas = SmartLogin.launch(
                        serverRoot(), "ana.garcia@example.org", "launch/patient openid fhirUser patient/*.cruds")
                .get("access_token")
                .asText();
        BookingClient asAna = new BookingClient(fhirBase(), fhirContext, anas);

        Answer forAnother = asAna.post(
                "/Appointment/$hold",
                BookingClient.poolRequest(pool.patientIds().get(0), pool.specialtyToken()),
                null);
        Answer forHerself =
                asAna.post("/Appointment/$hold", BookingClient.poolRequest(ana, pool.specialtyToken()), null);

        assertThat(forAnother.status()).as(forAnother.body()).isEqualTo(403);
        assertThat(forAnother.code()).isEqualTo("not-permitted");
        assertThat(forHerself.status()).as(forHerself.body()).isEqualTo(200);
        Appointment held = forHerself.appointment();
        String version = client().read()
                .resource(Appointment.class)
                .withId(held.getIdPart())
                .execute()
                .getIdElement()
                .getVersionIdPart();

        // closing the review: the patient's app sets the hold cancelled, on the version it holds
        held.setStatus(AppointmentStatus.CANCELLED);
        held.getParticipant().forEach(p -> p.setStatus(Appointment.ParticipationStatus.DECLINED));
        HttpResponse<String> released = send(anonymousRequest("/fhir/Appointment/" + held.getIdPart())
                .header("Authorization", "Bearer " + anas)
                .header("Content-Type", "application/fhir+json")
                .header("If-Match", "W/\"" + version + "\"")
                .PUT(HttpRequest.BodyPublishers.ofString(
                        fhirContext.newJsonParser().encodeResourceToString(held))));

        assertThat(released.statusCode()).as(released.body()).isEqualTo(200);
        assertThat(slot(held).getStatus()).isEqualTo(Slot.SlotStatus.FREE);
    }

    private Answer holdFor(TestPool pool, String patient, String key) {
        Answer answer =
                booking.post("/Appointment/$hold", BookingClient.poolRequest(patient, pool.specialtyToken()), key);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer;
    }

    private static Parameters confirmation(Appointment held, String patient) {
        Parameters confirm = new Parameters();
        confirm.addParameter()
                .setName("appointment-reference")
                .setValue(new Reference("Appointment/" + held.getIdPart()));
        confirm.addParameter().setName("patient-reference").setValue(new Reference("Patient/" + patient));
        return confirm;
    }

    private static String provider(Appointment appointment) {
        return appointment.getParticipant().stream()
                .map(p -> p.getActor().getReference())
                .filter(r -> r != null && r.startsWith("PractitionerRole/"))
                .findFirst()
                .orElseThrow();
    }

    private static String outcome(Answer answer) {
        return answer.bundle().getEntry().stream()
                .filter(e -> e.getSearch().getMode() == Bundle.SearchEntryMode.OUTCOME)
                .map(e ->
                        ((OperationOutcome) e.getResource()).getIssueFirstRep().getDiagnostics())
                .findFirst()
                .orElseThrow();
    }

    private Slot slot(Appointment appointment) {
        return client().read()
                .resource(Slot.class)
                .withId(appointment.getSlotFirstRep().getReferenceElement())
                .execute();
    }
}

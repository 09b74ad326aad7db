package org.mediwox.server.booking;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Appointment.AppointmentStatus;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Slot;
import org.hl7.fhir.r4.model.UriType;
import org.hl7.fhir.r4.model.UrlType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mediwox.server.booking.BookingClient.Answer;
import org.mediwox.server.support.ServerIT;
import org.mediwox.server.support.TestPool;

/**
 * IHE ITI Scheduling's flow as a standard client runs it: find potential appointments (ITI-115), hold one by the
 * reference {@code $find} returned (ITI-116), book the held one by reference (ITI-117). Each answer is the Bundle
 * itself (searchset), and a proposal is never stored.
 */
class IheSchedulingFlowIT extends ServerIT {

    private BookingClient booking;

    @BeforeEach
    void bookingClient() {
        booking = new BookingClient(fhirBase(), fhirContext, token());
    }

    @Test
    void findThenHoldByReferenceThenBookByReference() {
        TestPool pool = TestPool.create(client(), 1, 2, 1);
        String patient = pool.patientIds().get(0);

        Bundle found = find(pool, "&patient-reference=Patient/" + patient);

        assertThat(found.getType()).isEqualTo(Bundle.BundleType.SEARCHSET);
        assertThat(found.getTotal()).isEqualTo(2);
        Bundle.BundleEntryComponent first = found.getEntryFirstRep();
        Appointment proposal = (Appointment) first.getResource();
        assertThat(first.getSearch().getMode()).isEqualTo(Bundle.SearchEntryMode.MATCH);
        assertThat(proposal.getStatus()).isEqualTo(AppointmentStatus.PROPOSED);
        assertThat(proposal.getIdElement().getIdPart()).startsWith("proposal-");
        assertThat(first.getFullUrl())
                .isEqualTo(
                        fhirBase() + "/Appointment/" + proposal.getIdElement().getIdPart());

        Answer held = booking.post("/Appointment/$hold", reference(first.getFullUrl()), null);

        assertThat(held.status()).as(held.body()).isEqualTo(200);
        assertThat(held.bundle().getType()).isEqualTo(Bundle.BundleType.SEARCHSET);
        Appointment pending = held.appointment();
        assertThat(pending.getStatus()).isEqualTo(AppointmentStatus.PENDING);
        assertThat(pending.getParticipant())
                .extracting(p -> p.getActor().getReference())
                .contains("Patient/" + patient);
        assertThat(pending.getExtensionByUrl("https://mediwox.org/fhir/StructureDefinition/hold-expiry"))
                .as("the hold's expiry, visible to the client")
                .isNotNull();
        assertThat(slot(proposal)).isEqualTo(Slot.SlotStatus.BUSYTENTATIVE);

        Answer booked = booking.book(reference("Appointment/" + pending.getIdPart()), null);

        assertThat(booked.status()).as(booked.body()).isEqualTo(200);
        assertThat(booked.appointment().getIdPart()).isEqualTo(pending.getIdPart());
        assertThat(booked.appointment().getStatus()).isEqualTo(AppointmentStatus.BOOKED);
        assertThat(booked.appointment().getExtensionByUrl("https://mediwox.org/fhir/StructureDefinition/hold-expiry"))
                .isNull();
        assertThat(slot(proposal)).isEqualTo(Slot.SlotStatus.BUSY);
        assertThat(send(request("/fhir/Appointment/" + proposal.getIdElement().getIdPart())
                                .GET())
                        .statusCode())
                .as("a proposal is never stored")
                .isEqualTo(404);
    }

    @Test
    void aProposalIsBookedDirectlyByReference_andInstanceLevelHoldWorksTheArgonautWay() {
        TestPool pool = TestPool.create(client(), 1, 2, 2);
        Bundle found =
                find(pool, "&patient-reference=Patient/" + pool.patientIds().get(0));
        String firstId = found.getEntry().get(0).getResource().getIdElement().getIdPart();
        String secondId = found.getEntry().get(1).getResource().getIdElement().getIdPart();

        Answer booked = booking.book(reference("Appointment/" + firstId), null);
        Parameters forSecondPatient = new Parameters();
        forSecondPatient
                .addParameter()
                .setName("patient-reference")
                .setValue(new Reference("Patient/" + pool.patientIds().get(1)));
        Answer held = booking.post("/Appointment/" + secondId + "/$hold", forSecondPatient, null);

        assertThat(booked.status()).as(booked.body()).isEqualTo(200);
        assertThat(booked.appointment().getStatus()).isEqualTo(AppointmentStatus.BOOKED);
        assertThat(held.status()).as(held.body()).isEqualTo(200);
        assertThat(held.appointment().getParticipant())
                .extracting(p -> p.getActor().getReference())
                .contains("Patient/" + pool.patientIds().get(1));
    }

    @Test
    void argonautTypedInputs_uriAndUrl_areTakenAsTheReferencesTheyName() {
        TestPool pool = TestPool.create(client(), 1, 2, 1);
        String patient = pool.patientIds().get(0);
        Bundle.BundleEntryComponent first =
                find(pool, "&patient-reference=Patient/" + patient).getEntryFirstRep();
        Parameters holdByUrl = new Parameters();
        holdByUrl.addParameter().setName("appointment-reference").setValue(new UrlType(first.getFullUrl()));

        Answer held = booking.post("/Appointment/$hold", holdByUrl, null);
        assertThat(held.status()).as(held.body()).isEqualTo(200);
        Parameters argonautBook = new Parameters();
        argonautBook
                .addParameter()
                .setName("appt-id")
                .setValue(new UriType("Appointment/" + held.appointment().getIdPart()));
        argonautBook.addParameter().setName("patient-id").setValue(new UriType("Patient/" + patient));
        Answer booked = booking.book(argonautBook, null);

        assertThat(booked.status()).as(booked.body()).isEqualTo(200);
        assertThat(booked.appointment().getIdPart())
                .isEqualTo(held.appointment().getIdPart());
        assertThat(booked.appointment().getStatus()).isEqualTo(AppointmentStatus.BOOKED);
    }

    @Test
    void bookToCancel_cancelsTheStoredAppointmentAndFreesItsSlot() {
        TestPool pool = TestPool.create(client(), 1, 1, 1);
        String id = firstProposalId(pool);
        Appointment booked = booking.book(reference("Appointment/" + id), null).appointment();
        booked.setStatus(AppointmentStatus.CANCELLED).getCancelationReason().setText("Patient is travelling");
        Parameters cancel = new Parameters();
        cancel.addParameter().setName("appointment-resource").setResource(booked);

        Answer cancelled = booking.book(cancel, null);

        assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
        assertThat(cancelled.appointment().getIdPart()).isEqualTo(booked.getIdPart());
        assertThat(cancelled.appointment().getStatus()).isEqualTo(AppointmentStatus.CANCELLED);
        assertThat(cancelled.appointment().getCancelationReason().getText()).isEqualTo("Patient is travelling");
        assertThat(slot(booked)).isEqualTo(Slot.SlotStatus.FREE);
    }

    @Test
    void patientResource_booksForThePatientOnFileByIdentifier_elseCreatesThePatientWithTheBooking() {
        TestPool pool = TestPool.create(client(), 1, 3, 0);
        String mrn = "MRN-" + System.nanoTime();
        org.hl7.fhir.r4.model.Patient newcomer = newcomer(mrn);

        Answer first = booking.book(poolBookingFor(pool, newcomer), null);
        Answer second = booking.book(poolBookingFor(pool, newcomer), null);

        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(second.status()).as(second.body()).isEqualTo(200);
        Bundle onFile = client().search()
                .byUrl("Patient?identifier=urn:ehr:mrn|" + mrn)
                .returnBundle(Bundle.class)
                .execute();
        assertThat(onFile.getEntry())
                .as("created once, then found by its identifier")
                .hasSize(1);
        String patient = "Patient/"
                + onFile.getEntryFirstRep().getResource().getIdElement().getIdPart();
        assertThat(first.appointment().getParticipant())
                .extracting(p -> p.getActor().getReference())
                .contains(patient);
        assertThat(second.appointment().getParticipant())
                .extracting(p -> p.getActor().getReference())
                .contains(patient);
    }

    @Test
    void aRefusedBookingForANewPatient_leavesNoPatientBehind() {
        TestPool pool = TestPool.create(client(), 1, 0, 0);
        String mrn = "MRN-" + System.nanoTime();
        org.hl7.fhir.r4.model.Patient newcomer = newcomer(mrn);

        Answer refused = booking.book(poolBookingFor(pool, newcomer), null);

        assertThat(refused.status()).as("no free slot").isEqualTo(409);
        assertThat(client().search()
                        .byUrl("Patient?identifier=urn:ehr:mrn|" + mrn)
                        .returnBundle(Bundle.class)
                        .execute()
                        .getEntry())
                .isEmpty();
    }

    @Test
    void aProposalIdThisServerDidNotSign_isNotFound() {
        TestPool pool = TestPool.create(client(), 1, 1, 1);
        String id = firstProposalId(pool);
        String forged = id.substring(0, id.length() - 1) + (id.endsWith("0") ? "1" : "0");

        Answer held = booking.post("/Appointment/$hold", reference("Appointment/" + forged), null);

        assertThat(held.status()).isEqualTo(404);
        assertThat(held.body()).contains("is not a proposal of this server");
    }

    @Test
    void findRefusesAnInputItDoesNotHonour_namingIt() {
        TestPool pool = TestPool.create(client(), 1, 1, 0);

        HttpResponse<String> answer =
                send(request(findQuery(pool) + "&timing=R/P1W").GET());

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("$find input timing is refused").contains("OperationOutcome");
    }

    private Bundle find(TestPool pool, String more) {
        HttpResponse<String> answer = send(request(findQuery(pool) + more).GET());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return fhirContext.newJsonParser().parseResource(Bundle.class, answer.body());
    }

    private static String findQuery(TestPool pool) {
        Instant from = TestPool.FIRST_SLOT;
        return "/fhir/Appointment/$find?start=" + from + "&end=" + from.plus(Duration.ofDays(1)) + "&specialty="
                + pool.specialtyToken().replace("|", "%7C");
    }

    /** The id of the first proposal {@code $find} returns for the pool's first patient. */
    private String firstProposalId(TestPool pool) {
        return find(pool, "&patient-reference=Patient/" + pool.patientIds().get(0))
                .getEntryFirstRep()
                .getResource()
                .getIdElement()
                .getIdPart();
    }

    /** A patient not on file, known to the EHR by a medical record number. */
    private static org.hl7.fhir.r4.model.Patient newcomer(String mrn) {
        org.hl7.fhir.r4.model.Patient newcomer = new org.hl7.fhir.r4.model.Patient();
        newcomer.addIdentifier().setSystem("urn:ehr:mrn").setValue(mrn);
        newcomer.addName().setFamily("Newcomer");
        return newcomer;
    }

    private static Parameters poolBookingFor(TestPool pool, org.hl7.fhir.r4.model.Patient patient) {
        Parameters parameters = new Parameters();
        parameters.addParameter().setName("patient-resource").setResource(patient.copy());
        parameters
                .addParameter()
                .setName("specialty")
                .setValue(new org.hl7.fhir.r4.model.StringType(pool.specialtyToken()));
        return parameters;
    }

    private static Parameters reference(String reference) {
        Parameters parameters = new Parameters();
        parameters.addParameter().setName("appointment-reference").setValue(new Reference(reference));
        return parameters;
    }

    private Slot.SlotStatus slot(Appointment appointment) {
        return client().read()
                .resource(Slot.class)
                .withId(appointment.getSlotFirstRep().getReferenceElement())
                .execute()
                .getStatus();
    }
}

package org.mediwox.server.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mediwox.notification.delivery.Dispatcher;
import org.mediwox.server.support.ServerIT;
import org.mediwox.server.support.SesLocal;
import org.mediwox.server.support.SnsStub;
import org.mediwox.server.support.TestPool;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Notifications end to end: an Appointment change through the FHIR API, the outbox, the dispatcher, and the AWS wire
 * protocols — email read back from aws-ses-v2-local (a local SES v2 API server), SMS from a recording WireMock STUB of
 * the SNS Query API (no SNS emulator runs here). Each test books in a pool of its own for a patient of its own, so
 * counts are exact.
 */
class NotificationsIT extends ServerIT {

    @Autowired
    Dispatcher dispatcher;

    private final SesLocal ses = SesLocal.shared();
    private final SnsStub sns = SnsStub.shared();
    private TestPool pool;

    /** A provider pool of the test's own: the demo clinic's Slots stay free for the tests that check them. */
    @BeforeEach
    void ownPool() {
        pool = TestPool.create(client(), 2, 4, 0);
    }

    @AfterEach
    void everythingBack() {
        ses.gate().open();
        dispatcher.start();
    }

    @Test
    void booking_sendsExactlyOneConfirmation_inThePatientsLanguage() {
        TestPatient ana = patient("es", true);
        TestPatient john = patient("en", true);

        book(ana);
        book(john);

        List<SesLocal.Email> toAna = await(() -> ses.emailsTo(ana.email()), 1);
        List<SesLocal.Email> toJohn = await(() -> ses.emailsTo(john.email()), 1);
        assertThat(toAna.get(0).subject()).isEqualTo("Su cita está confirmada");
        assertThat(toAna.get(0).text()).contains("Hola " + ana.given()).contains("Para cambiarla o cancelarla");
        assertThat(toJohn.get(0).subject()).isEqualTo("Your appointment is confirmed");
        dispatcher.dispatchDue(Instant.now());
        assertThat(ses.emailsTo(ana.email())).as("still exactly one").hasSize(1);
    }

    @Test
    void cancellation_sendsItsEmail_andWithdrawsTheReminders() {
        TestPatient john = patient("en", true);
        Appointment booked = book(john);
        await(() -> ses.emailsTo(john.email()), 1);

        Parameters cancel = new Parameters();
        cancel.addParameter().setName("reason").setValue(new org.hl7.fhir.r4.model.StringType("Patient asked"));
        client().operation()
                .onInstance(booked.getIdElement().toUnqualifiedVersionless())
                .named("$cancel")
                .withParameters(cancel)
                .execute();

        List<SesLocal.Email> emails = await(() -> ses.emailsTo(john.email()), 2);
        assertThat(emails.get(1).subject()).isEqualTo("Your appointment was cancelled");
        assertThat(notifications(booked, "reminder")).isNotEmpty().allSatisfy(c -> {
            assertThat(c.getStatus()).isEqualTo(Communication.CommunicationStatus.NOTDONE);
            assertThat(c.getStatusReason().getText()).contains("withdrawn").contains("cancelled");
        });
        dispatcher.dispatchDue(booked.getStart().toInstant());
        assertThat(sns.publishedTo(john.phone()))
                .as("no reminder for a cancelled appointment")
                .isEmpty();
    }

    @Test
    void reschedule_sendsOneMovedEmail_andTheRemindersFollowTheNewTime() {
        TestPatient ana = patient("es", true);
        Appointment first = book(ana);
        await(() -> ses.emailsTo(ana.email()), 1);

        Appointment moved = reschedule(ana, first);

        List<SesLocal.Email> emails = await(() -> ses.emailsTo(ana.email()), 2);
        assertThat(emails.get(1).subject()).isEqualTo("Su cita cambió de fecha");
        staysTrue(() -> assertThat(ses.emailsTo(ana.email()))
                .as("no separate cancellation or confirmation")
                .hasSize(2));

        assertThat(notifications(first, "reminder"))
                .as("the old time's reminders are withdrawn")
                .isNotEmpty()
                .allSatisfy(c -> assertThat(c.getStatusReason().getText()).contains("withdrawn: appointment moved"));
        Instant oldStart = first.getStart().toInstant();
        Instant newStart = moved.getStart().toInstant();
        dispatcher.dispatchDue(oldStart.isAfter(newStart) ? oldStart : newStart);
        assertThat(sns.publishedTo(ana.phone()))
                .as("only the new time's reminders went out")
                .hasSize(reminderCountBefore(newStart))
                .allSatisfy(sms -> assertThat(sms.message()).startsWith("Recordatorio"));
    }

    @Test
    void reminders_fireAtTheirInstants_notBefore_andEachOnce() {
        TestPatient john = patient("en", true);
        Appointment booked = book(john);
        Instant start = booked.getStart().toInstant();
        List<Communication> reminders = notifications(booked, "reminder");
        assertThat(reminders).hasSize(reminderCountBefore(start));

        Instant twoHoursBefore = start.minus(Duration.ofHours(2));
        dispatcher.dispatchDue(twoHoursBefore.minusSeconds(1));
        int beforeDue = sns.publishedTo(john.phone()).size();
        dispatcher.dispatchDue(twoHoursBefore);
        dispatcher.dispatchDue(twoHoursBefore.plusSeconds(60));

        List<SnsStub.Sms> sms = sns.publishedTo(john.phone());
        assertThat(sms).hasSize(beforeDue + 1);
        SnsStub.Sms last = sms.get(sms.size() - 1);
        assertThat(last.message()).startsWith("Reminder: appointment").contains("Provider ");
        assertThat(last.senderId()).isEqualTo("Mediwox");
    }

    @Test
    void patientWithoutAPhone_getsNoSms_andTheReasonIsRecorded() {
        TestPatient noPhone = patient("en", false);
        Appointment booked = book(noPhone);

        List<Communication> reminders = notifications(booked, "reminder");

        assertThat(reminders).isNotEmpty().allSatisfy(c -> {
            assertThat(c.getStatus()).isEqualTo(Communication.CommunicationStatus.NOTDONE);
            assertThat(c.getStatusReason().getText()).contains("skipped").contains("no mobile phone number");
        });
        await(() -> ses.emailsTo(noPhone.email()), 1);
    }

    @Test
    void sesDownForAWhile_theConfirmationArrivesAfterItReturns_exactlyOnce() {
        TestPatient john = patient("en", true);
        ses.gate().shut();
        Appointment booked = book(john);
        await(
                () -> notifications(booked, "booked").stream()
                        .filter(c -> c.getStatus() == Communication.CommunicationStatus.PREPARATION
                                && c.getNote().get(0).getText().contains("attempts 1"))
                        .toList(),
                1);
        assertThat(ses.emailsTo(john.email())).isEmpty();

        ses.gate().open();

        await(() -> ses.emailsTo(john.email()), 1);
        staysTrue(() -> assertThat(ses.emailsTo(john.email())).hasSize(1));
    }

    @Test
    void dispatcherStoppedAfterTheCommit_theConfirmationIsSentOnceItRunsAgain() {
        TestPatient ana = patient("es", true);
        dispatcher.stop(); // the process that committed the booking dies before sending

        Appointment booked = book(ana);
        staysTrue(() -> assertThat(ses.emailsTo(ana.email())).isEmpty());
        assertThat(notifications(booked, "booked"))
                .singleElement()
                .extracting(Communication::getStatus)
                .isEqualTo(Communication.CommunicationStatus.PREPARATION);

        dispatcher.start(); // a node (this one, restarted) picks the outbox up

        await(() -> ses.emailsTo(ana.email()), 1);
        staysTrue(() -> assertThat(ses.emailsTo(ana.email())).hasSize(1));
    }

    @Test
    void smsRefusedForGood_isDeadLettered_visible_andReplayable() {
        TestPatient john = patient("en", true);
        sns.refuseNext(john.phone(), 1);
        Appointment booked = book(john);
        Instant due = booked.getStart().toInstant().minus(Duration.ofHours(2));

        dispatcher.dispatchDue(due);

        Communication dead = notifications(booked, "reminder").stream()
                .filter(c -> c.getStatus() == Communication.CommunicationStatus.STOPPED)
                .findFirst()
                .orElseThrow();
        assertThat(dead.getStatusReason().getText()).startsWith("dead").contains("SNS refused");
        Bundle listed = client().operation()
                .onServer()
                .named("$notifications")
                .withParameter(Parameters.class, "status", new org.hl7.fhir.r4.model.StringType("dead"))
                .returnResourceType(Bundle.class)
                .useHttpGet()
                .execute();
        assertThat(listed.getEntry())
                .extracting(e -> e.getResource().getIdElement().getIdPart())
                .contains(dead.getIdElement().getIdPart());

        Communication replayed = client().operation()
                .onServer()
                .named("$notification-replay")
                .withParameter(Parameters.class, "id", new org.hl7.fhir.r4.model.StringType(dead.getIdPart()))
                .returnResourceType(Communication.class)
                .execute();
        assertThat(replayed.getStatus()).isEqualTo(Communication.CommunicationStatus.PREPARATION);
        dispatcher.dispatchDue(due); // the background dispatcher may take it first: wait for it either way
        int expected = reminderCountBefore(booked.getStart().toInstant());
        // the dispatchDue above may have left a backlog of other tests' reminders for the background dispatcher
        await(() -> sns.publishedTo(john.phone()), expected, Duration.ofSeconds(60));
        staysTrue(() -> assertThat(sns.publishedTo(john.phone()))
                .as("every reminder delivered once, the refused one after its replay")
                .hasSize(expected));
    }

    @Test
    void snsFailingWith5xx_theDispatcherRetriesTheSms_andItIsDeliveredExactlyOnce() {
        TestPatient john = patient("en", true);
        Appointment booked = book(john);
        Instant dayBefore = booked.getStart().toInstant().minus(Duration.ofHours(24));
        dispatcher.stop(); // the retry below is the background dispatcher's, once SNS answers again
        sns.failNext(john.phone(), Integer.MAX_VALUE);

        dispatcher.dispatchDue(dayBefore); // the day-before reminder: SNS answers 500 to every request

        int failedRequests = sns.requestsTo(john.phone()).size();
        assertThat(failedRequests).as("the attempt reached SNS").isPositive();
        assertThat(sns.publishedTo(john.phone())).isEmpty();
        assertThat(reminderDue(booked, dayBefore)).satisfies(reminder -> {
            assertThat(reminder.getStatus()).isEqualTo(Communication.CommunicationStatus.PREPARATION);
            assertThat(reminder.getNoteFirstRep().getText()).contains("attempts 1");
            assertThat(reminder.getStatusReason().getText()).contains("Status Code: 500");
        });

        sns.failNext(john.phone(), 0); // SNS is back
        dispatcher.start();

        await(() -> sns.publishedTo(john.phone()), 1);
        staysTrue(() -> assertThat(sns.publishedTo(john.phone()))
                .as("delivered once, after the retry")
                .hasSize(1));
        assertThat(sns.publishedTo(john.phone()).get(0).message()).startsWith("Reminder: appointment");
        assertThat(sns.requestsTo(john.phone())).hasSize(failedRequests + 1);
        assertThat(reminderDue(booked, dayBefore)).satisfies(reminder -> {
            assertThat(reminder.getStatus()).isEqualTo(Communication.CommunicationStatus.COMPLETED);
            assertThat(reminder.getNoteFirstRep().getText()).contains("attempts 2");
        });
    }

    @Test
    void aChangeThatRollsBack_leavesNothingInTheOutbox() {
        TestPatient john = patient("en", true);
        Patient stored =
                client().read().resource(Patient.class).withId(john.id()).execute();
        Appointment appointment = new Appointment();
        appointment.setStatus(Appointment.AppointmentStatus.BOOKED);
        appointment.setStart(java.util.Date.from(TestPool.FIRST_SLOT.plus(Duration.ofDays(3))));
        appointment.setEnd(
                java.util.Date.from(TestPool.FIRST_SLOT.plus(Duration.ofDays(3)).plusSeconds(1800)));
        appointment
                .addParticipant()
                .setActor(new Reference("Patient/" + john.id()))
                .setStatus(Appointment.ParticipationStatus.ACCEPTED);
        Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        transaction
                .addEntry()
                .setResource(appointment)
                .getRequest()
                .setMethod(Bundle.HTTPVerb.POST)
                .setUrl("Appointment");
        transaction
                .addEntry()
                .setResource(stored)
                .getRequest()
                .setMethod(Bundle.HTTPVerb.PUT)
                .setUrl("Patient/" + john.id())
                .setIfMatch("W/\"999\"");

        HttpResponse<String> failed = send(request("/fhir")
                .header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        fhirContext.newJsonParser().encodeResourceToString(transaction))));

        assertThat(failed.statusCode()).as(failed.body()).isIn(409, 412);
        Bundle outbox = client().operation()
                .onServer()
                .named("$notifications")
                .withParameter(Parameters.class, "patient", new org.hl7.fhir.r4.model.StringType(john.id()))
                .returnResourceType(Bundle.class)
                .useHttpGet()
                .execute();
        assertThat(outbox.getEntry()).isEmpty();
        staysTrue(() -> assertThat(ses.emailsTo(john.email())).isEmpty());
    }

    @Test
    void outboxView_needsAnOperatorScope() {
        HttpResponse<String> refused = send(anonymousRequest("/fhir/$notifications")
                .header(
                        "Authorization",
                        "Bearer " + org.mediwox.server.support.Tokens.demoClient(serverRoot(), "system/Appointment.rs"))
                .GET());

        assertThat(refused.statusCode()).isEqualTo(403);
    }

    // --- helpers

    private record TestPatient(String id, String given, String email, String phone) {}

    private TestPatient patient(String language, boolean withPhone) {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String phone = "+1202" + (1_000_000 + Math.abs(tag.hashCode() % 8_999_999));
        Patient patient = new Patient();
        patient.addName().setFamily("Test-" + tag).addGiven(language.equals("es") ? "Lucía" : "Sam");
        patient.addTelecom().setSystem(ContactPoint.ContactPointSystem.EMAIL).setValue(tag + "@example.org");
        if (withPhone) {
            patient.addTelecom()
                    .setSystem(ContactPoint.ContactPointSystem.PHONE)
                    .setUse(ContactPoint.ContactPointUse.MOBILE)
                    .setValue(phone);
        }
        patient.addCommunication()
                .setPreferred(true)
                .setLanguage(new CodeableConcept().addCoding(new Coding("urn:ietf:bcp:47", language, null)));
        String id = client().create().resource(patient).execute().getId().getIdPart();
        return new TestPatient(
                id, patient.getNameFirstRep().getGivenAsSingleString(), tag + "@example.org", withPhone ? phone : null);
    }

    private Appointment book(TestPatient patient) {
        Parameters parameters = new Parameters();
        parameters.addParameter().setName("patient-reference").setValue(new Reference("Patient/" + patient.id()));
        parameters
                .addParameter()
                .setName("specialty")
                .setValue(new org.hl7.fhir.r4.model.StringType(pool.specialtyToken()));
        return bookWith(parameters);
    }

    private Appointment reschedule(TestPatient patient, Appointment old) {
        Parameters parameters = new Parameters();
        parameters.addParameter().setName("patient-reference").setValue(new Reference("Patient/" + patient.id()));
        parameters
                .addParameter()
                .setName("specialty")
                .setValue(new org.hl7.fhir.r4.model.StringType(pool.specialtyToken()));
        parameters
                .addParameter()
                .setName("cancelled-appt-id")
                .setValue(
                        new org.hl7.fhir.r4.model.StringType(old.getIdElement().getIdPart()));
        return bookWith(parameters);
    }

    private Appointment bookWith(Parameters parameters) {
        Bundle bundle = client().operation()
                .onType(Appointment.class)
                .named("$book")
                .withParameters(parameters)
                .returnResourceType(Bundle.class)
                .withAdditionalHeader("Idempotency-Key", UUID.randomUUID().toString())
                .execute();
        return bundle.getEntry().stream()
                .map(Bundle.BundleEntryComponent::getResource)
                .filter(r -> r instanceof Appointment a && a.getStatus() == Appointment.AppointmentStatus.BOOKED)
                .map(Appointment.class::cast)
                .findFirst()
                .orElseThrow();
    }

    private List<Communication> notifications(Appointment appointment, String event) {
        Bundle bundle = client().operation()
                .onServer()
                .named("$notifications")
                .withParameter(
                        Parameters.class,
                        "appointment",
                        new org.hl7.fhir.r4.model.StringType(
                                appointment.getIdElement().getIdPart()))
                .returnResourceType(Bundle.class)
                .useHttpGet()
                .execute();
        return bundle.getEntry().stream()
                .map(e -> (Communication) e.getResource())
                .filter(c ->
                        c.getCategoryFirstRep().getCodingFirstRep().getCode().equals(event))
                .toList();
    }

    /** The reminder of an appointment due at {@code due}. */
    private Communication reminderDue(Appointment appointment, Instant due) {
        return notifications(appointment, "reminder").stream()
                .filter(c -> c.getNoteFirstRep().getText().startsWith("due " + due + ","))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no reminder due " + due));
    }

    /** How many reminders (24 h, 2 h) still lie ahead of now for an appointment at {@code start}. */
    private static int reminderCountBefore(Instant start) {
        int count = 0;
        for (Duration offset : List.of(Duration.ofHours(24), Duration.ofHours(2))) {
            if (start.minus(offset).isAfter(Instant.now())) {
                count++;
            }
        }
        return count;
    }
}

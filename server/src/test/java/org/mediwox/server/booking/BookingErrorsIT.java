package org.mediwox.server.booking;

import static org.assertj.core.api.Assertions.assertThat;

import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mediwox.server.booking.BookingClient.Answer;
import org.mediwox.server.support.ServerIT;
import org.mediwox.server.support.TestPool;

/** Bad booking requests get a clear OperationOutcome with the right status, and change nothing. */
class BookingErrorsIT extends ServerIT {

    private BookingClient booking;
    private TestPool pool;
    private String reusedKey;

    @BeforeEach
    void pool() {
        booking = new BookingClient(fhirBase(), fhirContext, token());
        pool = TestPool.create(client(), 1, 2, 2);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = ';',
            value = {
                "unknown patient;               404; Patient/no-such-patient;          unknown-patient",
                "unknown slot;                  404; Slot/no-such-slot;                unknown-slot",
                "unknown appointment;           404; Appointment/no-such-appointment;  unknown-appointment",
                "end before start;              400; must be after start;              window-invalid",
                "window in the past;            422; in the past;                      window-in-past",
                "slot already booked;           409; is busy;                          slot-taken",
                "patient busy at that time;     409; patient already has an appointment; patient-busy",
                "provider busy at that time;    409; the provider has an overlapping booking; provider-busy",
                "no free slot in the pool;      409; has a free slot;                  no-capacity",
                "specialty not system|code;     400; must be system|code;              invalid-input",
                "unknown specialty;             422; No active provider;               no-provider",
                "bad priority;                  400; priority must be;                 invalid-input",
                "nothing to book;               400; $book needs;                      invalid-input",
                "booked appointment booked again; 409; only a pending;                 not-held",
                "held for another patient;      422; held for another patient;         held-for-another-patient",
                "cancelled appointment rebooked; 422; already cancelled;               already-cancelled",
                "another patient's appointment rescheduled; 422; not an appointment of the patient; not-patients-appointment",
                "idempotency key too long;      400; 1 to 200 characters;              invalid-input",
                "idempotency key reused;        422; already used for a different request; idempotency-key-reused",
                "patient-resource matching two patients; 422; patients on file;      ambiguous-patient"
            })
    void badRequest_isRefusedWithAClearOutcomeAndItsCode_andChangesNothing(
            String scenario, int status, String message, String code) {
        Parameters request = requestFor(scenario);
        int appointmentsBefore = appointmentCount();

        Answer answer = booking.book(request, "idempotency key reused".equals(scenario) ? reusedKey : null);

        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.body()).contains("OperationOutcome").contains(message).doesNotContain("\tat ", "SQL");
        assertThat(answer.refusal().getIssueFirstRep().getDiagnostics()).contains(message);
        assertThat(answer.code()).as(answer.body()).isEqualTo(code);
        assertThat(appointmentCount()).isEqualTo(appointmentsBefore);
    }

    @Test
    void refusalsOfFindAndCancel_carryTheirCodes() {
        String patient = pool.patientIds().get(0);
        String id = booking.book(
                        BookingClient.slotRequest(patient, pool.slotIds().get(0)), null)
                .appointment()
                .getIdPart();
        assertThat(booking.post("/Appointment/" + id + "/$cancel", new Parameters(), null)
                        .status())
                .isEqualTo(200);

        Answer again = booking.post("/Appointment/" + id + "/$cancel", new Parameters(), null);
        Answer unknown = booking.post("/Appointment/no-such-appointment/$cancel", new Parameters(), null);
        Answer reversed = booking.post(
                "/Appointment/$find",
                withWindow(new Parameters(), "2030-01-02T10:00:00Z", "2030-01-01T10:00:00Z"),
                null);
        Parameters unknownInput = withWindow(new Parameters(), "2030-01-01T10:00:00Z", "2030-01-02T10:00:00Z");
        unknownInput.addParameter().setName("colour").setValue(new StringType("blue"));
        Answer unsupported = booking.post("/Appointment/$find", unknownInput, null);
        java.net.http.HttpResponse<String> unparsable =
                send(request("/fhir/Appointment/$find?start=someday&end=2030-01-02T10:00:00Z")
                        .GET());

        assertThat(again.status()).isEqualTo(422);
        assertThat(again.code()).isEqualTo("already-cancelled");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("unknown-appointment");
        assertThat(reversed.status()).isEqualTo(400);
        assertThat(reversed.code()).isEqualTo("window-invalid");
        assertThat(unsupported.status()).isEqualTo(400);
        assertThat(unsupported.code()).isEqualTo("invalid-input");
        assertThat(unparsable.statusCode()).as("HAPI's own parameter error").isEqualTo(400);
        assertThat(BookingClient.codeOf(fhirContext, unparsable.body())).isEqualTo("invalid-input");
    }

    private Parameters requestFor(String scenario) {
        String patient = pool.patientIds().get(0);
        String slot = pool.slotIds().get(0);
        return switch (scenario) {
            case "unknown patient" -> BookingClient.poolRequest("no-such-patient", pool.specialtyToken());
            case "unknown slot" -> BookingClient.slotRequest(patient, "no-such-slot");
            case "unknown appointment" -> reference("no-such-appointment");
            case "provider busy at that time" -> {
                // the provider is booked without a Slot at the time of their first Slot
                Appointment busy = new Appointment().setStatus(Appointment.AppointmentStatus.BOOKED);
                busy.setStart(java.util.Date.from(TestPool.FIRST_SLOT))
                        .setEnd(java.util.Date.from(TestPool.FIRST_SLOT.plusSeconds(1800)));
                busy.addParticipant()
                        .setActor(new Reference("Patient/" + pool.patientIds().get(1)))
                        .setStatus(Appointment.ParticipationStatus.ACCEPTED);
                busy.addParticipant()
                        .setActor(new Reference(
                                "PractitionerRole/" + pool.roleIds().get(0)))
                        .setStatus(Appointment.ParticipationStatus.ACCEPTED);
                client().create().resource(busy).execute();
                yield BookingClient.slotRequest(patient, slot);
            }
            case "no free slot in the pool" -> {
                TestPool full = TestPool.create(client(), 1, 1, 2);
                assertThat(booking.book(
                                        BookingClient.slotRequest(
                                                full.patientIds().get(1),
                                                full.slotIds().get(0)),
                                        null)
                                .status())
                        .isEqualTo(200);
                yield BookingClient.poolRequest(full.patientIds().get(0), full.specialtyToken());
            }
            case "booked appointment booked again" ->
                reference(booking.book(BookingClient.slotRequest(patient, slot), null)
                        .appointment()
                        .getIdPart());
            case "held for another patient" -> {
                String held = booking.post("/Appointment/$hold", BookingClient.slotRequest(patient, slot), null)
                        .appointment()
                        .getIdPart();
                Parameters request = reference(held);
                request.addParameter()
                        .setName("patient-reference")
                        .setValue(new Reference("Patient/" + pool.patientIds().get(1)));
                yield request;
            }
            case "patient-resource matching two patients" -> {
                Identifier shared = new Identifier()
                        .setSystem("urn:mediwox:test:mrn")
                        .setValue(java.util.UUID.randomUUID().toString());
                for (int i = 0; i < 2; i++) {
                    Patient twin = new Patient();
                    twin.addIdentifier(shared.copy());
                    client().create().resource(twin).execute();
                }
                Parameters request = new Parameters();
                request.addParameter().setName("patient-resource").setResource(new Patient().addIdentifier(shared));
                request.addParameter().setName("specialty").setValue(new StringType(pool.specialtyToken()));
                yield request;
            }
            case "idempotency key reused" -> {
                reusedKey = "reused-" + java.util.UUID.randomUUID();
                assertThat(booking.book(BookingClient.slotRequest(patient, slot), reusedKey)
                                .status())
                        .isEqualTo(200);
                yield BookingClient.slotRequest(patient, pool.slotIds().get(1));
            }
            case "end before start" ->
                withWindow(
                        BookingClient.poolRequest(patient, pool.specialtyToken()),
                        "2030-01-02T10:00:00Z",
                        "2030-01-01T10:00:00Z");
            case "window in the past" ->
                withWindow(
                        BookingClient.poolRequest(patient, pool.specialtyToken()),
                        "2020-01-01T10:00:00Z",
                        "2020-01-02T10:00:00Z");
            case "slot already booked" -> {
                assertThat(booking.book(
                                        BookingClient.slotRequest(
                                                pool.patientIds().get(1), slot),
                                        null)
                                .status())
                        .isEqualTo(200);
                yield BookingClient.slotRequest(patient, slot);
            }
            case "patient busy at that time" -> {
                TestPool other = TestPool.create(client(), 1, 1, 0);
                assertThat(booking.book(
                                        BookingClient.slotRequest(
                                                patient, other.slotIds().get(0)),
                                        null)
                                .status())
                        .isEqualTo(200);
                yield BookingClient.slotRequest(patient, slot);
            }
            case "specialty not system|code" -> BookingClient.poolRequest(patient, "dermatology");
            case "unknown specialty" -> BookingClient.poolRequest(patient, TestPool.SPECIALTY_SYSTEM + "|nobody");
            case "bad priority" -> {
                Parameters request = BookingClient.poolRequest(patient, pool.specialtyToken());
                request.addParameter().setName("priority").setValue(new StringType("asap"));
                yield request;
            }
            case "nothing to book" -> new Parameters();
            case "cancelled appointment rebooked" -> {
                String id = booking.book(BookingClient.slotRequest(patient, slot), null)
                        .appointment()
                        .getIdPart();
                client().patch()
                        .withBody("[{\"op\":\"replace\",\"path\":\"/status\",\"value\":\"cancelled\"}]")
                        .withId("Appointment/" + id)
                        .execute();
                Parameters request =
                        BookingClient.slotRequest(patient, pool.slotIds().get(1));
                request.addParameter().setName("cancelled-appt-id").setValue(new StringType(id));
                yield request;
            }
            case "another patient's appointment rescheduled" -> {
                String othersId = booking.book(
                                BookingClient.slotRequest(pool.patientIds().get(1), slot), null)
                        .appointment()
                        .getIdPart();
                Parameters request =
                        BookingClient.slotRequest(patient, pool.slotIds().get(1));
                request.addParameter().setName("cancelled-appt-id").setValue(new StringType(othersId));
                yield request;
            }
            case "idempotency key too long" -> {
                Parameters request = BookingClient.poolRequest(patient, pool.specialtyToken());
                request.addParameter().setName("request-id").setValue(new StringType("k".repeat(201)));
                yield request;
            }
            default -> throw new IllegalArgumentException(scenario);
        };
    }

    private static Parameters reference(String appointmentId) {
        Parameters request = new Parameters();
        request.addParameter().setName("appointment-reference").setValue(new Reference("Appointment/" + appointmentId));
        return request;
    }

    private static Parameters withWindow(Parameters request, String start, String end) {
        request.addParameter().setName("start").setValue(new DateTimeType(start));
        request.addParameter().setName("end").setValue(new DateTimeType(end));
        return request;
    }

    private int appointmentCount() {
        return client().search()
                .byUrl("Appointment?_summary=count")
                .returnBundle(Bundle.class)
                .execute()
                .getTotal();
    }
}

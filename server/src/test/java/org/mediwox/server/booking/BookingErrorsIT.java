package org.mediwox.server.booking;

import static org.assertj.core.api.Assertions.assertThat;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mediwox.server.booking.BookingClient.Answer;
import org.mediwox.server.support.ServerIT;
import org.mediwox.server.support.TestPool;

/** Bad booking requests get a clear OperationOutcome with the right status, and change nothing. */
class BookingErrorsIT extends ServerIT {

    private BookingClient booking;
    private TestPool pool;

    @BeforeEach
    void pool() {
        booking = new BookingClient(fhirBase(), fhirContext, token());
        pool = TestPool.create(client(), 1, 2, 2);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = ';',
            value = {
                "unknown patient;               404; Patient/no-such-patient",
                "unknown slot;                  404; Slot/no-such-slot",
                "end before start;              400; must be after start",
                "window in the past;            422; in the past",
                "slot already booked;           409; is busy",
                "patient busy at that time;     409; patient already has an appointment",
                "specialty not system|code;     400; must be system|code",
                "unknown specialty;             422; No active provider",
                "bad priority;                  400; priority must be",
                "nothing to book;               400; $book needs",
                "cancelled appointment rebooked; 422; already cancelled",
                "another patient's appointment rescheduled; 422; not an appointment of the patient",
                "idempotency key too long;      400; 1 to 200 characters"
            })
    void badRequest_isRefusedWithAClearOutcome_andChangesNothing(String scenario, int status, String message) {
        Parameters request = requestFor(scenario);
        int appointmentsBefore = appointmentCount();

        Answer answer = booking.book(request, null);

        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.body()).contains("OperationOutcome").contains(message).doesNotContain("\tat ", "SQL");
        assertThat(answer.refusal().getIssueFirstRep().getDiagnostics()).contains(message);
        assertThat(appointmentCount()).isEqualTo(appointmentsBefore);
    }

    private Parameters requestFor(String scenario) {
        String patient = pool.patientIds().get(0);
        String slot = pool.slotIds().get(0);
        return switch (scenario) {
            case "unknown patient" -> BookingClient.poolRequest("no-such-patient", pool.specialtyToken());
            case "unknown slot" -> BookingClient.slotRequest(patient, "no-such-slot");
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

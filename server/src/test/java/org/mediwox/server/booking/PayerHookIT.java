package org.mediwox.server.booking;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.awaitility.Awaitility;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Slot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mediwox.plugin.vocabulary.MediwoxExtensions;
import org.mediwox.server.booking.BookingClient.Answer;
import org.mediwox.server.support.CdsPayer;
import org.mediwox.server.support.ServerIT;
import org.mediwox.server.support.SmartLogin;
import org.mediwox.server.support.TestPool;

/**
 * The payer hook of {@code $book} (Da Vinci CRD {@code appointment-book} over CDS Hooks) against a payer's CDS service
 * run by the test ({@link CdsPayer}): what it is asked, that its cards are answered and kept, that a slow or failing
 * payer neither delays a booking beyond the timeout (1 s in the tests) nor fails it and is asked again, and the
 * insurance inputs of {@code $find} and {@code $book}.
 */
class PayerHookIT extends ServerIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    /** What a booking may take beside the payer's timeout on a shared, loaded 2-core machine. */
    private static final Duration MARGIN = Duration.ofMillis(2500);

    private static final String PRIOR_AUTH_CARDS = """
            {"cards": [
              {"uuid": "c-1", "summary": "Prior authorization needed",
               "indicator": "warning", "detail": "Send the **referral** first.",
               "source": {"label": "Test Payer", "url": "https://payer.example/rules",
                          "topic": {"system": "http://hl7.org/fhir/us/davinci-crd/CodeSystem/temp",
                                    "code": "prior-auth", "display": "Prior authorization"}},
               "links": [{"label": "Request authorization", "url": "https://payer.example/pa", "type": "absolute"},
                         {"label": "SMART app", "url": "https://payer.example/launch", "type": "smart"}]},
              {"summary": "Not covered at this location", "indicator": "critical",
               "source": {"label": "Test Payer"}},
              {"summary": "a card without indicator is left out", "source": {"label": "Test Payer"}}
             ],
             "systemActions": [{"type": "update", "description": "coverage information",
               "resource": {"resourceType": "Appointment", "status": "proposed", "participant": [],
                 "extension": [{"url": "http://hl7.org/fhir/us/davinci-crd/StructureDefinition/ext-coverage-information",
                   "extension": [{"url": "covered", "valueCode": "covered"},
                                 {"url": "pa-needed", "valueCode": "auth-needed"},
                                 {"url": "date", "valueDate": "2026-12-05"}]}]}}]}
            """;

    private CdsPayer payer;
    private BookingClient booking;

    @BeforeEach
    void payer() {
        payer = CdsPayer.start().answering(PRIOR_AUTH_CARDS);
        booking = new BookingClient(fhirBase(), fhirContext, token());
    }

    @AfterEach
    void payerGone() {
        payer.close();
    }

    @Test
    void book_withInsuranceReference_asksThePayerWithContextAndPrefetch_andKeepsItsCards() {
        TestPool pool = TestPool.create(client(), 1, 2, 1);
        String patient = pool.patientIds().get(0);
        String coverage = coverageOf(patient);

        Answer answer = booking.book(withInsuranceReference(pool, patient, coverage), null);

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        Appointment booked = answer.appointment();
        assertThat(payer.requests()).singleElement().satisfies(request -> {
            assertThat(request.path("hook").asText()).isEqualTo("appointment-book");
            assertThat(request.path("hookInstance").asText()).isNotBlank();
            JsonNode context = request.path("context");
            assertThat(context.path("patientId").asText()).isEqualTo(patient);
            assertThat(context.path("userId").asText()).isEqualTo("Patient/" + patient); // a back end has no user
            JsonNode appointments = context.path("appointments");
            assertThat(appointments.path("resourceType").asText()).isEqualTo("Bundle");
            assertThat(appointments.path("entry")).hasSize(1);
            JsonNode proposed = appointments.path("entry").get(0).path("resource");
            assertThat(proposed.path("resourceType").asText()).isEqualTo("Appointment");
            assertThat(proposed.path("id").asText()).isEqualTo(booked.getIdPart());
            assertThat(proposed.path("status").asText()).isEqualTo("proposed");
            assertThat(proposed.path("slot").get(0).path("reference").asText())
                    .isEqualTo("Slot/" + pool.slotIds().get(0));
            JsonNode prefetch = request.path("prefetch");
            assertThat(prefetch.path("patient").path("resourceType").asText()).isEqualTo("Patient");
            assertThat(prefetch.path("patient").path("id").asText()).isEqualTo(patient);
            assertThat(prefetch.path("coverage").path("entry")).hasSize(1);
            assertThat(prefetch.path("coverage")
                            .path("entry")
                            .get(0)
                            .path("resource")
                            .path("id")
                            .asText())
                    .isEqualTo(coverage);
        });
        assertPriorAuthCards(booked, coverage);
        Appointment stored = client().read()
                .resource(Appointment.class)
                .withId(booked.getIdPart())
                .execute();
        assertPriorAuthCards(stored, coverage);
        assertThat(stored.getStatus()).isEqualTo(Appointment.AppointmentStatus.BOOKED);
        assertThat(stored.getExtensionsByUrl(MediwoxExtensions.CRD_COVERAGE_INFORMATION))
                .singleElement()
                .satisfies(e -> assertThat(e.getExtensionString("pa-needed")).isEqualTo("auth-needed"));
    }

    @Test
    void book_withoutInsuranceInput_asksAboutTheCoverageOnFile_andArgonautCoverageIsTakenToo() {
        TestPool pool = TestPool.create(client(), 1, 2, 2);
        String onFile = coverageOf(pool.patientIds().get(0));
        Coverage given = client().read()
                .resource(Coverage.class)
                .withId(coverageOf(pool.patientIds().get(1)))
                .execute();

        Answer byFile = booking.book(BookingClient.poolRequest(pool.patientIds().get(0), pool.specialtyToken()), null);
        Parameters argonaut = BookingClient.poolRequest(pool.patientIds().get(1), pool.specialtyToken());
        argonaut.addParameter().setName("coverage").setResource(given);
        Answer byArgonaut = booking.book(argonaut, null);

        assertThat(byFile.status()).as(byFile.body()).isEqualTo(200);
        assertThat(byArgonaut.status()).as(byArgonaut.body()).isEqualTo(200);
        assertThat(payer.requests()).hasSize(2);
        assertThat(coverageIdsAskedAbout(payer.requests().get(0))).containsExactly(onFile);
        assertThat(coverageIdsAskedAbout(payer.requests().get(1)))
                .containsExactly(given.getIdElement().getIdPart());
        assertThat(byArgonaut.appointment().getExtensionsByUrl(MediwoxExtensions.PAYER_CARD))
                .hasSize(2);
    }

    @Test
    void book_forAPatientWithoutCoverage_asksNoPayer() {
        TestPool pool = TestPool.create(client(), 1, 1, 1);

        Answer answer = booking.book(BookingClient.poolRequest(pool.patientIds().get(0), pool.specialtyToken()), null);

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(payer.requests()).isEmpty();
        assertThat(answer.appointment().getExtensionsByUrl(MediwoxExtensions.PAYER_CHECK))
                .isEmpty();
    }

    @Test
    void book_withAFiveSecondPayer_answersWithinTheTimeout_booked_andTheRetryKeepsTheCardsLater() {
        TestPool pool = TestPool.create(client(), 1, 1, 1);
        String patient = pool.patientIds().get(0);
        String coverage = coverageOf(patient);
        payer.slow(Duration.ofSeconds(5));

        Instant asked = Instant.now();
        Answer answer = booking.book(withInsuranceReference(pool, patient, coverage), null);
        Duration took = Duration.between(asked, Instant.now());

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(took).as("a 5 s payer, timeout 1 s").isLessThan(TIMEOUT.plus(MARGIN));
        assertBookedWithCheckPending(answer, pool);
        payer.answering(PRIOR_AUTH_CARDS);
        awaitCardsKept(answer.appointment().getIdPart(), coverage);
    }

    @Test
    void book_withAFailingPayer_isBookedAtOnce_theFailureRecorded_andTheRetryKeepsTheCards() {
        TestPool pool = TestPool.create(client(), 1, 1, 1);
        String patient = pool.patientIds().get(0);
        String coverage = coverageOf(patient);
        payer.failing(500);

        Instant asked = Instant.now();
        Answer answer = booking.book(withInsuranceReference(pool, patient, coverage), null);
        Duration took = Duration.between(asked, Instant.now());

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(took).isLessThan(TIMEOUT.plus(MARGIN));
        assertBookedWithCheckPending(answer, pool);
        payer.answering(PRIOR_AUTH_CARDS);
        awaitCardsKept(answer.appointment().getIdPart(), coverage);
    }

    @Test
    void book_withAPayerThatIsDown_isBooked_andAskedAgainWhenItIsBack() {
        TestPool pool = TestPool.create(client(), 1, 1, 1);
        String patient = pool.patientIds().get(0);
        String coverage = coverageOf(patient);
        payer.close();

        Answer answer = booking.book(withInsuranceReference(pool, patient, coverage), null);

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertBookedWithCheckPending(answer, pool);
        payer = CdsPayer.start().answering(PRIOR_AUTH_CARDS);
        awaitCardsKept(answer.appointment().getIdPart(), coverage);
    }

    @Test
    void book_withAnotherPatientsCoverage_isRefused_andNothingIsBooked() {
        TestPool pool = TestPool.create(client(), 1, 1, 2);
        String foreign = coverageOf(pool.patientIds().get(1));

        Answer answer =
                booking.book(withInsuranceReference(pool, pool.patientIds().get(0), foreign), null);
        Answer unknown =
                booking.book(withInsuranceReference(pool, pool.patientIds().get(0), "999999999"), null);

        assertThat(answer.status()).as(answer.body()).isEqualTo(422);
        assertThat(answer.code()).isEqualTo("not-patients-coverage");
        assertThat(answer.body())
                .contains("Coverage/" + foreign + " is not Patient/"
                        + pool.patientIds().get(0));
        assertThat(unknown.status()).as(unknown.body()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("unknown-coverage");
        assertThat(client().read()
                        .resource(Slot.class)
                        .withId(pool.slotIds().get(0))
                        .execute()
                        .getStatus())
                .isEqualTo(Slot.SlotStatus.FREE);
        assertThat(payer.requests()).isEmpty();
    }

    @Test
    void patientToken_cannotNameAnotherPatientsCoverage_inBookOrFind() {
        TestPool pool = TestPool.create(client(), 1, 1, 1);
        String ana = demoPatient("patient-1");
        String foreign = coverageOf(pool.patientIds().get(0));
        String anas = SmartLogin.launch(
                        serverRoot(), "ana.garcia@example.org", "launch/patient openid fhirUser patient/*.cruds")
                .get("access_token")
                .asText();
        BookingClient asAna = new BookingClient(fhirBase(), fhirContext, anas);

        Answer book = asAna.book(withInsuranceReference(pool, ana, foreign), null);
        Parameters find = findRequest();
        find.addParameter().setName("insurance-reference").setValue(new Reference("Coverage/" + foreign));
        Answer found = asAna.post("/Appointment/$find", find, null);

        assertThat(book.status()).as(book.body()).isEqualTo(403);
        assertThat(book.body()).contains("Coverage/" + foreign);
        assertThat(found.status()).as(found.body()).isEqualTo(403);
        assertThat(payer.requests()).isEmpty();
    }

    @Test
    void find_takesThePatientsInsurance_andRefusesAnotherPatients() {
        TestPool pool = TestPool.create(client(), 1, 1, 2);
        String patient = pool.patientIds().get(0);
        String own = coverageOf(patient);
        String foreign = coverageOf(pool.patientIds().get(1));

        Answer accepted = booking.post("/Appointment/$find", findFor(patient, own), null);
        Answer refused = booking.post("/Appointment/$find", findFor(patient, foreign), null);
        Parameters plan = findRequest();
        plan.addParameter().setName("insurance-reference").setValue(new Reference("InsurancePlan/1"));
        Answer byPlan = booking.post("/Appointment/$find", plan, null);

        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        assertThat(accepted.bundle().getTotal()).isGreaterThan(0);
        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(refused.code()).isEqualTo("not-patients-coverage");
        assertThat(byPlan.status()).as(byPlan.body()).isEqualTo(400);
        assertThat(byPlan.body()).contains("Coverage");
    }

    private void assertBookedWithCheckPending(Answer answer, TestPool pool) {
        Appointment booked = answer.appointment();
        assertThat(booked.getStatus()).isEqualTo(Appointment.AppointmentStatus.BOOKED);
        assertThat(booked.getExtensionsByUrl(MediwoxExtensions.PAYER_CARD)).isEmpty();
        OperationOutcome outcome = answer.bundle().getEntry().stream()
                .map(e -> e.getResource())
                .filter(OperationOutcome.class::isInstance)
                .map(OperationOutcome.class::cast)
                .findFirst()
                .orElseThrow();
        assertThat(outcome.getIssue())
                .anySatisfy(issue -> assertThat(issue.getDetails().getCodingFirstRep())
                        .satisfies(c -> {
                            assertThat(c.getSystem()).isEqualTo(MediwoxExtensions.PAYER_CHECK_STATUS);
                            assertThat(c.getCode()).isEqualTo("pending");
                        }));
        assertThat(client().read()
                        .resource(Slot.class)
                        .withId(pool.slotIds().get(0))
                        .execute()
                        .getStatus())
                .isEqualTo(Slot.SlotStatus.BUSY);
    }

    private void awaitCardsKept(String appointmentId, String coverage) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertPriorAuthCards(
                        client().read()
                                .resource(Appointment.class)
                                .withId(appointmentId)
                                .execute(),
                        coverage));
    }

    private static void assertPriorAuthCards(Appointment appointment, String coverage) {
        List<Extension> cards = appointment.getExtensionsByUrl(MediwoxExtensions.PAYER_CARD);
        assertThat(cards).hasSize(2);
        Extension first = cards.get(0);
        assertThat(first.getExtensionString("summary")).isEqualTo("Prior authorization needed");
        assertThat(first.getExtensionString("indicator")).isEqualTo("warning");
        assertThat(first.getExtensionString("detail")).isEqualTo("Send the **referral** first.");
        assertThat(first.getExtensionString("source")).isEqualTo("Test Payer");
        assertThat(first.getExtensionsByUrl("link"))
                .singleElement()
                .satisfies(link -> assertThat(link.getExtensionString("url")).isEqualTo("https://payer.example/pa"));
        assertThat(cards.get(1).getExtensionString("indicator")).isEqualTo("critical");
        assertThat(cards.get(1).getExtensionString("summary")).isEqualTo("Not covered at this location");
        Extension check = appointment.getExtensionByUrl(MediwoxExtensions.PAYER_CHECK);
        assertThat(check).isNotNull();
        assertThat(check.getExtensionString("status")).isEqualTo("answered");
        assertThat(((Reference) check.getExtensionByUrl("coverage").getValue()).getReference())
                .isEqualTo("Coverage/" + coverage);
    }

    private static List<String> coverageIdsAskedAbout(JsonNode request) {
        return java.util.stream.StreamSupport.stream(
                        request.path("prefetch").path("coverage").path("entry").spliterator(), false)
                .map(e -> e.path("resource").path("id").asText())
                .toList();
    }

    private String coverageOf(String patientId) {
        Coverage coverage = new Coverage();
        coverage.setStatus(Coverage.CoverageStatus.ACTIVE);
        coverage.setBeneficiary(new Reference("Patient/" + patientId));
        coverage.addPayor(new Reference().setDisplay("Test Payer"));
        return client().create().resource(coverage).execute().getId().getIdPart();
    }

    private static Parameters withInsuranceReference(TestPool pool, String patientId, String coverageId) {
        Parameters parameters = BookingClient.poolRequest(patientId, pool.specialtyToken());
        parameters.addParameter().setName("insurance-reference").setValue(new Reference("Coverage/" + coverageId));
        return parameters;
    }

    private static Parameters findRequest() {
        Parameters find = new Parameters();
        find.addParameter().setName("start").setValue(new DateTimeType(java.util.Date.from(TestPool.FIRST_SLOT)));
        find.addParameter()
                .setName("end")
                .setValue(new DateTimeType(java.util.Date.from(TestPool.FIRST_SLOT.plus(Duration.ofDays(1)))));
        return find;
    }

    private static Parameters findFor(String patientId, String coverageId) {
        Parameters find = findRequest();
        find.addParameter().setName("patient-reference").setValue(new Reference("Patient/" + patientId));
        find.addParameter().setName("insurance-reference").setValue(new Reference("Coverage/" + coverageId));
        return find;
    }
}

package org.mediwox.server.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.param.DateRangeParam;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Map;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.mediwox.server.security.LaunchContexts;
import org.mediwox.server.support.NodeScript;
import org.mediwox.server.support.ServerIT;
import org.mediwox.server.support.SmartLogin;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The clinician workspace as a clinician uses it: {@code clinician-app/e2e/clinician-app.e2e.mjs} drives the built app,
 * served by this server at {@code /clinician}, in headless Chromium — Dr. Amara Okafor signs in standalone, finds in My
 * day the appointment staff booked for her this week, marks the patient arrived and then seen (once refused: the front
 * desk changed the visit meanwhile), switches to Spanish and signs out; then, through the demo EHR simulator, opens
 * Emily Chen's chart (an EHR launch in an iframe), sees her banner, books her into the general practice pool,
 * reschedules that to another provider's time and cancels it; then, standalone on a desktop, opens her Workload
 * dashboard (this week's figures, the period switched and Back, a data table, the CSV) — with axe-core on every screen. This test then checks on
 * the server that exactly that happened. Screenshots go to {@code clinician-app/target/screenshots}.
 */
class ClinicianAppIT extends ServerIT {

    private static final Path APP = Path.of("..", "clinician-app");
    private static final String AMARA_LOGIN = "amara.okafor@clinic.example.org";
    private static final String GENERAL_PRACTICE = "394814009";

    @Test
    void aClinicianWorksThroughTheDay_andBooksForTheChartOpenedInTheEhr() throws IOException, InterruptedException {
        NodeScript.requireChromium();
        assertThat(APP.resolve("node_modules/playwright-core"))
                .as("the clinician-app module's npm ci ran")
                .exists();
        // given: staff booked John Smith with Dr. Okafor within the coming hours (no Slot: the clinic's own entry)
        String john = demoPatient("patient-2");
        String emily = demoPatient("patient-4");
        String visit = client().create()
                .resource(visitWithAmara(john))
                .execute()
                .getId()
                .getIdPart();
        Instant started = Instant.now().minusSeconds(1);

        // when (the script changes the visit as the front desk meanwhile, with the system token)
        JsonNode result;
        try {
            result = NodeScript.run(
                    APP,
                    Map.of(
                            "MEDIWOX_E2E_APPOINTMENT",
                            visit,
                            "MEDIWOX_E2E_PATIENT",
                            "John Smith",
                            "MEDIWOX_E2E_TOKEN",
                            token()),
                    Duration.ofMinutes(4),
                    NodeScript.node(),
                    "e2e/clinician-app.e2e.mjs",
                    serverRoot(),
                    AMARA_LOGIN,
                    SmartLogin.DEMO_PASSWORD,
                    "target/screenshots");
        } finally {
            // Emily is shared by other tests: nothing of this run stays booked for her, whatever step failed
            leaveNothingBooked(emily, started);
        }

        // then: the visit was marked arrived, then fulfilled, by the clinician (JSON Patch), around the front desk's
        // change, which Seen on the older version did not overwrite (refused, reloaded, then done)
        Appointment seen = read(visit);
        assertThat(seen.getStatus()).isEqualTo(Appointment.AppointmentStatus.FULFILLED);
        assertThat(seen.getComment()).isEqualTo("Room 3");
        assertThat(seen.getMeta().getVersionId()).isEqualTo("4");
        assertThat(result.get("statuses").toString()).isEqualTo("[\"Arrived\",\"Seen\"]");
        assertThat(result.get("changedMeanwhile").asText()).isEqualTo("Arrived");

        // the chart opened in the simulator was Emily's, and the pool booking hers, in general practice, explained
        assertThat(result.get("banner").asText()).contains("Emily Chen");
        Appointment booked = read(result.get("booked").asText());
        assertThat(booked.getParticipant())
                .extracting(p -> p.getActor().getReference())
                .contains("Patient/" + emily);
        assertThat(booked.getSpecialtyFirstRep().getCodingFirstRep().getCode()).isEqualTo(GENERAL_PRACTICE);
        assertThat(booked.getExtensionByUrl("https://mediwox.org/fhir/StructureDefinition/assignment-explanation"))
                .as("booked by the pool's rotation, which explains its choice")
                .isNotNull();
        assertThat(booked.getMeta().getLastUpdated()).isAfter(Date.from(started));
        // the app said who from the explanation's values, not from the server's sentence
        assertThat(result.get("why").asText()).contains("was next in turn among the 5 providers");
        // then rescheduled to Dr. Fernández's time ($find, $book naming the old one), which was cancelled ($cancel)
        assertThat(booked.getStatus()).isEqualTo(Appointment.AppointmentStatus.CANCELLED);
        assertThat(booked.getCancelationReason().getCodingFirstRep().getCode()).isEqualTo("rescheduled");
        Appointment moved = read(result.get("moved").asText());
        assertThat(moved.getStatus()).isEqualTo(Appointment.AppointmentStatus.CANCELLED);
        assertThat(moved.getParticipant())
                .extracting(p -> p.getActor().getReference())
                .contains("Patient/" + emily);
        assertThat(moved.getParticipant())
                .extracting(p -> p.getActor().getReference())
                .as("Dr. Luis Fernández's role")
                .contains("PractitionerRole/" + demoRole("role-gp-2"));

        assertThat(result.get("dayEs").asText()).isEqualTo("Mi día");
        assertThat(result.get("signedOut").asBoolean()).isTrue();
        assertThat(result.get("accessibility").fieldNames())
                .toIterable()
                .containsExactlyInAnyOrder(
                        "day", "day-es", "signed-out", "simulator", "chart", "booked", "times", "workload");
        result.get("accessibility")
                .forEach(found -> assertThat(found).as("axe-core findings").isEmpty());
        assertThat(APP.resolve("target/screenshots/day.png")).exists();

        // her Workload dashboard counted her visit of this week, over four weeks and this week by day, and the CSV
        // download was the same report as CSV
        JsonNode workload = result.get("workload");
        assertThat(workload.get("booked4weeks").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(workload.get("bookedWeek").asInt())
                .isBetween(1, workload.get("booked4weeks").asInt());
        assertThat(workload.get("tableRows").asInt()).isEqualTo(7);
        assertThat(workload.get("csvName").asText())
                .matches("workload-\\d{4}-\\d{2}-\\d{2}-to-\\d{4}-\\d{2}-\\d{2}\\.csv");
        assertThat(APP.resolve("target/screenshots/workload.png")).exists();
    }

    @Test
    void theWorkspaceIsServedAtClinician_andTheSimulatorInDemoMode() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> page = http.send(
                HttpRequest.newBuilder(URI.create(serverRoot() + "/clinician/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<div id=\"root\">", "/clinician/assets/");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValue("frame-ancestors 'self'");

        HttpResponse<String> simulator = http.send(
                HttpRequest.newBuilder(URI.create(serverRoot() + "/clinician/ehr-simulator.html"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(simulator.statusCode()).isEqualTo(200);
        assertThat(simulator.body()).contains("EHR simulator");
        // without the page's session and CSRF token, no launch is registered
        HttpResponse<String> forged = http.send(
                HttpRequest.newBuilder(URI.create(serverRoot() + "/demo/ehr-launch"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"patient\":\"1\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).isEqualTo(403);
    }

    @Test
    void theSimulator_existsOnlyInDemoMode() {
        // the controller's own condition decides (the supplier only spares the test HAPI's beans)
        ApplicationContextRunner runner = new ApplicationContextRunner()
                .withBean(
                        EhrSimulatorController.class,
                        () -> new EhrSimulatorController(mock(DaoRegistry.class), mock(LaunchContexts.class)));
        runner.withPropertyValues("mediwox.demo=false")
                .run(context -> assertThat(context).doesNotHaveBean(EhrSimulatorController.class));
        runner.withPropertyValues("mediwox.demo=true")
                .run(context -> assertThat(context).hasSingleBean(EhrSimulatorController.class));
        runner.run(context -> assertThat(context).hasSingleBean(EhrSimulatorController.class));
    }

    private Appointment read(String id) {
        return client().read().resource(Appointment.class).withId(id).execute();
    }

    private void leaveNothingBooked(String patient, Instant since) {
        client()
                .search()
                .forResource(Appointment.class)
                .where(Appointment.PATIENT.hasId("Patient/" + patient))
                .lastUpdated(new DateRangeParam(Date.from(since), null))
                .returnBundle(Bundle.class)
                .execute()
                .getEntry()
                .stream()
                .map(e -> (Appointment) e.getResource())
                .filter(a -> a.getStatus() != Appointment.AppointmentStatus.CANCELLED)
                .forEach(a -> client().delete()
                        .resourceById(a.getIdElement().toUnqualifiedVersionless())
                        .execute());
    }

    /** The id of a demo PractitionerRole by its demo key ({@code role-gp-1} is Dr. Amara Okafor's). */
    private String demoRole(String key) {
        return client().search()
                .forResource(PractitionerRole.class)
                .where(PractitionerRole.IDENTIFIER.exactly().systemAndCode("https://mediwox.org/fhir/demo", key))
                .returnBundle(Bundle.class)
                .execute()
                .getEntryFirstRep()
                .getResource()
                .getIdElement()
                .getIdPart();
    }

    /** A booked visit of John Smith with Dr. Amara Okafor's role, an hour from now (this week in any case). */
    private Appointment visitWithAmara(String patient) {
        Instant start = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MINUTES);
        Appointment visit = new Appointment().setStatus(Appointment.AppointmentStatus.BOOKED);
        visit.setStart(Date.from(start)).setEnd(Date.from(start.plus(20, ChronoUnit.MINUTES)));
        visit.addReasonCode(new CodeableConcept().setText("Blood pressure follow-up"));
        visit.addParticipant()
                .setActor(new Reference("Patient/" + patient))
                .setStatus(Appointment.ParticipationStatus.ACCEPTED);
        visit.addParticipant()
                .setActor(new Reference("PractitionerRole/" + demoRole("role-gp-1")))
                .setStatus(Appointment.ParticipationStatus.ACCEPTED);
        return visit;
    }
}

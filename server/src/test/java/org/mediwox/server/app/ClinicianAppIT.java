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
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.MarkdownType;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.PractitionerRole.DaysOfWeek;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Schedule;
import org.hl7.fhir.r4.model.Slot;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;
import org.mediwox.plugin.vocabulary.MediwoxExtensions;
import org.mediwox.scheduling.generation.AvailabilityRules;
import org.mediwox.scheduling.generation.ConflictTasks;
import org.mediwox.scheduling.generation.SlotGenerator;
import org.mediwox.server.security.LaunchContexts;
import org.mediwox.server.support.NodeScript;
import org.mediwox.server.support.ServerIT;
import org.mediwox.server.support.SmartLogin;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The clinician workspace as a clinician uses it: {@code clinician-app/e2e/clinician-app.e2e.mjs} drives the built app,
 * served by this server at {@code /clinician}, in headless Chromium — Dr. Amara Okafor signs in standalone, finds in My
 * day the appointment staff booked for her this week, marks the patient arrived and then seen (once refused: the front
 * desk changed the visit meanwhile), switches to Spanish and signs out; then, through the demo EHR simulator, opens
 * Emily Chen's chart (an EHR launch in an iframe), sees her banner, books her into the general practice pool with the keyboard only,
 * reschedules that to another provider's time and cancels it; then, standalone on a desktop, opens her Workload
 * dashboard (this week's figures, the period switched and Back, a data table, the CSV) — with axe-core on every screen. This test then checks on
 * the server that exactly that happened. Screenshots go to {@code clinician-app/target/screenshots}.
 */
class ClinicianAppIT extends ServerIT {

    private static final Path APP = Path.of("..", "clinician-app");
    private static final String AMARA_LOGIN = "amara.okafor@clinic.example.org";
    private static final String GENERAL_PRACTICE = "394814009";
    private static final String NOOR_LOGIN = "noor.haddad@clinic.example.org";
    private static final ZoneId CLINIC_ZONE = ZoneId.of("America/New_York");

    @Autowired
    private SlotGenerator generator;

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
        // My day showed what the payer said of the visit: CRD's codes in words, the card with its indicator in words
        assertThat(result.at("/payer/coverage").asText()).isEqualTo("Coverage: Covered · Prior authorization needed");
        assertThat(result.at("/payer/cards"))
                .extracting(JsonNode::asText)
                .singleElement()
                .satisfies(card -> assertThat(card)
                        .startsWith("warning Warning: Prior authorization needed")
                        .contains("Send the referral first.", "Source: Test Payer")
                        .doesNotContain("**"));
        assertThat(result.at("/payer/markup").asInt())
                .as("the Markdown detail shown as text")
                .isZero();

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

    /**
     * The Availability tab ({@code clinician-app/e2e/availability.e2e.mjs}): Noor Haddad, the demo clinic's manager,
     * adds Saturday hours and a leave day to a provider of the clinic whose Schedule is generated from their hours, over
     * a day on which a patient is booked with them; after a save refused once (the role was changed meanwhile: 412) the
     * role holds both, the generation raised the conflict Task and the tab listed the visit to move; a clinician is
     * shown their hours read-only and refused (403) when changing another provider's hours.
     */
    @Test
    void aManagerDefinesAProvidersAvailability_andSeesTheVisitsToMove() throws IOException, InterruptedException {
        NodeScript.requireChromium();
        // given: a provider of the demo clinic at a site of its own (so no other test's pool changes) working Monday to
        // Friday 9-12, with a generated Schedule of hour-long Slots, and Lily Smith booked on one of them
        String clinic = client().search()
                .forResource(Organization.class)
                .where(Organization.IDENTIFIER.exactly().systemAndCode("https://mediwox.org/fhir/demo", "clinic"))
                .returnBundle(Bundle.class)
                .execute()
                .getEntryFirstRep()
                .getResource()
                .getIdElement()
                .getIdPart();
        String code = UUID.randomUUID().toString().substring(0, 8);
        Location location = new Location()
                .setName("Availability site " + code)
                .setManagingOrganization(new Reference("Organization/" + clinic));
        location.addExtension(AvailabilityRules.TIMEZONE, new StringType(CLINIC_ZONE.getId()));
        String site = create(location);
        Practitioner practitioner = new Practitioner();
        practitioner
                .addName()
                .setFamily("Availability " + code)
                .addGiven("Rosa")
                .addPrefix("Dr.");
        String practitionerId = create(practitioner);
        CodeableConcept specialty =
                new CodeableConcept().addCoding(new Coding("https://mediwox.org/fhir/test-specialty", code, "Test"));
        PractitionerRole role = new PractitionerRole().setActive(true);
        role.setPractitioner(
                new Reference("Practitioner/" + practitionerId).setDisplay("Dr. Rosa Availability " + code));
        role.setOrganization(new Reference("Organization/" + clinic));
        role.addLocation(new Reference("Location/" + site));
        role.addSpecialty(specialty);
        var hours = role.addAvailableTime().setAvailableStartTime("09:00:00").setAvailableEndTime("12:00:00");
        for (DaysOfWeek day : List.of(DaysOfWeek.MON, DaysOfWeek.TUE, DaysOfWeek.WED, DaysOfWeek.THU, DaysOfWeek.FRI)) {
            hours.addDaysOfWeek(day);
        }
        String roleId = create(role);
        Schedule schedule = new Schedule().setActive(true);
        schedule.getMeta().addTag(MediwoxExtensions.SCHEDULE_MANAGEMENT, MediwoxExtensions.GENERATED, "Generated");
        schedule.addActor(new Reference("PractitionerRole/" + roleId));
        schedule.addActor(new Reference("Location/" + site));
        schedule.addSpecialty(specialty);
        schedule.addExtension(
                MediwoxExtensions.SLOT_LENGTH,
                new org.hl7.fhir.r4.model.Duration()
                        .setValue(60)
                        .setSystem("http://unitsofmeasure.org")
                        .setCode("min"));
        String scheduleId = create(schedule);
        generateUntilDone(scheduleId);
        LocalDate leaveDay = weekdayFrom(LocalDate.now(CLINIC_ZONE).plusDays(3));
        Instant ten = leaveDay.atTime(LocalTime.of(10, 0)).atZone(CLINIC_ZONE).toInstant();
        Slot slot = client()
                .search()
                .forResource(Slot.class)
                .where(Slot.SCHEDULE.hasId("Schedule/" + scheduleId))
                .returnBundle(Bundle.class)
                .count(200)
                .execute()
                .getEntry()
                .stream()
                .map(e -> (Slot) e.getResource())
                .filter(s -> s.getStart().toInstant().equals(ten))
                .findFirst()
                .orElseThrow(() -> new AssertionError("a generated Slot at 10:00 on " + ten));
        String lily = demoPatient("patient-5");
        Patient lilyPatient =
                client().read().resource(Patient.class).withId(lily).execute();
        String patientName = lilyPatient.getNameFirstRep().getGivenAsSingleString() + " "
                + lilyPatient.getNameFirstRep().getFamily();
        Appointment visit = new Appointment().setStatus(Appointment.AppointmentStatus.BOOKED);
        visit.setStart(slot.getStart()).setEnd(slot.getEnd());
        visit.addSlot(new Reference("Slot/" + slot.getIdElement().getIdPart()));
        visit.addParticipant()
                .setActor(new Reference("Patient/" + lily))
                .setStatus(Appointment.ParticipationStatus.ACCEPTED);
        visit.addParticipant()
                .setActor(new Reference("PractitionerRole/" + roleId))
                .setStatus(Appointment.ParticipationStatus.ACCEPTED);
        String visitId = create(visit);

        // when: the manager works in the tab, while the Slot generation runs every 2 s instead of every minute
        ScheduledExecutorService sweeps = Executors.newSingleThreadScheduledExecutor();
        sweeps.scheduleWithFixedDelay(generator::sweep, 2, 2, TimeUnit.SECONDS);
        JsonNode result;
        try {
            result = NodeScript.run(
                    APP,
                    Map.of(
                            "MEDIWOX_E2E_ROLE", roleId,
                            "MEDIWOX_E2E_LEAVE_DAY", leaveDay.toString(),
                            "MEDIWOX_E2E_APPOINTMENT", visitId,
                            "MEDIWOX_E2E_PATIENT", patientName,
                            "MEDIWOX_E2E_TOKEN", token()),
                    Duration.ofMinutes(5),
                    NodeScript.node(),
                    "e2e/availability.e2e.mjs",
                    serverRoot(),
                    NOOR_LOGIN,
                    AMARA_LOGIN,
                    SmartLogin.DEMO_PASSWORD,
                    "target/screenshots");
        } finally {
            sweeps.shutdownNow();
            sweeps.awaitTermination(30, TimeUnit.SECONDS);
            // Lily is shared by other tests: her visit does not stay booked (cancelled: the conflict Task refers to it)
            Appointment booked = read(visitId);
            booked.setStatus(Appointment.AppointmentStatus.CANCELLED);
            client().update().resource(booked).execute();
        }

        // then: the role holds the Saturday hours and the leave day, written by the manager's second save
        PractitionerRole saved =
                client().read().resource(PractitionerRole.class).withId(roleId).execute();
        assertThat(saved.getTelecomFirstRep().getValue())
                .as("the back office's change kept")
                .isEqualTo("+12025550123");
        assertThat(saved.getNotAvailable()).singleElement().satisfies(leave -> {
            assertThat(leave.getDescription()).isEqualTo("Conference");
            assertThat(leave.getDuring().getStartElement().getValueAsString()).isEqualTo(leaveDay.toString());
            assertThat(leave.getDuring().getEndElement().getValueAsString()).isEqualTo(leaveDay.toString());
        });
        assertThat(saved.getAvailableTime()).anySatisfy(entry -> {
            assertThat(entry.getDaysOfWeek()).extracting(d -> d.getValue()).containsExactly(DaysOfWeek.SAT);
            assertThat(entry.getAvailableStartTime()).isEqualTo("09:00:00");
            assertThat(entry.getAvailableEndTime()).isEqualTo("11:00:00");
        });
        assertThat(result.get("mondayFrom").asText()).isEqualTo("09:00");
        assertThat(result.get("mondayTo").asText()).isEqualTo("12:00");
        assertThat(result.get("changedMeanwhile").asBoolean()).isTrue();
        // the generation raised the conflict Task for the visit, and the tab listed it with the patient
        List<Task> tasks = client()
                .search()
                .forResource(Task.class)
                .where(Task.FOCUS.hasId("Appointment/" + visitId))
                .returnBundle(Bundle.class)
                .execute()
                .getEntry()
                .stream()
                .map(e -> (Task) e.getResource())
                .toList();
        assertThat(tasks)
                .singleElement()
                .satisfies(task ->
                        assertThat(task.getCode().getCodingFirstRep().getCode()).isEqualTo(ConflictTasks.CODE));
        assertThat(result.get("visitToMove").asText()).contains(patientName);
        // the clinician was not offered the hours, and the server refused them a change of them
        assertThat(result.get("clinicianTimeFields").asInt()).isZero();
        assertThat(result.get("clinicianRefused").get("status").asInt()).isEqualTo(403);
        assertThat(result.get("clinicianRefused").get("diagnostics").asText()).contains("managers only");
        assertThat(result.get("accessibility").fieldNames())
                .toIterable()
                .containsExactlyInAnyOrder("availability", "availability-es", "availability-clinician");
        result.get("accessibility")
                .forEach(found -> assertThat(found).as("axe-core findings").isEmpty());
    }

    private String create(org.hl7.fhir.r4.model.Resource resource) {
        return client().create().resource(resource).execute().getId().getIdPart();
    }

    private static LocalDate weekdayFrom(LocalDate day) {
        return day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY
                ? weekdayFrom(day.plusDays(1))
                : day;
    }

    private void generateUntilDone(String scheduleId) {
        for (int attempt = 0; attempt < 100; attempt++) {
            if (!generator.generate(scheduleId).skipped()) {
                return;
            }
            sleep(100);
        }
        throw new AssertionError("Schedule/" + scheduleId + " stayed locked by another generator");
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
        // the payer's answer to the appointment-book hook as the server keeps it (PayerHookIT's cards; the shared test
        // server asks no payer)
        Extension card = visit.addExtension().setUrl(MediwoxExtensions.PAYER_CARD);
        card.addExtension("summary", new StringType("Prior authorization needed"));
        card.addExtension("indicator", new CodeType("warning"));
        card.addExtension("detail", new MarkdownType("Send the **referral** first."));
        card.addExtension("source", new StringType("Test Payer"));
        Extension coverage = visit.addExtension().setUrl(MediwoxExtensions.CRD_COVERAGE_INFORMATION);
        coverage.addExtension("covered", new CodeType("covered"));
        coverage.addExtension("pa-needed", new CodeType("auth-needed"));
        return visit;
    }
}

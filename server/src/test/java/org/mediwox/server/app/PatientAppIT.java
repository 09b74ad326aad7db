package org.mediwox.server.app;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Slot;
import org.junit.jupiter.api.Test;
import org.mediwox.server.support.NodeScript;
import org.mediwox.server.support.ServerIT;
import org.mediwox.server.support.SmartLogin;

/**
 * The patient app as a patient uses it: {@code patient-app/e2e/patient-app.e2e.mjs} drives the built app, served by
 * this server at {@code /app}, in headless Chromium (Debian's {@code chromium}, {@code playwright-core}) — sign in as
 * the demo patient Emily Chen through the SMART launch, book (the first answer lost, the retry books once), change the
 * time, cancel, upload and download a document, switch to Spanish, with axe-core on every screen and the keyboard; a
 * change to a time the clinic closed meanwhile fails and keeps the appointment. This test then checks on the server
 * that exactly that happened. Screenshots go to {@code patient-app/target/screenshots}.
 */
class PatientAppIT extends ServerIT {

    private static final Path APP = Path.of("..", "patient-app");
    private static final String EMILY_LOGIN = "emily.chen@example.org";
    /** Prefers Spanish ({@code Patient.communication}). */
    private static final String ANA_LOGIN = "ana.garcia@example.org";

    @Test
    void aPatientBooksMovesCancelsAndExchangesDocumentsInTheApp() throws IOException, InterruptedException {
        NodeScript.requireChromium();
        assertThat(APP.resolve("node_modules/playwright-core"))
                .as("the patient-app module's npm ci ran")
                .exists();
        String emily = demoPatient("patient-4");
        Instant started = Instant.now().minusSeconds(1);

        // with a system token the script also has the clinic close a time the app offers
        JsonNode result = NodeScript.run(
                APP,
                Map.of("MEDIWOX_E2E_TOKEN", token(), "MEDIWOX_E2E_SPANISH_LOGIN", ANA_LOGIN),
                Duration.ofMinutes(3),
                NodeScript.node(),
                "e2e/patient-app.e2e.mjs",
                serverRoot(),
                EMILY_LOGIN,
                SmartLogin.DEMO_PASSWORD,
                "target/screenshots");

        // a change of time to a time the clinic closed meanwhile failed and kept the appointment (checked in the
        // browser, and below: nothing else was made)
        assertThat(result.get("staleTimeRefused").asText()).startsWith("That time is no longer free");

        // booked once despite the retry: one appointment, then moved (the first one cancelled), then cancelled
        List<Appointment> made = client()
                .search()
                .forResource(Appointment.class)
                .where(Appointment.PATIENT.hasId("Patient/" + emily))
                .lastUpdated(new DateRangeParam(Date.from(started), null))
                .returnBundle(Bundle.class)
                .execute()
                .getEntry()
                .stream()
                .map(e -> (Appointment) e.getResource())
                .toList();
        assertThat(made)
                .extracting(a -> a.getIdElement().getIdPart())
                .containsExactlyInAnyOrder(
                        result.get("booked").asText(), result.get("rescheduled").asText());
        assertThat(made).allSatisfy(a -> assertThat(a.getStatus()).isEqualTo(Appointment.AppointmentStatus.CANCELLED));
        Appointment first = find(made, result.get("booked").asText());
        Appointment moved = find(made, result.get("rescheduled").asText());
        assertThat(moved.getSlotFirstRep().getReference())
                .isNotEqualTo(first.getSlotFirstRep().getReference());
        for (Appointment appointment : made) {
            Slot slot = client().read()
                    .resource(Slot.class)
                    .withId(appointment.getSlotFirstRep().getReferenceElement())
                    .execute();
            assertThat(slot.getStatus()).as("freed again").isEqualTo(Slot.SlotStatus.FREE);
        }

        // uploaded as Emily's attachment, and downloaded byte for byte (checked in the browser)
        DocumentReference document = client().read()
                .resource(DocumentReference.class)
                .withId(result.get("document").asText())
                .execute();
        assertThat(document.getSubject().getReference()).isEqualTo("Patient/" + emily);
        assertThat(document.getCategoryFirstRep().getCodingFirstRep().getCode()).isEqualTo("attachment");
        assertThat(document.getContentFirstRep().getAttachment().getTitle()).isEqualTo("insurance-card.pdf");
        assertThat(result.get("downloadedBytes").asInt()).isPositive();

        // every screen checked by axe-core (the script fails on serious or critical findings), keyboard order
        assertThat(result.get("accessibility").fieldNames())
                .toIterable()
                .containsExactlyInAnyOrder("book", "appointments", "documents", "appointments-es");
        assertThat(result.get("keyboard").toString()).contains("Pedir cita", "Mis citas", "Documentos");
        assertThat(result.get("spanishKeptAfterReload").asBoolean()).isTrue();
        assertThat(result.get("preferredLanguage").asText())
                .as("Ana prefers Spanish (Patient.communication) and gets it on an English browser")
                .isEqualTo("es");
        assertThat(APP.resolve("target/screenshots/book.png")).exists();
        assertThat(APP.resolve("package-lock.json")).exists();
    }

    @Test
    void theAppIsServedAtAppWithCacheableAssetsAndTheRootLeadsThere() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> root = http.send(
                HttpRequest.newBuilder(URI.create(serverRoot() + "/")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(root.statusCode()).isEqualTo(302);
        assertThat(root.headers().firstValue("Location").orElseThrow()).endsWith("/app/");

        HttpResponse<String> page = http.send(
                HttpRequest.newBuilder(URI.create(serverRoot() + "/app/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(page.body()).contains("<div id=\"root\">", "Loading…");
        assertThat(page.headers().firstValue("Cache-Control").orElseThrow()).contains("no-cache");

        Matcher script = Pattern.compile("/app/assets/[\\w.-]+\\.js").matcher(page.body());
        assertThat(script.find()).isTrue();
        HttpResponse<String> asset = http.send(
                HttpRequest.newBuilder(URI.create(serverRoot() + script.group()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(asset.statusCode()).isEqualTo(200);
        assertThat(asset.headers().firstValue("Cache-Control").orElseThrow()).contains("max-age=31536000", "immutable");
    }

    private static Appointment find(List<Appointment> appointments, String id) {
        return appointments.stream()
                .filter(a -> a.getIdElement().getIdPart().equals(id))
                .findFirst()
                .orElseThrow();
    }
}

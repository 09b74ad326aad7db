package org.mediwox.server.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The patient app as a patient uses it: {@code patient-app/e2e/patient-app.e2e.mjs} drives the built app, served by
 * this server at {@code /app}, in headless Chromium (Debian's {@code chromium}, {@code playwright-core}) — sign in as
 * the demo patient Emily Chen through the SMART launch, routes in the URL, free times a week at a time (next and
 * previous week, a date field, an empty week offering the next), book with the keyboard through the review
 * (the next provider in turn held, exactly who and when shown before Confirm; the first answer lost, the retry books
 * once, exactly the held provider and time), the same doctor as last time and a language spoken as filters, add to
 * calendar, a refused duplicate in words, change the time with
 * the same provider, cancel with a reason, preview, upload and download a document, switch to Spanish, a session the
 * server no longer accepts, a family appointment listed for both patients, sign out on a desktop — with axe-core (no
 * violation of any impact) and 44×44 px targets on every screen and dialog; a change to a time the clinic closed
 * meanwhile fails and keeps the appointment. This test then checks on the server that exactly that happened. Screenshots go to {@code patient-app/target/screenshots}.
 */
class PatientAppIT extends ServerIT {

    private static final Path APP = Path.of("..", "patient-app");
    private static final String EMILY_LOGIN = "emily.chen@example.org";
    /** Prefers Spanish ({@code Patient.communication}). */
    private static final String ANA_LOGIN = "ana.garcia@example.org";
    /** Also the father (RelatedPerson) of the demo children Lily and Max. */
    private static final String JOHN_LOGIN = "john.smith@example.org";
    /** Prefers Spanish; not used by the other tests here. */
    private static final String MARIA_LOGIN = "maria.lopez@example.org";

    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void aPatientBooksMovesCancelsAndExchangesDocumentsInTheApp() throws IOException, InterruptedException {
        NodeScript.requireChromium();
        assertThat(APP.resolve("node_modules/playwright-core"))
                .as("the patient-app module's npm ci ran")
                .exists();
        String emily = demoPatient("patient-4");
        Instant started = Instant.now().minusSeconds(1);
        // what earlier tests of Emily left (changed in that last second too) is not this run's
        List<String> earlier = appointmentsSince(emily, Instant.EPOCH).stream()
                .map(a -> a.getIdElement().getIdPart())
                .toList();

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

        // booked once despite the retry: one appointment, then moved (the first one cancelled), then cancelled; the
        // family appointment the script made as staff aside, and the holds of reviews the patient closed (released:
        // cancelled while still held, never booked)
        String family = result.get("family").asText();
        List<Appointment> all = appointmentsSince(emily, started).stream()
                .filter(a -> !a.getIdElement().getIdPart().equals(family))
                .filter(a -> !earlier.contains(a.getIdElement().getIdPart()))
                .toList();
        List<String> holds = new java.util.ArrayList<>();
        result.get("holds").forEach(id -> holds.add(id.asText()));
        List<Appointment> released = all.stream()
                .filter(a -> holds.contains(a.getIdElement().getIdPart()))
                .filter(a -> a.getExtensionByUrl("https://mediwox.org/fhir/StructureDefinition/hold-expiry") != null)
                .toList();
        List<Appointment> made = all.stream().filter(a -> !released.contains(a)).toList();
        // the review held the next provider in turn, and Confirm booked exactly that hold
        assertThat(holds).contains(result.get("booked").asText());
        assertThat(released)
                .as("each review closed before Confirm let its hold go")
                .isNotEmpty()
                .allSatisfy(a -> assertThat(a.getStatus()).isEqualTo(Appointment.AppointmentStatus.CANCELLED));
        assertThat(result.get("sameDoctor").asText())
                .isEqualTo(result.at("/bookedAsHeld/who").asText());
        assertThat(result.get("byLanguage").asText()).isEqualTo("Dr. Luis Fernández");
        assertThat(made)
                .extracting(a -> a.getIdElement().getIdPart())
                .containsExactlyInAnyOrder(
                        result.get("booked").asText(), result.get("rescheduled").asText());
        assertThat(made).allSatisfy(a -> assertThat(a.getStatus()).isEqualTo(Appointment.AppointmentStatus.CANCELLED));
        Appointment first = find(made, result.get("booked").asText());
        Appointment moved = find(made, result.get("rescheduled").asText());
        // the move is coded as such (the app says "Moved"), the cancel carries the patient's reason (HL7's code)
        assertThat(first.getCancelationReason().getCodingFirstRep().getCode()).isEqualTo("rescheduled");
        assertThat(moved.getCancelationReason().getCodingFirstRep().getSystem())
                .isEqualTo("http://terminology.hl7.org/CodeSystem/appointment-cancellation-reason");
        assertThat(moved.getCancelationReason().getCodingFirstRep().getCode()).isEqualTo("pat-fb");
        assertThat(moved.getSlotFirstRep().getReference())
                .isNotEqualTo(first.getSlotFirstRep().getReference());
        for (Appointment appointment : all) {
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
        assertThat(document.getAuthorFirstRep().getReference())
                .as("uploaded by Emily herself")
                .isEqualTo("Patient/" + emily);
        assertThat(result.get("downloadedBytes").asInt()).isPositive();
        // her HEIC photo was previewed as an image: decoded in the browser (Chromium shows no HEIC) to its 96×64 pixels
        assertThat(result.at("/heicPreview/width").asInt()).isEqualTo(96);
        assertThat(result.at("/heicPreview/height").asInt()).isEqualTo(64);
        // the HEIC photo she uploaded and then deleted herself is gone
        assertThatThrownBy(() -> client().read()
                        .resource(DocumentReference.class)
                        .withId(result.get("deletedDocument").asText())
                        .execute())
                .isInstanceOf(ResourceGoneException.class);

        // every screen checked by axe-core and for 44×44 px targets (the script fails on any finding), keyboard order
        assertThat(result.get("accessibility").fieldNames())
                .toIterable()
                .containsExactlyInAnyOrder(
                        "book",
                        "book-empty-week",
                        "review",
                        "appointments",
                        "review-move",
                        "preview",
                        "documents",
                        "preview-heic",
                        "delete",
                        "appointments-es",
                        "review-es",
                        "book-desktop-es",
                        "appointments-desktop-es",
                        "signed-out");
        assertThat(result.get("familyListed").toString())
                .as("an appointment naming two patients leaves My appointments working for both")
                .contains("emily", "ana");
        assertThat(result.get("duplicateRefused").asText()).isEqualTo("You already have an appointment then.");
        assertThat(result.get("duplicateRefusedEs").asText()).isEqualTo("Ya tiene una cita a esa hora.");
        assertThat(result.get("sessionEnded").asBoolean()).isTrue();
        assertThat(result.get("signedOut").asBoolean()).isTrue();
        assertThat(result.get("ics").asBoolean()).isTrue();
        // the insurer's cards kept on the booked Appointment (payer-card) shown in My appointments: the indicator in
        // words, the summary, the Markdown detail as text, who says it
        assertThat(result.get("payerCards"))
                .extracting(JsonNode::asText)
                .satisfiesExactly(
                        warning -> assertThat(warning)
                                .startsWith("warning Please note: Prior authorization needed")
                                .contains("Send the referral first.", "From your insurer: Test Payer")
                                .doesNotContain("**"),
                        critical -> assertThat(critical)
                                .startsWith("critical Important: Not covered at this location")
                                .contains("From your insurer: Test Payer"));
        // a move whose $book answer said the insurer had not answered yet (its pending code) says so
        assertThat(result.get("movedNotice").asText())
                .startsWith("Moved to ")
                .endsWith("Your insurer has not answered yet; we will keep the answer with your appointment.");
        assertThat(result.get("reminders").toString())
                .as("text-message reminders turned off in the app, stored on the server, and on again")
                .isEqualTo("{\"smsOffOnServer\":true,\"smsOnAgainOnServer\":true}");
        assertThat(result.get("routes").asBoolean()).isTrue();
        assertThat(result.get("keyboard").toString()).contains("sign-out", "Pedir cita", "Mis citas", "Documentos");
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

    /**
     * The waiting list as a patient meets it ({@code patient-app/e2e/waitlist.e2e.mjs}): joined in the app on a booked
     * appointment with earlier free times in its pool, the server's sweep holds one of them for her and mails and
     * texts her the offer's link; the app's one-tap move books exactly that hold and the old appointment is moved.
     */
    @Test
    void theWaitlistOfferArrives_andOneTapMovesTheAppointmentThere() throws IOException, InterruptedException {
        NodeScript.requireChromium();
        String emily = demoPatient("patient-4");
        Instant started = Instant.now().minusSeconds(1);
        JsonNode result;
        try {
            result = NodeScript.run(
                    APP,
                    Map.of(),
                    Duration.ofMinutes(3),
                    NodeScript.node(),
                    "e2e/waitlist.e2e.mjs",
                    serverRoot(),
                    EMILY_LOGIN,
                    SmartLogin.DEMO_PASSWORD,
                    "target/screenshots");
        } finally {
            // a run that stopped half-way must not leave Emily's booking, entry or offer to the other tests (the
            // script cancels what it made only at its end)
            appointmentsSince(emily, started).stream()
                    .filter(a -> a.getStatus() != Appointment.AppointmentStatus.CANCELLED)
                    .forEach(a -> client().delete()
                            .resourceById(a.getIdElement().toUnqualifiedVersionless())
                            .execute());
        }

        Appointment booked = read(result.get("booked").asText());
        Appointment moved = read(result.get("movedTo").asText());
        assertThat(booked.getStatus()).isEqualTo(Appointment.AppointmentStatus.CANCELLED);
        assertThat(booked.getCancelationReason().getCodingFirstRep().getCode())
                .as("a move, not a cancellation")
                .isEqualTo("rescheduled");
        assertThat(moved.getStart()).as("earlier").isBefore(booked.getStart());
        assertThat(moved.getServiceCategoryFirstRep().getCodingFirstRep().getCode())
                .isEqualTo(
                        booked.getServiceCategoryFirstRep().getCodingFirstRep().getCode());
        assertThat(moved.getSpecialtyFirstRep().getCodingFirstRep().getCode())
                .as("the same pool")
                .isEqualTo(booked.getSpecialtyFirstRep().getCodingFirstRep().getCode());
        // the offer was told by email and by text message, each with the link the app opened
        List<Map<String, Object>> told = jdbc.queryForList(
                "select channel, body from mediwox.notification_outbox where appointment_id = ? and event = 'offered'"
                        + " order by channel",
                moved.getIdPart());
        assertThat(told).extracting(row -> row.get("channel")).containsExactly("email", "sms");
        assertThat(told)
                .allSatisfy(row -> assertThat((String) row.get("body"))
                        .contains("#/appointments/" + booked.getIdPart() + "/offer"));
        assertThat(result.at("/accessibility").fieldNames())
                .toIterable()
                .containsExactlyInAnyOrder("waitlist", "offer");
        assertThat(APP.resolve("target/screenshots/offer.png")).exists();
    }

    /**
     * A parent books for a child ({@code patient-app/e2e/carer.e2e.mjs}): John Smith signs in as himself, chooses Lily on
     * the server's patient picker, the app says whose appointments these are and books for her; Switch person brings
     * him back as himself.
     */
    @Test
    void aParentBooksForTheirChild_andSwitchesBackToThemselves() throws IOException, InterruptedException {
        NodeScript.requireChromium();
        String lily = demoPatient("patient-5");
        JsonNode result = NodeScript.run(
                APP,
                Map.of(),
                Duration.ofMinutes(3),
                NodeScript.node(),
                "e2e/carer.e2e.mjs",
                serverRoot(),
                JOHN_LOGIN,
                SmartLogin.DEMO_PASSWORD,
                "target/screenshots");

        Appointment booked = read(result.get("booked").asText());
        try {
            assertThat(booked.getStatus()).isEqualTo(Appointment.AppointmentStatus.BOOKED);
            assertThat(booked.getParticipant())
                    .extracting(p -> p.getActor().getReference())
                    .as("booked for Lily, not for her father")
                    .contains("Patient/" + lily)
                    .doesNotContain("Patient/" + demoPatient("patient-2"));
            assertThat(result.get("switchedBack").asBoolean()).isTrue();
            assertThat(result.at("/accessibility").fieldNames())
                    .toIterable()
                    .containsExactlyInAnyOrder("patient-choice", "acting-for");
        } finally {
            // the demo family is shared by other tests
            client().delete()
                    .resourceById(booked.getIdElement().toUnqualifiedVersionless())
                    .execute();
        }
    }

    /**
     * A booking deep link as a slot finder passes it on ({@code patient-app/e2e/deep-link.e2e.mjs}): taken from
     * {@code $bulk-publish}'s Slot files without a token, with {@code source} and {@code booking-referral} added, opened
     * signed out; after the sign-in the app reviews exactly that Slot and books it. The same link, opened by another
     * patient, says the time is no longer free and lists other times at that place.
     */
    @Test
    void aBookingDeepLinkFromBulkPublish_survivesSignIn_booksItsSlot_andATakenOneListsOtherTimes()
            throws IOException, InterruptedException {
        NodeScript.requireChromium();
        String maria = demoPatient("patient-3");
        String emily = demoPatient("patient-4");
        Instant started = Instant.now().minusSeconds(1);
        JsonNode result;
        try {
            result = NodeScript.run(
                    APP,
                    Map.of(),
                    Duration.ofMinutes(3),
                    NodeScript.node(),
                    "e2e/deep-link.e2e.mjs",
                    serverRoot(),
                    MARIA_LOGIN,
                    EMILY_LOGIN,
                    SmartLogin.DEMO_PASSWORD,
                    "target/screenshots");

            String slotId = result.get("slot").asText();
            assertThat(result.get("link").asText())
                    .startsWith(serverRoot() + "/app/?slot=" + slotId + "&")
                    .contains("source=e2e-slot-finder");
            Appointment booked = read(result.get("booked").asText());
            assertThat(booked.getStatus()).isEqualTo(Appointment.AppointmentStatus.BOOKED);
            assertThat(booked.getSlot())
                    .extracting(s -> s.getReferenceElement().getIdPart())
                    .as("exactly the linked Slot")
                    .containsExactly(slotId);
            assertThat(booked.getParticipant())
                    .extracting(p -> p.getActor().getReference())
                    .contains("Patient/" + maria);
            Slot slot = client().read().resource(Slot.class).withId(slotId).execute();
            assertThat(slot.getStatus()).isEqualTo(Slot.SlotStatus.BUSY);
            assertThat(booked.getStart()).isEqualTo(slot.getStart());
            assertThat(appointmentsSince(emily, started))
                    .as("the second patient only saw that the time was taken")
                    .isEmpty();
            assertThat(result.at("/accessibility").fieldNames())
                    .toIterable()
                    .containsExactlyInAnyOrder("deep-link-review", "deep-link-taken");
        } finally {
            // the demo patients and their free times are shared with the other tests
            appointmentsSince(maria, started)
                    .forEach(a -> client().delete()
                            .resourceById(a.getIdElement().toUnqualifiedVersionless())
                            .execute());
        }
    }

    private List<Appointment> appointmentsSince(String patient, Instant since) {
        return client()
                .search()
                .forResource(Appointment.class)
                .where(Appointment.PATIENT.hasId("Patient/" + patient))
                .lastUpdated(new DateRangeParam(Date.from(since), null))
                .count(200)
                .returnBundle(Bundle.class)
                .execute()
                .getEntry()
                .stream()
                .map(e -> (Appointment) e.getResource())
                .toList();
    }

    private Appointment read(String id) {
        return client().read().resource(Appointment.class).withId(id).execute();
    }

    private static Appointment find(List<Appointment> appointments, String id) {
        return appointments.stream()
                .filter(a -> a.getIdElement().getIdPart().equals(id))
                .findFirst()
                .orElseThrow();
    }
}

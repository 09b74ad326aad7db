package org.mediwox.server.fhir.compartment;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;
import org.mediwox.server.audit.AuditEventWriter;
import org.mediwox.server.support.ServerIT;
import org.mediwox.server.support.SmartLogin;
import org.mediwox.server.support.TestPool;
import org.mediwox.server.support.Tokens;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Compartment search {@code Patient/[id]/Appointment} answers what {@code Appointment?actor=Patient/[id]} answers, for
 * every kind of token, filters and paging included; what cannot be answered that way is a 400 saying what to search.
 */
class CompartmentSearchIT extends ServerIT {

    @Autowired
    private AuditEventWriter auditWriter;

    private static final String ANA_LOGIN = "ana.garcia@example.org";

    /** Far from the demo's and other tests' bookings, so a demo patient is free then. */
    private static final Instant NINE = Instant.now().plus(800, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);

    @Test
    void compartmentSearch_withDateFilter_answersTheActorSearch() {
        TestPool pool = TestPool.create(client(), 1, 0, 1);
        String patient = pool.patientIds().get(0);
        List<String> booked = bookThree(pool, patient);

        HttpResponse<String> allResponse = get("/fhir/Patient/" + patient + "/Appointment", token());
        Bundle all = bundle(allResponse);
        String from = "&date=ge" + NINE.plus(Duration.ofMinutes(30));
        Bundle filtered = bundle(get("/fhir/Patient/" + patient + "/Appointment?_count=50" + from, token()));
        Bundle plain = bundle(get("/fhir/Appointment?actor=Patient/" + patient + "&_count=50" + from, token()));

        assertThat(ids(all)).containsExactlyInAnyOrderElementsOf(booked);
        assertThat(ids(filtered)).containsExactlyInAnyOrderElementsOf(booked.subList(1, 3));
        assertThat(ids(filtered)).isEqualTo(ids(plain));
        assertThat(filtered.getType()).isEqualTo(Bundle.BundleType.SEARCHSET);
        assertThat(allResponse.headers().allValues("X-Request-ID")).hasSize(1);
    }

    @Test
    void compartmentSearch_pagesWithWorkingNextLinks_likeTheActorSearch() {
        TestPool pool = TestPool.create(client(), 1, 0, 1);
        String patient = pool.patientIds().get(0);
        List<String> booked = bookThree(pool, patient);

        List<Bundle> compartmentPages = pages("/fhir/Patient/" + patient + "/Appointment?_count=1&_sort=date");
        List<Bundle> plainPages = pages("/fhir/Appointment?actor=Patient/" + patient + "&_count=1&_sort=date");

        assertThat(compartmentPages)
                .hasSize(3)
                .allSatisfy(page -> assertThat(ids(page)).hasSize(1));
        assertThat(compartmentPages.stream().flatMap(page -> ids(page).stream()))
                .containsExactlyElementsOf(booked);
        assertThat(plainPages.stream().flatMap(page -> ids(page).stream())).containsExactlyElementsOf(booked);
    }

    @Test
    void patientToken_searchesItsOwnCompartment_andGetsNothingOfAnotherPatientsCompartment() {
        TestPool pool = TestPool.create(client(), 1, 0, 1);
        String ana = demoPatient("patient-1");
        String other = pool.patientIds().get(0);
        String anas = book(pool, ana, NINE.plus(Duration.ofDays(1)));
        String others = book(pool, other, NINE.plus(Duration.ofDays(2)));
        String anaToken = SmartLogin.launch(serverRoot(), ANA_LOGIN, "launch/patient patient/*.rs")
                .get("access_token")
                .asText();

        HttpResponse<String> own = get("/fhir/Patient/" + ana + "/Appointment?_count=200", anaToken);
        HttpResponse<String> ownPlain = get("/fhir/Appointment?actor=Patient/" + ana + "&_count=200", anaToken);
        assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
        assertThat(ids(bundle(own))).contains(anas).isEqualTo(ids(bundle(ownPlain)));

        HttpResponse<String> theirs = get("/fhir/Patient/" + other + "/Appointment", anaToken);
        HttpResponse<String> theirsPlain = get("/fhir/Appointment?actor=Patient/" + other, anaToken);
        assertThat(theirsPlain.statusCode())
                .as("today's answer to the plain search")
                .isEqualTo(403);
        assertThat(theirs.statusCode()).as(theirs.body()).isEqualTo(403);
        assertThat(theirs.body()).doesNotContain(others);
    }

    @Test
    void compartmentSearch_isAuditedOnce_asTheSearchItRan() throws InterruptedException {
        TestPool pool = TestPool.create(client(), 1, 0, 1);
        String patient = pool.patientIds().get(0);
        book(pool, patient, NINE);

        assertThat(get("/fhir/Patient/" + patient + "/Appointment?_count=7", token())
                        .statusCode())
                .isEqualTo(200);
        auditWriter.flush();

        List<AuditEvent> events = auditEvents("GET /fhir/Appointment?actor=Patient/" + patient + "&_count=7");
        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.getOutcome()).isEqualTo(AuditEvent.AuditEventOutcome._0);
            assertThat(event.getSubtypeFirstRep().getCode()).isEqualTo("search-type");
            assertThat(event.getEntity())
                    .extracting(entity -> entity.getWhat().getReference())
                    .contains("Patient/" + patient);
        });
    }

    @Test
    void typeThatJoinsThroughSeveralParameters_is400_namingTheSearchesToMakeInstead() {
        HttpResponse<String> observations = get("/fhir/Patient/23/Observation", token());

        assertThat(observations.statusCode()).isEqualTo(400);
        assertThat(diagnostics(observations))
                .contains("Patient/23/Observation is not supported")
                .contains("Observation?subject=Patient/23")
                .contains("Observation?performer=Patient/23");
    }

    @Test
    void typeOutsideTheCompartment_andAllTypesAtOnce_are400() {
        HttpResponse<String> slots = get("/fhir/Patient/23/Slot", token());
        HttpResponse<String> everything = get("/fhir/Patient/23/*", token());

        assertThat(slots.statusCode()).isEqualTo(400);
        assertThat(diagnostics(slots)).contains("Slot is not in the Patient compartment");
        assertThat(everything.statusCode()).isEqualTo(400);
        assertThat(diagnostics(everything)).contains("Patient/23/*").contains("search one type");
    }

    @Test
    void capabilityStatement_namesThePatientCompartment() {
        HttpResponse<String> metadata = send(anonymousRequest("/fhir/metadata"));

        assertThat(metadata.body()).contains(PatientCompartmentSearchInterceptor.COMPARTMENT_DEFINITION);
    }

    /** Three booked appointments of the pool's provider for the patient, 09:00, 09:30 and 10:00, in that order. */
    private List<String> bookThree(TestPool pool, String patient) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(book(pool, patient, NINE.plus(Duration.ofMinutes(30L * i))));
        }
        return ids;
    }

    private String book(TestPool pool, String patient, Instant start) {
        String appointment = """
                {"resourceType":"Appointment","status":"booked","start":"%s","end":"%s",
                 "participant":[{"actor":{"reference":"Patient/%s"},"status":"accepted"},
                                {"actor":{"reference":"PractitionerRole/%s"},"status":"accepted"}]}""".formatted(
                        start,
                        start.plus(Duration.ofMinutes(30)),
                        patient,
                        pool.roleIds().get(0));
        HttpResponse<String> created = send(request("/fhir/Appointment")
                .header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(appointment)));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return new IdType(created.headers().firstValue("Location").orElseThrow()).getIdPart();
    }

    private List<AuditEvent> auditEvents(String requestLine) {
        String auditor = Tokens.demoClient(serverRoot(), "system/AuditEvent.rs");
        HttpResponse<String> answer = get(
                "/fhir/AuditEvent?_count=200&entity-name=" + URLEncoder.encode(requestLine, StandardCharsets.UTF_8),
                auditor);
        return bundle(answer).getEntry().stream()
                .map(entry -> (AuditEvent) entry.getResource())
                .filter(event -> event.getEntity().stream().anyMatch(entity -> requestLine.equals(entity.getName())))
                .toList();
    }

    /** Every page of a search, following its next links as a client does. */
    private List<Bundle> pages(String firstPage) {
        List<Bundle> pages = new ArrayList<>();
        Bundle page = bundle(get(firstPage, token()));
        pages.add(page);
        while (page.getLink(Bundle.LINK_NEXT) != null && pages.size() < 10) {
            URI next = URI.create(page.getLink(Bundle.LINK_NEXT).getUrl());
            page = bundle(send(HttpRequest.newBuilder(next).header("Authorization", "Bearer " + token())));
            pages.add(page);
        }
        return pages;
    }

    private HttpResponse<String> get(String path, String accessToken) {
        return send(anonymousRequest(path).header("Authorization", "Bearer " + accessToken));
    }

    private Bundle bundle(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return fhirContext.newJsonParser().parseResource(Bundle.class, response.body());
    }

    private String diagnostics(HttpResponse<String> response) {
        return fhirContext
                .newJsonParser()
                .parseResource(OperationOutcome.class, response.body())
                .getIssueFirstRep()
                .getDiagnostics();
    }

    private static List<String> ids(Bundle bundle) {
        return bundle.getEntry().stream()
                .filter(entry -> entry.getSearch().getMode() == Bundle.SearchEntryMode.MATCH)
                .map(entry -> entry.getResource().getIdElement().getIdPart())
                .toList();
    }
}

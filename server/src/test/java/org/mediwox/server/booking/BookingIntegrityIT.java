package org.mediwox.server.booking;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Slot;
import org.junit.jupiter.api.Test;
import org.mediwox.server.support.Race;
import org.mediwox.server.support.ServerIT;
import org.mediwox.server.support.SmartLogin;
import org.mediwox.server.support.TestPool;
import org.mediwox.server.support.Tokens;

/**
 * The booking rule holds on every path that writes an Appointment, not only in {@code $book}: plain REST creates,
 * updates, patches and deletes, transaction Bundles — the way EHRs and insurers book. PostgreSQL decides (the claims'
 * exclusion constraints), so racing requests are released together by a latch.
 */
class BookingIntegrityIT extends ServerIT {

    private static final String CLINICIAN = "amara.okafor@clinic.example.org";

    @Test
    void twentyConcurrentPlainPostsOnOneSlot_exactlyOneIsCreated_andTheSlotIsBusy() {
        TestPool pool = TestPool.create(client(), 1, 1, 20);
        String slot = pool.slotIds().get(0);

        List<Integer> statuses = Race.run(
                20,
                i -> () -> post("/fhir/Appointment", appointment(pool, 0, i, "booked"))
                        .statusCode());

        assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(19);
        assertThat(activeAppointmentsOn(slot)).hasSize(1);
        assertThat(slotStatus(slot)).isEqualTo(Slot.SlotStatus.BUSY);
    }

    @Test
    void tenConcurrentTransactionsMarkingTheSlotBusyAndBooking_exactlyOneCommits() {
        TestPool pool = TestPool.create(client(), 1, 1, 10);
        String slot = pool.slotIds().get(0);

        List<Integer> statuses = Race.run(
                10,
                i -> () -> post("/fhir", """
                        {"resourceType":"Bundle","type":"transaction","entry":[
                          {"resource":{"resourceType":"Slot","id":"%s","status":"busy","schedule":%s,
                                       "start":"%s","end":"%s"},
                           "request":{"method":"PUT","url":"Slot/%s"}},
                          {"resource":%s,"request":{"method":"POST","url":"Appointment"}}]}""".formatted(
                                        slot,
                                        scheduleOf(slot),
                                        TestPool.FIRST_SLOT,
                                        TestPool.FIRST_SLOT.plus(Duration.ofMinutes(30)),
                                        slot,
                                        appointment(pool, 0, i, "booked")))
                        .statusCode());

        assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(9);
        assertThat(activeAppointmentsOn(slot)).hasSize(1);
    }

    @Test
    void plainPostAndBookRacingForTheOnlySlot_oneWins() {
        TestPool pool = TestPool.create(client(), 1, 1, 2);
        String slot = pool.slotIds().get(0);

        List<Integer> statuses = Race.run(
                2,
                i -> () -> i == 0
                        ? post("/fhir/Appointment", appointment(pool, 0, 0, "booked"))
                                .statusCode()
                        : post("/fhir/Appointment/$book", """
                                {"resourceType":"Parameters","parameter":[
                                  {"name":"patient-reference","valueReference":{"reference":"Patient/%s"}},
                                  {"name":"specialty","valueString":"%s"}]}""".formatted(
                                                pool.patientIds().get(1), pool.specialtyToken()))
                                .statusCode());

        assertThat(statuses).containsOnlyOnce(statuses.get(0) == 201 ? 201 : 200);
        assertThat(activeAppointmentsOn(slot)).hasSize(1);
        assertThat(slotStatus(slot)).isEqualTo(Slot.SlotStatus.BUSY);
    }

    @Test
    void aRefusedPlainBooking_isA409NamingTheSlotAndItsAppointment_andNothingOfTheBundleIsStored() {
        TestPool pool = TestPool.create(client(), 1, 1, 2);
        String first = idOf(post("/fhir/Appointment", appointment(pool, 0, 0, "booked")));

        String family = "Never-stored-" + System.nanoTime();
        HttpResponse<String> refused = post("/fhir", """
                {"resourceType":"Bundle","type":"transaction","entry":[
                  {"resource":{"resourceType":"Patient","name":[{"family":"%s"}]},
                   "request":{"method":"POST","url":"Patient"}},
                  {"resource":%s,"request":{"method":"POST","url":"Appointment"}}]}""".formatted(family, appointment(pool, 0, 1, "booked")));

        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body())
                .contains("OperationOutcome")
                .contains("Slot/" + pool.slotIds().get(0) + " is already held or booked by Appointment/" + first)
                .doesNotContain("PSQLException", "SQL", "at org.");
        assertThat(code(refused)).isEqualTo("slot-taken");
        Bundle patients = client().search()
                .byUrl("Patient?family=" + family)
                .returnBundle(Bundle.class)
                .execute();
        assertThat(patients.getEntry()).isEmpty();
    }

    @Test
    void aProviderBookedWithoutSlots_cannotOverlap_alsoThroughAnotherOfTheirRoles() {
        TestPool pool = TestPool.create(client(), 1, 0, 3);
        PractitionerRole role = client().read()
                .resource(PractitionerRole.class)
                .withId(pool.roleIds().get(0))
                .execute();
        PractitionerRole secondRole = new PractitionerRole().setActive(true);
        secondRole.setPractitioner(new Reference(role.getPractitioner().getReference()));
        String secondRoleId =
                client().create().resource(secondRole).execute().getId().getIdPart();
        Instant nine = TestPool.FIRST_SLOT.plus(Duration.ofDays(3));

        HttpResponse<String> first = post(
                "/fhir/Appointment",
                withoutSlot(pool.patientIds().get(0), "PractitionerRole/" + role.getIdPart(), nine));
        HttpResponse<String> sameRole = post(
                "/fhir/Appointment",
                withoutSlot(
                        pool.patientIds().get(1),
                        "PractitionerRole/" + role.getIdPart(),
                        nine.plus(Duration.ofMinutes(15))));
        HttpResponse<String> otherRole = post(
                "/fhir/Appointment",
                withoutSlot(pool.patientIds().get(2), "PractitionerRole/" + secondRoleId, nine.plusSeconds(60)));
        HttpResponse<String> afterwards = post(
                "/fhir/Appointment",
                withoutSlot(
                        pool.patientIds().get(2),
                        "PractitionerRole/" + secondRoleId,
                        nine.plus(Duration.ofMinutes(30))));

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(sameRole.statusCode()).isEqualTo(409);
        assertThat(sameRole.body()).contains("PractitionerRole/" + role.getIdPart() + " already has Appointment/");
        assertThat(otherRole.statusCode()).isEqualTo(409);
        assertThat(otherRole.body()).contains(role.getPractitioner().getReference() + " already has Appointment/");
        assertThat(List.of(code(sameRole), code(otherRole))).containsOnly("provider-busy");
        assertThat(afterwards.statusCode()).as("back to back is not an overlap").isEqualTo(201);
    }

    @Test
    void aPlainBookingRetriedWithIfNoneExist_answersTheFirstAppointment_andBooksOnce() {
        TestPool pool = TestPool.create(client(), 1, 1, 1);
        String identifier = "urn:ehr:booking|" + System.nanoTime();
        String json = appointment(pool, 0, 0, "booked")
                .replace(
                        "{\"resourceType\":\"Appointment\",",
                        "{\"resourceType\":\"Appointment\",\"identifier\":[{\"system\":\"urn:ehr:booking\","
                                + "\"value\":\"" + identifier.substring(identifier.indexOf('|') + 1) + "\"}],");

        HttpResponse<String> first = send(request("/fhir/Appointment")
                .header("Content-Type", "application/fhir+json")
                .header("If-None-Exist", "identifier=" + identifier)
                .POST(HttpRequest.BodyPublishers.ofString(json)));
        HttpResponse<String> retry = send(request("/fhir/Appointment")
                .header("Content-Type", "application/fhir+json")
                .header("If-None-Exist", "identifier=" + identifier)
                .POST(HttpRequest.BodyPublishers.ofString(json)));

        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(retry.statusCode()).as(retry.body()).isEqualTo(200);
        assertThat(retry.body()).contains("\"id\":\"" + idOf(first) + "\"");
        assertThat(activeAppointmentsOn(pool.slotIds().get(0))).hasSize(1);
    }

    @Test
    void aPatient_cannotHaveTwoOverlappingActiveAppointments_byAnyPath() {
        TestPool pool = TestPool.create(client(), 2, 1, 1);
        String patient = pool.patientIds().get(0);
        Instant first = TestPool.FIRST_SLOT; // the time of both providers' Slots
        assertThat(post(
                                "/fhir/Appointment",
                                withoutSlot(
                                        patient,
                                        "PractitionerRole/" + pool.roleIds().get(0),
                                        first))
                        .statusCode())
                .isEqualTo(201);
        String otherRole = "PractitionerRole/" + pool.roleIds().get(1);
        String otherSlot = pool.slotIds().get(1);
        HttpResponse<String> later =
                post("/fhir/Appointment", withoutSlot(patient, otherRole, first.plusSeconds(7200)));
        assertThat(later.statusCode()).isEqualTo(201);
        BookingClient booking = new BookingClient(fhirBase(), fhirContext, token());

        HttpResponse<String> plain = post("/fhir/Appointment", withoutSlot(patient, otherRole, first.plusSeconds(600)));
        BookingClient.Answer booked = booking.book(BookingClient.slotRequest(patient, otherSlot), null);
        BookingClient.Answer held =
                booking.post("/Appointment/$hold", BookingClient.slotRequest(patient, otherSlot), null);
        String moved = withoutSlot(patient, otherRole, first.plusSeconds(600))
                .replace(
                        "{\"resourceType\":\"Appointment\",",
                        "{\"resourceType\":\"Appointment\",\"id\":\"" + idOf(later) + "\",");
        HttpResponse<String> update = send(request("/fhir/Appointment/" + idOf(later))
                .header("Content-Type", "application/fhir+json")
                .PUT(HttpRequest.BodyPublishers.ofString(moved)));
        HttpResponse<String> transaction =
                post("/fhir", """
                {"resourceType":"Bundle","type":"transaction","entry":[{"resource":%s,
                 "request":{"method":"POST","url":"Appointment"}}]}""".formatted(withoutSlot(patient, otherRole, first.plusSeconds(900))));

        for (int status : List.of(
                plain.statusCode(), booked.status(), held.status(), update.statusCode(), transaction.statusCode())) {
            assertThat(status).isEqualTo(409);
        }
        assertThat(plain.body()).contains("Patient/" + patient + " already has Appointment/");
        assertThat(booked.refusal().getIssueFirstRep().getDiagnostics())
                .contains("the patient already has an appointment");
        assertThat(List.of(code(plain), booked.code(), held.code(), code(update), code(transaction)))
                .containsOnly("patient-busy");
        assertThat(slotStatus(otherSlot)).isEqualTo(Slot.SlotStatus.FREE);
    }

    @Test
    void theSlotFollowsItsAppointment_onEveryPath() {
        TestPool pool = TestPool.create(client(), 1, 3, 3);
        String held = pool.slotIds().get(0);
        String booked = pool.slotIds().get(1);

        String pending = idOf(post("/fhir/Appointment", appointment(pool, 0, 0, "pending")));
        assertThat(slotStatus(held)).isEqualTo(Slot.SlotStatus.BUSYTENTATIVE);
        String id = idOf(post("/fhir/Appointment", appointment(pool, 1, 1, "booked")));
        assertThat(slotStatus(booked)).isEqualTo(Slot.SlotStatus.BUSY);

        assertThat(patchStatus(id, "noshow").statusCode()).isEqualTo(200);
        assertThat(slotStatus(booked)).as("a no-show spends the time").isEqualTo(Slot.SlotStatus.BUSY);

        String other = idOf(post("/fhir/Appointment", appointment(pool, 2, 2, "booked")));
        assertThat(patchStatus(other, "cancelled").statusCode()).isEqualTo(200);
        assertThat(slotStatus(pool.slotIds().get(2))).isEqualTo(Slot.SlotStatus.FREE);

        assertThat(send(request("/fhir/Appointment/" + pending).DELETE()).statusCode())
                .isEqualTo(200);
        assertThat(slotStatus(held)).isEqualTo(Slot.SlotStatus.FREE);
    }

    @Test
    void aSlotSetFreeByHandWhileBooked_isRefused_andFindNeverOffersIt() {
        TestPool pool = TestPool.create(client(), 1, 2, 1);
        String slot = pool.slotIds().get(0);
        String booked = idOf(post("/fhir/Appointment", appointment(pool, 0, 0, "booked")));

        HttpResponse<String> freed = send(request("/fhir/Slot/" + slot)
                .header("Content-Type", "application/json-patch+json")
                .method(
                        "PATCH",
                        HttpRequest.BodyPublishers.ofString(
                                "[{\"op\":\"replace\",\"path\":\"/status\",\"value\":\"free\"}]")));

        assertThat(freed.statusCode()).isEqualTo(409);
        assertThat(freed.body()).contains("Slot/" + slot + " cannot be set free");
        assertThat(code(freed)).isEqualTo("slot-in-use");
        assertThat(slotStatus(slot)).isEqualTo(Slot.SlotStatus.BUSY);
        HttpResponse<String> found = send(request("/fhir/Appointment/$find?specialty="
                        + pool.specialtyToken().replace("|", "%7C") + "&start="
                        + TestPool.FIRST_SLOT.minusSeconds(60) + "&end="
                        + TestPool.FIRST_SLOT.plus(Duration.ofHours(2)))
                .GET());
        assertThat(found.statusCode()).isEqualTo(200);
        assertThat(found.body())
                .doesNotContain("Slot/" + slot + "\"")
                .contains("Slot/" + pool.slotIds().get(1));
        assertThat(booked).isNotBlank();
    }

    @Test
    void theRulesOnPlainWrites_refuseWithTheirCodes() {
        TestPool pool = TestPool.create(client(), 1, 2, 1);
        String held = idOf(post("/fhir/Appointment", appointment(pool, 0, 0, "pending")));
        String cancelled = idOf(post("/fhir/Appointment", appointment(pool, 1, 0, "booked")));
        assertThat(patchStatus(cancelled, "cancelled").statusCode()).isEqualTo(200);

        HttpResponse<String> confirmedByPatch = patchStatus(held, "booked");
        HttpResponse<String> revived = patchStatus(cancelled, "booked");
        HttpResponse<String> groupSlot = post("/fhir/Slot", """
                {"resourceType":"Slot","status":"free","schedule":%s,"start":"%s","end":"%s",
                 "extension":[{"url":"http://fhir-registry.smarthealthit.org/StructureDefinition/slot-capacity",
                               "valueInteger":2}]}""".formatted(
                        scheduleOf(pool.slotIds().get(0)),
                        TestPool.FIRST_SLOT.plus(Duration.ofDays(5)),
                        TestPool.FIRST_SLOT.plus(Duration.ofDays(5)).plus(Duration.ofMinutes(30))));

        assertThat(confirmedByPatch.statusCode()).isEqualTo(422);
        assertThat(code(confirmedByPatch)).isEqualTo("confirm-with-book");
        assertThat(revived.statusCode()).isEqualTo(422);
        assertThat(code(revived)).isEqualTo("already-cancelled");
        assertThat(groupSlot.statusCode()).as(groupSlot.body()).isEqualTo(422);
        assertThat(code(groupSlot)).isEqualTo("group-slot");
    }

    @Test
    void overbooking_isRefusedWithoutTheOverride_andAcceptedForAClinicianWithItAndAReason_recordedAndAudited() {
        TestPool pool = TestPool.create(client(), 1, 1, 3);
        String role = clinicianWorksAt(pool.locationId());
        try {
            String slot = pool.slotIds().get(0);
            String first = idOf(post("/fhir/Appointment", appointment(pool, 0, 0, "booked")));
            String overbooked = appointment(pool, 0, 1, "booked")
                    .replace(
                            "{\"resourceType\":\"Appointment\",",
                            "{\"resourceType\":\"Appointment\",\"extension\":[{\"url\":"
                                    + "\"https://mediwox.org/fhir/StructureDefinition/overbooking\","
                                    + "\"valueString\":\"Urgent review requested by the GP\"}],");
            String clinician = SmartLogin.launch(
                            serverRoot(),
                            CLINICIAN,
                            "openid fhirUser user/Appointment.cruds user/Slot.rs mediwox/overbook")
                    .get("access_token")
                    .asText();
            String clinicianWithoutOverride = SmartLogin.launch(
                            serverRoot(), CLINICIAN, "openid fhirUser user/Appointment.cruds user/Slot.rs")
                    .get("access_token")
                    .asText();

            HttpResponse<String> byBackEnd = post("/fhir/Appointment", overbooked);
            HttpResponse<String> withoutScope = postAs(clinicianWithoutOverride, overbooked);
            HttpResponse<String> withoutReason = postAs(clinician, appointment(pool, 0, 2, "booked"));
            HttpResponse<String> accepted = postAs(clinician, overbooked);

            assertThat(byBackEnd.statusCode()).isEqualTo(403);
            assertThat(byBackEnd.body()).contains("mediwox/overbook");
            assertThat(code(byBackEnd)).isEqualTo("overbooking-not-allowed");
            assertThat(withoutScope.statusCode()).isEqualTo(403);
            assertThat(withoutReason.statusCode()).as("no reason, no override").isEqualTo(409);
            assertThat(code(withoutReason)).isEqualTo("slot-taken");
            String second = idOf(accepted);
            assertThat(activeAppointmentsOn(slot))
                    .extracting(a -> a.getIdElement().getIdPart())
                    .containsExactlyInAnyOrder(first, second);
            Appointment stored =
                    client().read().resource(Appointment.class).withId(second).execute();
            assertThat(stored.getExtensionByUrl("https://mediwox.org/fhir/StructureDefinition/overbooking")
                            .getValue()
                            .primitiveValue())
                    .isEqualTo("Urgent review requested by the GP");
            String auditor = Tokens.demoClient(serverRoot(), "system/AuditEvent.rs");
            await(
                    () -> {
                        HttpResponse<String> audit =
                                send(anonymousRequest("/fhir/AuditEvent?entity-name=POST%20/fhir/Appointment&_count=50")
                                        .header("Authorization", "Bearer " + auditor));
                        return audit.body().contains("Appointment/" + second + " booked over the rule")
                                        && audit.body().contains("Urgent review requested by the GP")
                                ? List.of(audit.body())
                                : List.<String>of();
                    },
                    1);
        } finally {
            // the role is the test's: left active, it would put the demo clinician at a test Location for other tests
            client().delete().resourceById("PractitionerRole", role).execute();
        }
    }

    /**
     * An active PractitionerRole of the demo clinician at the test pool's fresh Location: staff write Appointments only at
     * their roles' Locations (the staff rules).
     */
    private String clinicianWorksAt(String locationId) {
        Practitioner clinician = (Practitioner) client().search()
                .byUrl("Practitioner?email=" + CLINICIAN)
                .returnBundle(Bundle.class)
                .execute()
                .getEntryFirstRep()
                .getResource();
        PractitionerRole role = new PractitionerRole().setActive(true);
        role.setPractitioner(
                new Reference("Practitioner/" + clinician.getIdElement().getIdPart()));
        role.addLocation(new Reference("Location/" + locationId));
        return client().create().resource(role).execute().getId().getIdPart();
    }

    /** An Appointment JSON of the pool's provider on the pool's {@code slot}-th Slot, for its {@code patient}-th patient. */
    private String appointment(TestPool pool, int slot, int patient, String status) {
        Slot s = client().read()
                .resource(Slot.class)
                .withId(pool.slotIds().get(slot))
                .execute();
        return """
                {"resourceType":"Appointment","status":"%s","start":"%s","end":"%s",
                 "slot":[{"reference":"Slot/%s"}],
                 "participant":[{"actor":{"reference":"Patient/%s"},"status":"accepted"},
                                {"actor":{"reference":"PractitionerRole/%s"},"status":"accepted"}]}""".formatted(
                        status,
                        s.getStartElement().getValueAsString(),
                        s.getEndElement().getValueAsString(),
                        pool.slotIds().get(slot),
                        pool.patientIds().get(patient),
                        pool.roleIds().get(0));
    }

    private static String withoutSlot(String patient, String provider, Instant start) {
        return """
                {"resourceType":"Appointment","status":"booked","start":"%s","end":"%s",
                 "participant":[{"actor":{"reference":"Patient/%s"},"status":"accepted"},
                                {"actor":{"reference":"%s"},"status":"accepted"}]}""".formatted(start, start.plus(Duration.ofMinutes(30)), patient, provider);
    }

    private String scheduleOf(String slot) {
        Slot s = client().read().resource(Slot.class).withId(slot).execute();
        return "{\"reference\":\"" + s.getSchedule().getReference() + "\"}";
    }

    private HttpResponse<String> post(String path, String json) {
        return send(request(path)
                .header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private HttpResponse<String> postAs(String token, String json) {
        return send(anonymousRequest("/fhir/Appointment")
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private HttpResponse<String> patchStatus(String appointmentId, String status) {
        return send(request("/fhir/Appointment/" + appointmentId)
                .header("Content-Type", "application/json-patch+json")
                .method(
                        "PATCH",
                        HttpRequest.BodyPublishers.ofString(
                                "[{\"op\":\"replace\",\"path\":\"/status\",\"value\":\"" + status + "\"}]")));
    }

    /** The booking-refusal code of a refused write's OperationOutcome. */
    private String code(HttpResponse<String> refused) {
        return BookingClient.codeOf(fhirContext, refused.body());
    }

    private static String idOf(HttpResponse<String> created) {
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String location = created.headers().firstValue("Location").orElseThrow();
        return location.replaceAll(".*/Appointment/([^/]+)/_history/.*", "$1");
    }

    private Slot.SlotStatus slotStatus(String slot) {
        return client().read().resource(Slot.class).withId(slot).execute().getStatus();
    }

    private List<Appointment> activeAppointmentsOn(String slot) {
        Bundle found = client().search()
                .byUrl("Appointment?slot=Slot/" + slot + "&status=pending,booked,arrived,checked-in")
                .returnBundle(Bundle.class)
                .execute();
        return found.getEntry().stream().map(e -> (Appointment) e.getResource()).toList();
    }
}

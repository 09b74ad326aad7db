package org.mediwox.server.staff;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Schedule;
import org.hl7.fhir.r4.model.Slot;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;
import org.mediwox.plugin.vocabulary.BookingRefusal;
import org.mediwox.plugin.vocabulary.MediwoxExtensions;
import org.mediwox.plugin.vocabulary.StaffRefusal;
import org.mediwox.plugin.vocabulary.StaffRole;
import org.mediwox.server.booking.BookingClient;
import org.mediwox.server.support.ServerIT;
import org.mediwox.server.support.SmartLogin;
import org.mediwox.server.support.TestPool;

/**
 * What each staff role may write, through the API as a practitioner's token writes it: front desk books at their
 * Location and nowhere else (plain POST, JSON Patch and {@code $book} alike); a clinician edits no Schedule, Slot,
 * closure or role, except the leave on their own role; a manager edits availability and books anywhere in the clinic,
 * and edits no other clinic's availability — by PUT, conditional PUT, DELETE or inside a transaction (refused whole) —
 * nor moves a role or Schedule out of their clinic or into it. A manager publishes a new Schedule with its Slots in one
 * transaction Bundle (the Slots naming the Schedule by {@code urn:uuid}) at their clinic, and not at another clinic's
 * Location nor on another clinic's Schedule found by a conditional create. The demo staff are used as they ship: Sam
 * Rivera (front desk at Mediwox North) and Noor Haddad (manager of the demo clinic's Organization).
 */
class StaffRulesIT extends ServerIT {

    private static final String SAM = "sam.rivera@clinic.example.org";
    private static final String NOOR = "noor.haddad@clinic.example.org";
    private static final String SCOPES = "openid fhirUser user/*.cruds";
    private static final String MARK_SYSTEM = "urn:mediwox:test:staff-rules";

    @Test
    void frontDesk_booksAtTheirLocation_andIsRefusedElsewhere_byEveryPath() {
        Provider north = Provider.at(this, demoLocation("location-north"));
        TestPool elsewhere = TestPool.create(client(), 1, 2, 2);
        String sam = token(SAM);

        HttpResponse<String> atNorth = write(sam, "POST", "/fhir/Appointment", booked(north.slotIds.get(0), north));
        HttpResponse<String> atTestSite = write(
                sam,
                "POST",
                "/fhir/Appointment",
                booked(elsewhere, 0, elsewhere.patientIds().get(0)));
        BookingClient.Answer poolElsewhere = new BookingClient(fhirBase(), fhirContext, sam)
                .book(
                        BookingClient.poolRequest(elsewhere.patientIds().get(1), elsewhere.specialtyToken()),
                        UUID.randomUUID().toString());
        BookingClient.Answer poolAtNorth = new BookingClient(fhirBase(), fhirContext, sam)
                .book(
                        BookingClient.poolRequest(north.patientId, north.specialtyToken()),
                        UUID.randomUUID().toString());

        assertThat(atNorth.statusCode()).as(atNorth.body()).isEqualTo(201);
        assertThat(poolAtNorth.status()).as(poolAtNorth.body()).isEqualTo(200);
        assertRefused(atTestSite, StaffRefusal.NOT_AT_STAFF_LOCATION);
        assertThat(diagnostics(atTestSite.body()))
                .contains("Location/" + demoLocation("location-north"))
                .contains("Location/" + elsewhere.locationId());
        assertThat(poolElsewhere.status()).as(poolElsewhere.body()).isEqualTo(403);
        assertThat(codes(poolElsewhere.body()))
                .contains(
                        BookingRefusal.SYSTEM + "|" + BookingRefusal.NOT_PERMITTED.code(),
                        StaffRefusal.SYSTEM + "|" + StaffRefusal.NOT_AT_STAFF_LOCATION.code());
        assertThat(slot(elsewhere.slotIds().get(0)).getStatus())
                .as("nothing of a refused write is stored")
                .isEqualTo(Slot.SlotStatus.FREE);
        assertThat(slot(elsewhere.slotIds().get(1)).getStatus()).isEqualTo(Slot.SlotStatus.FREE);
    }

    @Test
    void frontDesk_cannotCancelByPatchElsewhere_norBookWithoutAPlace() {
        TestPool elsewhere = TestPool.create(client(), 1, 1, 1);
        String booked = client().create()
                .resource(parse(booked(elsewhere, 0, elsewhere.patientIds().get(0))))
                .execute()
                .getId()
                .getIdPart();
        String sam = token(SAM);

        HttpResponse<String> cancel = send(anonymousRequest("/fhir/Appointment/" + booked)
                .header("Authorization", "Bearer " + sam)
                .header("Content-Type", "application/json-patch+json")
                .method(
                        "PATCH",
                        HttpRequest.BodyPublishers.ofString(
                                "[{\"op\":\"replace\",\"path\":\"/status\",\"value\":\"cancelled\"}]")));
        Instant start = Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        HttpResponse<String> nowhere = write(sam, "POST", "/fhir/Appointment", """
                {"resourceType":"Appointment","status":"booked","start":"%s","end":"%s",
                 "participant":[{"actor":{"reference":"Patient/%s"},"status":"accepted"}]}""".formatted(
                        start,
                        start.plus(Duration.ofMinutes(30)),
                        elsewhere.patientIds().get(0)));

        assertRefused(cancel, StaffRefusal.NOT_AT_STAFF_LOCATION);
        assertThat(client().read()
                        .resource(Appointment.class)
                        .withId(booked)
                        .execute()
                        .getStatus())
                .isEqualTo(Appointment.AppointmentStatus.BOOKED);
        assertRefused(nowhere, StaffRefusal.PLACE_UNKNOWN);
        assertThat(diagnostics(nowhere.body())).contains("add the Location as a participant");
    }

    @Test
    void aClinician_editsNoAvailability_butAddsLeaveToTheirOwnRole() {
        TestPool pool = TestPool.create(client(), 1, 1, 0);
        Clinician clinician = Clinician.at(this, pool.locationId());
        String token = token(clinician.email);
        Schedule schedule = scheduleOf(pool);
        schedule.setComment("Changed by the clinician");
        Slot slot = slot(pool.slotIds().get(0));
        slot.setComment("Changed by the clinician");
        Location closed = withClosure(location(pool.locationId()));

        HttpResponse<String> scheduleEdit = put(token, schedule);
        HttpResponse<String> slotEdit = put(token, slot);
        HttpResponse<String> closure = put(token, closed);
        PractitionerRole own = role(clinician.roleId);
        own.addNotAvailable()
                .setDescription("Annual leave")
                .setDuring(new Period()
                        .setStart(Date.from(Instant.now().plus(Duration.ofDays(30))))
                        .setEnd(Date.from(Instant.now().plus(Duration.ofDays(37)))));
        HttpResponse<String> leave = put(token, own);
        PractitionerRole promoted = role(clinician.roleId);
        promoted.addCode(new CodeableConcept(new Coding(StaffRole.SYSTEM, StaffRole.MANAGER.code(), null)));
        HttpResponse<String> selfPromotion = put(token, promoted);

        assertRefused(scheduleEdit, StaffRefusal.MANAGER_ONLY);
        assertThat(diagnostics(scheduleEdit.body())).contains("Ask a manager");
        assertRefused(slotEdit, StaffRefusal.MANAGER_ONLY);
        assertRefused(closure, StaffRefusal.MANAGER_ONLY);
        assertThat(leave.statusCode()).as(leave.body()).isEqualTo(200);
        assertThat(role(clinician.roleId).getNotAvailableFirstRep().getDescription())
                .isEqualTo("Annual leave");
        assertRefused(selfPromotion, StaffRefusal.MANAGER_ONLY);
        assertThat(role(clinician.roleId).hasCode()).isFalse();
        assertThat(scheduleOf(pool).getComment()).isNotEqualTo("Changed by the clinician");

        // and at their own Location they book, as any staff there
        HttpResponse<String> booking = write(token, "POST", "/fhir/Appointment", booked(pool, 0, patient()));
        assertThat(booking.statusCode()).as(booking.body()).isEqualTo(201);
    }

    @Test
    void aManager_editsTheirClinicsAvailability_andBooksAnywhereInIt() {
        TestPool pool = TestPool.create(client(), 1, 1, 0);
        Provider north = Provider.at(this, demoLocation("location-north"));
        Provider main = Provider.at(this, demoLocation("location-main"));
        String noor = token(NOOR);
        Schedule schedule = schedule(north.scheduleId);
        schedule.setComment("Edited by the manager");
        Location closed = withClosure(clinicLocation(demoClinic()));
        PractitionerRole newRole = new PractitionerRole().setActive(true);
        newRole.setPractitioner(new Reference("Practitioner/" + north.practitionerId));
        newRole.addLocation(new Reference("Location/" + demoLocation("location-main")));
        PractitionerRole moved = role(north.roleId);
        moved.getLocation().clear();
        moved.addLocation(new Reference("Location/" + demoLocation("location-main")));

        HttpResponse<String> scheduleEdit = put(noor, schedule);
        HttpResponse<String> closure = put(noor, closed);
        HttpResponse<String> roleCreated = write(noor, "POST", "/fhir/PractitionerRole", encode(newRole));
        HttpResponse<String> atNorth = write(noor, "POST", "/fhir/Appointment", booked(north.slotIds.get(0), north));
        HttpResponse<String> atMain = write(noor, "POST", "/fhir/Appointment", booked(main.slotIds.get(0), main));
        HttpResponse<String> outside = write(noor, "POST", "/fhir/Appointment", booked(pool, 0, patient()));
        HttpResponse<String> roleMovedWithinTheClinic = put(noor, moved);

        assertThat(scheduleEdit.statusCode()).as(scheduleEdit.body()).isEqualTo(200);
        assertThat(schedule(north.scheduleId).getComment()).isEqualTo("Edited by the manager");
        assertThat(closure.statusCode()).as(closure.body()).isEqualTo(200);
        assertThat(roleCreated.statusCode()).as(roleCreated.body()).isEqualTo(201);
        assertThat(roleMovedWithinTheClinic.statusCode())
                .as(roleMovedWithinTheClinic.body())
                .isEqualTo(200);
        assertThat(atNorth.statusCode()).as(atNorth.body()).isEqualTo(201);
        assertThat(atMain.statusCode()).as(atMain.body()).isEqualTo(201);
        // the test site belongs to no Organization: not the clinic's, so not the manager's either
        assertRefused(outside, StaffRefusal.NOT_AT_STAFF_LOCATION);
    }

    @Test
    void aManager_isRefusedAnotherClinicsRole_Schedule_Slot_andClosure_byEveryPath_withNothingStored() {
        TestPool other = TestPool.create(client(), 1, 2, 0);
        String otherClinic = otherClinic(other);
        String noor = token(NOOR);
        PractitionerRole role = role(other.roleIds().get(0));
        role.setAvailabilityExceptions("Changed by another clinic's manager");
        Schedule schedule = scheduleOf(other);
        schedule.setComment("Changed by another clinic's manager");
        Slot slot = slot(other.slotIds().get(0));
        slot.setComment("Changed by another clinic's manager");
        Location closed = withClosure(location(other.locationId()));

        HttpResponse<String> roleEdit = put(noor, role);
        HttpResponse<String> scheduleEdit = put(noor, schedule);
        HttpResponse<String> conditionalScheduleEdit = write(
                noor, "PUT", "/fhir/Schedule?_id=" + schedule.getIdElement().getIdPart(), encode(schedule));
        HttpResponse<String> slotEdit = put(noor, slot);
        HttpResponse<String> slotDelete =
                write(noor, "DELETE", "/fhir/Slot/" + other.slotIds().get(1), "");
        HttpResponse<String> closure = put(noor, closed);
        PractitionerRole newRole = new PractitionerRole().setActive(true);
        newRole.addLocation(new Reference("Location/" + other.locationId()));
        HttpResponse<String> roleCreated = write(noor, "POST", "/fhir/PractitionerRole", encode(newRole));

        for (HttpResponse<String> answer :
                List.of(roleEdit, scheduleEdit, conditionalScheduleEdit, slotEdit, slotDelete, closure, roleCreated)) {
            assertRefused(answer, StaffRefusal.NOT_IN_MANAGED_PLACES);
            assertThat(diagnostics(answer.body()))
                    .contains("Location/" + other.locationId())
                    .contains("Organization/" + otherClinic)
                    .contains("Organization/" + demoClinic())
                    .contains("Ask a manager of that clinic");
        }
        assertThat(role(other.roleIds().get(0)).hasAvailabilityExceptions()).isFalse();
        assertThat(scheduleOf(other).hasComment()).isFalse();
        assertThat(slot(other.slotIds().get(0)).hasComment()).isFalse();
        assertThat(slot(other.slotIds().get(1)).getStatus()).as("not deleted").isEqualTo(Slot.SlotStatus.FREE);
        assertThat(location(other.locationId()).hasExtension(MediwoxExtensions.LOCATION_CLOSURE))
                .isFalse();
    }

    @Test
    void aManager_cannotMoveARoleOrScheduleFromTheirClinicToAnother_norTakeOneOver() {
        TestPool other = TestPool.create(client(), 1, 1, 0);
        otherClinic(other);
        Provider north = Provider.at(this, demoLocation("location-north"));
        String noor = token(NOOR);
        PractitionerRole away = role(north.roleId);
        away.getLocation().clear();
        away.addLocation(new Reference("Location/" + other.locationId()));
        PractitionerRole takenOver = role(other.roleIds().get(0));
        takenOver.getLocation().clear();
        takenOver.addLocation(new Reference("Location/" + demoLocation("location-north")));
        Schedule scheduleAway = schedule(north.scheduleId);
        scheduleAway.getActor().removeIf(a -> a.getReference().startsWith("Location/"));
        scheduleAway.addActor(new Reference("Location/" + other.locationId()));

        HttpResponse<String> roleAway = put(noor, away);
        HttpResponse<String> roleTakenOver = put(noor, takenOver);
        HttpResponse<String> scheduleMoved = put(noor, scheduleAway);

        assertRefused(roleAway, StaffRefusal.NOT_IN_MANAGED_PLACES);
        assertThat(diagnostics(roleAway.body())).contains("is at Location/" + other.locationId());
        assertRefused(roleTakenOver, StaffRefusal.NOT_IN_MANAGED_PLACES);
        assertThat(diagnostics(roleTakenOver.body()))
                .contains("was until this change at Location/" + other.locationId());
        assertRefused(scheduleMoved, StaffRefusal.NOT_IN_MANAGED_PLACES);
        assertThat(role(north.roleId).getLocationFirstRep().getReference())
                .isEqualTo("Location/" + demoLocation("location-north"));
        assertThat(role(other.roleIds().get(0)).getLocationFirstRep().getReference())
                .isEqualTo("Location/" + other.locationId());
    }

    @Test
    void aManagersTransactionMixingTheirClinicAndAnother_isRefusedWhole() {
        TestPool other = TestPool.create(client(), 1, 1, 0);
        otherClinic(other);
        Provider north = Provider.at(this, demoLocation("location-north"));
        String noor = token(NOOR);
        Schedule mine = schedule(north.scheduleId);
        mine.setComment("Edited in a mixed transaction");
        Schedule theirs = scheduleOf(other);
        theirs.setComment("Edited in a mixed transaction");

        HttpResponse<String> refused = write(noor, "POST", "/fhir", encode(transaction(put(mine), put(theirs))));

        assertRefused(refused, StaffRefusal.NOT_IN_MANAGED_PLACES);
        assertThat(schedule(north.scheduleId).hasComment())
                .as("the entry at the manager's own Location is undone with the rest")
                .isFalse();
        assertThat(scheduleOf(other).hasComment()).isFalse();

        HttpResponse<String> accepted = write(noor, "POST", "/fhir", encode(transaction(put(mine))));

        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        assertThat(schedule(north.scheduleId).getComment()).isEqualTo("Edited in a mixed transaction");
    }

    @Test
    void aManagersTransaction_publishesANewScheduleWithItsSlots_byPlaceholder() {
        String north = demoLocation("location-north");
        String noor = token(NOOR);
        String mark = UUID.randomUUID().toString();

        HttpResponse<String> answer = write(noor, "POST", "/fhir", encode(scheduleWithSlots(north, mark)));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        Bundle response = fhirContext.newJsonParser().parseResource(Bundle.class, answer.body());
        String scheduleId = idAt(response, 0);
        assertThat(schedule(scheduleId).getActorFirstRep().getReference()).isEqualTo("Location/" + north);
        assertThat(List.of(slot(idAt(response, 1)), slot(idAt(response, 2))))
                .as("both Slots stored, on the new Schedule")
                .allSatisfy(
                        slot -> assertThat(slot.getSchedule().getReference()).isEqualTo("Schedule/" + scheduleId));
    }

    @Test
    void aManagersTransaction_publishingAScheduleWithSlotsAtAnotherClinic_isRefused_withNothingStored() {
        TestPool other = TestPool.create(client(), 1, 1, 0);
        otherClinic(other);
        String noor = token(NOOR);
        String mark = UUID.randomUUID().toString();

        HttpResponse<String> answer = write(noor, "POST", "/fhir", encode(scheduleWithSlots(other.locationId(), mark)));

        assertRefused(answer, StaffRefusal.NOT_IN_MANAGED_PLACES);
        assertThat(diagnostics(answer.body())).contains("Location/" + other.locationId());
        assertThat(count("Schedule?identifier=" + MARK_SYSTEM + "|" + mark)).isZero();
        assertThat(count("Slot?identifier=" + MARK_SYSTEM + "|" + mark)).isZero();
    }

    @Test
    void aManagersTransaction_cannotHangSlotsOnAnotherClinicsSchedule_throughAConditionalCreate() {
        TestPool other = TestPool.create(client(), 1, 1, 0);
        otherClinic(other);
        Schedule theirs = scheduleOf(other);
        String mark = UUID.randomUUID().toString();
        theirs.addIdentifier().setSystem(MARK_SYSTEM).setValue(mark);
        client().update().resource(theirs).execute();
        String noor = token(NOOR);
        // the Schedule entry is at the manager's Location, but its condition finds the other clinic's Schedule: HAPI
        // stores no Schedule and points the Slots at theirs
        Bundle tx = scheduleWithSlots(demoLocation("location-north"), mark);
        tx.getEntryFirstRep().getRequest().setIfNoneExist("identifier=" + MARK_SYSTEM + "|" + mark);

        HttpResponse<String> answer = write(noor, "POST", "/fhir", encode(tx));

        assertRefused(answer, StaffRefusal.NOT_IN_MANAGED_PLACES);
        assertThat(diagnostics(answer.body())).contains("Location/" + other.locationId());
        assertThat(count("Slot?identifier=" + MARK_SYSTEM + "|" + mark)).isZero();
    }

    // --- fixtures ---

    /** A provider of a specialty nobody else has, at a Location, with a Schedule there and two free Slots. */
    private record Provider(
            String practitionerId,
            String roleId,
            String scheduleId,
            String specialty,
            List<String> slotIds,
            String patientId) {

        String specialtyToken() {
            return TestPool.SPECIALTY_SYSTEM + "|" + specialty;
        }

        static Provider at(StaffRulesIT test, String locationId) {
            String code = UUID.randomUUID().toString();
            CodeableConcept specialty = new CodeableConcept(new Coding(TestPool.SPECIALTY_SYSTEM, code, null));
            Bundle tx = new Bundle().setType(Bundle.BundleType.TRANSACTION);
            Practitioner practitioner = new Practitioner().setActive(true);
            practitioner.addName().setFamily("Staff rules provider");
            String practitionerRef = TestPool.add(tx, practitioner);
            PractitionerRole role = new PractitionerRole().setActive(true);
            role.setPractitioner(new Reference(practitionerRef));
            role.addSpecialty(specialty.copy());
            role.addLocation(new Reference("Location/" + locationId));
            String roleRef = TestPool.add(tx, role);
            Schedule schedule = new Schedule().setActive(true);
            schedule.addActor(new Reference(roleRef));
            schedule.addActor(new Reference("Location/" + locationId));
            schedule.addSpecialty(specialty.copy());
            String scheduleRef = TestPool.add(tx, schedule);
            for (int s = 0; s < 2; s++) {
                Instant start = TestPool.FIRST_SLOT.plus(Duration.ofDays(1)).plus(Duration.ofMinutes(30L * s));
                Slot slot = new Slot().setStatus(Slot.SlotStatus.FREE);
                slot.setSchedule(new Reference(scheduleRef));
                slot.addSpecialty(specialty.copy());
                slot.setStart(Date.from(start)).setEnd(Date.from(start.plus(Duration.ofMinutes(30))));
                TestPool.add(tx, slot);
            }
            org.hl7.fhir.r4.model.Patient patient = new org.hl7.fhir.r4.model.Patient();
            patient.addName().setFamily("Staff rules patient");
            TestPool.add(tx, patient);
            Bundle response = test.client().transaction().withBundle(tx).execute();
            return new Provider(
                    idAt(response, 0),
                    idAt(response, 1),
                    idAt(response, 2),
                    code,
                    List.of(idAt(response, 3), idAt(response, 4)),
                    idAt(response, 5));
        }
    }

    /**
     * A transaction Bundle as a clinic publishes availability: a new Schedule at the Location and two Slots that name it
     * by its {@code urn:uuid} placeholder, each marked with {@code mark} as an identifier.
     */
    private static Bundle scheduleWithSlots(String locationId, String mark) {
        Bundle tx = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        Schedule schedule = new Schedule().setActive(true);
        schedule.addIdentifier().setSystem(MARK_SYSTEM).setValue(mark);
        schedule.addActor(new Reference("Location/" + locationId));
        String scheduleRef = TestPool.add(tx, schedule);
        for (int s = 0; s < 2; s++) {
            Instant start = TestPool.FIRST_SLOT.plus(Duration.ofDays(2)).plus(Duration.ofMinutes(30L * s));
            Slot slot = new Slot().setStatus(Slot.SlotStatus.FREE);
            slot.addIdentifier().setSystem(MARK_SYSTEM).setValue(mark);
            slot.setSchedule(new Reference(scheduleRef));
            slot.setStart(Date.from(start)).setEnd(Date.from(start.plus(Duration.ofMinutes(30))));
            TestPool.add(tx, slot);
        }
        return tx;
    }

    /** A transaction Bundle of the entries. */
    private static Bundle transaction(Bundle.BundleEntryComponent... entries) {
        Bundle tx = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        List.of(entries).forEach(tx::addEntry);
        return tx;
    }

    /** A transaction entry that PUTs the resource under its id. */
    private static Bundle.BundleEntryComponent put(Resource resource) {
        Bundle.BundleEntryComponent entry = new Bundle.BundleEntryComponent().setResource(resource);
        entry.getRequest()
                .setMethod(Bundle.HTTPVerb.PUT)
                .setUrl(resource.fhirType() + "/" + resource.getIdElement().getIdPart());
        return entry;
    }

    private int count(String search) {
        return client().search()
                .byUrl(search)
                .returnBundle(Bundle.class)
                .execute()
                .getEntry()
                .size();
    }

    /** A practitioner of this test with one active role at a Location and no staff-role code: a clinician. */
    private record Clinician(String email, String practitionerId, String roleId) {

        static Clinician at(StaffRulesIT test, String locationId) {
            String email = "clinician-" + UUID.randomUUID().toString().substring(0, 8) + "@clinic.example.org";
            Practitioner practitioner = new Practitioner().setActive(true);
            practitioner.addName().setFamily("Clinician");
            practitioner
                    .addTelecom()
                    .setSystem(ContactPoint.ContactPointSystem.EMAIL)
                    .setValue(email);
            String practitionerId = test.client()
                    .create()
                    .resource(practitioner)
                    .execute()
                    .getId()
                    .getIdPart();
            PractitionerRole role = new PractitionerRole().setActive(true);
            role.setPractitioner(new Reference("Practitioner/" + practitionerId));
            role.addLocation(new Reference("Location/" + locationId));
            String roleId =
                    test.client().create().resource(role).execute().getId().getIdPart();
            return new Clinician(email, practitionerId, roleId);
        }
    }

    private String token(String login) {
        return SmartLogin.launch(serverRoot(), login, SCOPES)
                .get("access_token")
                .asText();
    }

    private String demoLocation(String identifier) {
        return demoId("Location", identifier);
    }

    private String demoClinic() {
        return demoId("Organization", "clinic");
    }

    /** The id of the demo resource of the type with the demo identifier. */
    private String demoId(String type, String identifier) {
        return client().search()
                .byUrl(type + "?identifier=https://mediwox.org/fhir/demo|" + identifier)
                .returnBundle(Bundle.class)
                .execute()
                .getEntryFirstRep()
                .getResource()
                .getIdElement()
                .getIdPart();
    }

    /** A new Location of the Organization, with no Schedule: a closure on it moves no demo Slot. */
    private Location clinicLocation(String organizationId) {
        Location location = new Location().setName("Staff rules annex " + UUID.randomUUID());
        location.setManagingOrganization(new Reference("Organization/" + organizationId));
        String id = client().create().resource(location).execute().getId().getIdPart();
        return location(id);
    }

    /** Makes the pool's Location another clinic's: a new Organization manages it. Answers that Organization's id. */
    private String otherClinic(TestPool pool) {
        Organization organization = new Organization().setName("Another clinic").setActive(true);
        String id = client().create().resource(organization).execute().getId().getIdPart();
        Location location = location(pool.locationId());
        location.setManagingOrganization(new Reference("Organization/" + id));
        client().update().resource(location).execute();
        return id;
    }

    private Location location(String id) {
        return client().read().resource(Location.class).withId(id).execute();
    }

    private Schedule schedule(String id) {
        return client().read().resource(Schedule.class).withId(id).execute();
    }

    private String patient() {
        org.hl7.fhir.r4.model.Patient patient = new org.hl7.fhir.r4.model.Patient();
        patient.addName().setFamily("Staff rules patient");
        return client().create().resource(patient).execute().getId().getIdPart();
    }

    /** A booked Appointment on the Provider's Slot, for its patient. */
    private String booked(String slotId, Provider provider) {
        return appointmentJson(slot(slotId), provider.roleId, provider.patientId);
    }

    /** A booked Appointment on the pool's {@code index}-th Slot, for a patient. */
    private String booked(TestPool pool, int index, String patientId) {
        return appointmentJson(slot(pool.slotIds().get(index)), pool.roleIds().get(0), patientId);
    }

    private static String appointmentJson(Slot slot, String roleId, String patientId) {
        return """
                {"resourceType":"Appointment","status":"booked","start":"%s","end":"%s",
                 "slot":[{"reference":"Slot/%s"}],
                 "participant":[{"actor":{"reference":"Patient/%s"},"status":"accepted"},
                                {"actor":{"reference":"PractitionerRole/%s"},"status":"accepted"}]}""".formatted(
                        slot.getStartElement().getValueAsString(),
                        slot.getEndElement().getValueAsString(),
                        slot.getIdElement().getIdPart(),
                        patientId,
                        roleId);
    }

    private Slot slot(String id) {
        return client().read().resource(Slot.class).withId(id).execute();
    }

    private PractitionerRole role(String id) {
        return client().read().resource(PractitionerRole.class).withId(id).execute();
    }

    private Schedule scheduleOf(TestPool pool) {
        return client().read()
                .resource(Schedule.class)
                .withId(slot(pool.slotIds().get(0))
                        .getSchedule()
                        .getReferenceElement()
                        .getIdPart())
                .execute();
    }

    private static Location withClosure(Location location) {
        Extension closure = location.addExtension().setUrl(MediwoxExtensions.LOCATION_CLOSURE);
        closure.addExtension(
                "period",
                new Period()
                        .setStart(Date.from(Instant.now().plus(Duration.ofDays(40))))
                        .setEnd(Date.from(Instant.now().plus(Duration.ofDays(41)))));
        closure.addExtension("description", new StringType("Public holiday"));
        return location;
    }

    private HttpResponse<String> put(String token, Resource resource) {
        return write(
                token,
                "PUT",
                "/fhir/" + resource.fhirType() + "/" + resource.getIdElement().getIdPart(),
                encode(resource));
    }

    private HttpResponse<String> write(String token, String method, String path, String json) {
        return send(anonymousRequest(path)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/fhir+json")
                .method(method, HttpRequest.BodyPublishers.ofString(json)));
    }

    private String encode(IBaseResource resource) {
        return fhirContext.newJsonParser().encodeResourceToString(resource);
    }

    private Appointment parse(String json) {
        return fhirContext.newJsonParser().parseResource(Appointment.class, json);
    }

    /** 403, an OperationOutcome with a {@code forbidden} issue coded not-permitted and with the staff refusal. */
    private void assertRefused(HttpResponse<String> answer, StaffRefusal reason) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(403);
        OperationOutcome outcome = fhirContext.newJsonParser().parseResource(OperationOutcome.class, answer.body());
        assertThat(outcome.getIssue())
                .anySatisfy(issue -> assertThat(issue.getCode()).isEqualTo(OperationOutcome.IssueType.FORBIDDEN));
        assertThat(codes(answer.body()))
                .contains(
                        BookingRefusal.SYSTEM + "|" + BookingRefusal.NOT_PERMITTED.code(),
                        StaffRefusal.SYSTEM + "|" + reason.code());
    }

    /** Every coding ({@code system|code}) of every issue of the OperationOutcome(s) in an answer. */
    private List<String> codes(String body) {
        return outcomes(body).stream()
                .flatMap(o -> o.getIssue().stream())
                .flatMap(i -> i.getDetails().getCoding().stream())
                .map(c -> c.getSystem() + "|" + c.getCode())
                .toList();
    }

    private String diagnostics(String body) {
        return outcomes(body).stream()
                .flatMap(o -> o.getIssue().stream())
                .map(OperationOutcome.OperationOutcomeIssueComponent::getDiagnostics)
                .reduce("", String::concat);
    }

    private List<OperationOutcome> outcomes(String body) {
        IBaseResource resource = fhirContext.newJsonParser().parseResource(body);
        if (resource instanceof Bundle bundle) {
            return bundle.getEntry().stream()
                    .map(Bundle.BundleEntryComponent::getResource)
                    .filter(OperationOutcome.class::isInstance)
                    .map(OperationOutcome.class::cast)
                    .toList();
        }
        return resource instanceof OperationOutcome outcome ? List.of(outcome) : List.of();
    }

    private static String idAt(Bundle response, int index) {
        return new org.hl7.fhir.r4.model.IdType(
                        response.getEntry().get(index).getResponse().getLocation())
                .getIdPart();
    }
}

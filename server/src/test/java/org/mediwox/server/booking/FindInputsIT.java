package org.mediwox.server.booking;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Schedule;
import org.hl7.fhir.r4.model.Slot;
import org.hl7.fhir.r4.model.UriType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mediwox.server.support.ServerIT;
import org.mediwox.server.support.TestPool;

/**
 * Every {@code $find} input of IHE ITI-115 and Argonaut Scheduling is honoured or refused with 400 naming it: a
 * practitioner by reference or identifier (IHE's own example request), an organization, a location by reference or by
 * a part of its address, the Argonaut aliases, {@code _count} with paging.
 */
class FindInputsIT extends ServerIT {

    private static final String IHE_PRACTITIONER_SYSTEM = "urn:oid:1.3.6.1.4.1.19376.1.2.999";
    private static final String IHE_PRACTITIONER_ID = "PR23143";
    private static final Object IHE_PRACTITIONER_LOCK = new Object();
    private static volatile String ihePractitioner;

    /** Two providers of one clinic, two free Slots each; only the first works for the organization, in its town. */
    private Clinic clinic;

    @BeforeEach
    void clinic() {
        clinic = Clinic.create(this);
    }

    @Test
    void iheExampleRequest_findsThePractitionerGivenByIdentifier() throws IOException {
        Instant from = ihePractitionerWithTwoSlots();
        Parameters published;
        try (InputStream json = getClass().getResourceAsStream("/ihe/ITI-115-find-by-practitioner-identifier.json")) {
            published = fhirContext.newJsonParser().parseResource(Parameters.class, json);
        }
        // adapted only in dates: the published window is in 2017
        published.getParameter("start").setValue(new DateTimeType(Date.from(from)));
        published.getParameter("end").setValue(new DateTimeType(Date.from(from.plus(Duration.ofDays(1)))));

        Bundle found = post(published);

        assertThat(found.getTotal()).isEqualTo(2);
        assertThat(proposals(found))
                .hasSize(2)
                .allSatisfy(p -> assertThat(p.getParticipant())
                        .extracting(a -> a.getActor().getReference())
                        .contains(ihePractitioner));
    }

    @Test
    void practitioner_byReference_byIdentifier_andByTheArgonautAlias_findsOnlyTheirSlots() {
        String byReference = find("&practitioner=" + clinic.practitioners.get(1));
        String byIdentifier = find("&practitioner:identifier=" + enc(clinic.practitionerIdentifiers.get(1)));
        String byAlias = find("&provider=" + clinic.practitioners.get(1));

        for (String answer : List.of(byReference, byIdentifier, byAlias)) {
            assertThat(slotsOf(parse(answer))).containsExactlyElementsOf(clinic.slotsOf(1));
        }
    }

    @Test
    void organization_byReferenceAndByIdentifier_findsTheSlotsOfItsRolesOnly() {
        Parameters byIdentifier = window();
        byIdentifier
                .addParameter()
                .setName("organization")
                .setValue(new Reference()
                        .setIdentifier(new org.hl7.fhir.r4.model.Identifier()
                                .setSystem(Clinic.SYSTEM)
                                .setValue(clinic.organizationIdentifier)));

        assertThat(slotsOf(parse(find("&organization=" + clinic.organization))))
                .containsExactlyElementsOf(clinic.slotsOf(0));
        assertThat(slotsOf(post(byIdentifier))).containsExactlyElementsOf(clinic.slotsOf(0));
    }

    @Test
    void location_byReference_byAlias_andByPartOfItsAddress() {
        assertThat(slotsOf(parse(find("&location-reference=" + clinic.locations.get(0)))))
                .containsExactlyElementsOf(clinic.slotsOf(0));
        assertThat(slotsOf(parse(find("&location=" + clinic.locations.get(1)))))
                .containsExactlyElementsOf(clinic.slotsOf(1));
        assertThat(slotsOf(parse(find("&location-string=" + enc(clinic.town)))))
                .containsExactlyElementsOf(clinic.slotsOf(0));
    }

    @Test
    void argonautUriTypedPractitioner_isTheReferenceItNames() {
        Parameters request = window();
        request.addParameter().setName("practitioner").setValue(new UriType(clinic.practitioners.get(0)));

        assertThat(slotsOf(post(request))).containsExactlyElementsOf(clinic.slotsOf(0));
    }

    @Test
    void whatMatchesNothing_answersNoProposalsAndSaysWhy() {
        Bundle found = parse(find("&location-string=" + enc("Nowhere " + UUID.randomUUID())));

        assertThat(found.getTotal()).isZero();
        assertThat(found.getEntry()).singleElement().satisfies(entry -> {
            assertThat(entry.getSearch().getMode()).isEqualTo(Bundle.SearchEntryMode.OUTCOME);
            assertThat(((OperationOutcome) entry.getResource())
                            .getIssueFirstRep()
                            .getDiagnostics())
                    .contains("No location matches");
        });
    }

    @Test
    void count_limitsAPage_totalCountsAll_andTheNextLinkLeadsOn() {
        Bundle first = parse(find("&_count=3"));

        assertThat(first.getTotal()).isEqualTo(4);
        assertThat(slotsOf(first)).hasSize(3);
        String next = first.getLink("next").getUrl();
        Bundle second = parse(get(next.substring(next.indexOf("/fhir/"))));
        assertThat(slotsOf(second)).hasSize(1).doesNotContainAnyElementsOf(slotsOf(first));
        assertThat(second.getLink("next")).isNull();
        assertThat(second.getLink("previous")).isNotNull();
    }

    @Test
    void inputsThatCannotBeHonoured_areRefusedNamingThem() {
        HttpResponse<String> timing = send(request(query() + "&timing=x").GET());
        HttpResponse<String> unknown =
                send(request(query() + "&doctor=Practitioner/1").GET());
        HttpResponse<String> twoPatients =
                send(request(query() + "&patient-reference=Patient/1&patient-reference=Patient/2")
                        .GET());

        assertThat(timing.statusCode()).isEqualTo(400);
        assertThat(timing.body()).contains("timing is refused").contains("OperationOutcome");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("does not know the input doctor");
        assertThat(twoPatients.statusCode()).isEqualTo(400);
        assertThat(twoPatients.body()).contains("group appointments");
    }

    @Test
    void iti118PublishedSearch_findsAppointmentsByPatientAndPractitionerIdentifier() {
        // ITI-118's published example, adapted in identifiers and date (its date=gt20231021 is not a FHIR date: the
        // published form is refused with 400 naming it)
        String published = "/fhir/Appointment?patient.identifier=urn:oid:1.2.3.4.5|12345&date=gt20231021"
                + "&practitioner.identifier=urn:oid:2.16.840.1.113883.4.6|12345678";
        String adapted = published
                .replace("urn:oid:1.2.3.4.5|12345", enc(clinic.patientIdentifier))
                .replace("urn:oid:2.16.840.1.113883.4.6|12345678", enc(clinic.practitionerIdentifiers.get(0)))
                .replace("gt20231021", "gt2023-10-21");
        HttpResponse<String> asPublished =
                send(request(published.replace("|", "%7C")).GET());
        assertThat(asPublished.statusCode()).isEqualTo(400);
        assertThat(asPublished.body()).contains("20231021").doesNotContain("incident");
        Parameters booking = new Parameters();
        Appointment proposed = new Appointment().setStatus(Appointment.AppointmentStatus.PROPOSED);
        proposed.addSlot(new Reference("Slot/" + clinic.slotsOf(0).get(0)));
        proposed.addParticipant()
                .setActor(new Reference(clinic.patient))
                .setStatus(Appointment.ParticipationStatus.ACCEPTED);
        booking.addParameter().setName("appointment-resource").setResource(proposed);
        BookingClient.Answer booked = new BookingClient(fhirBase(), fhirContext, token()).book(booking, null);
        assertThat(booked.status()).as(booked.body()).isEqualTo(200);

        Bundle found = parse(get(adapted));

        assertThat(found.getEntry())
                .extracting(e -> e.getResource().getIdElement().getIdPart())
                .containsExactly(booked.appointment().getIdPart());
    }

    private Bundle post(Parameters parameters) {
        HttpResponse<String> answer = send(request("/fhir/Appointment/$find")
                .header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        fhirContext.newJsonParser().encodeResourceToString(parameters))));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return parse(answer.body());
    }

    private String find(String more) {
        return get(query() + more);
    }

    private String get(String pathAndQuery) {
        HttpResponse<String> answer = send(request(pathAndQuery).GET());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return answer.body();
    }

    private String query() {
        return "/fhir/Appointment/$find?start=" + clinic.from + "&end=" + clinic.from.plus(Duration.ofDays(1))
                + "&specialty=" + enc(clinic.specialtyToken());
    }

    private Parameters window() {
        Parameters parameters = new Parameters();
        parameters.addParameter().setName("start").setValue(new DateTimeType(Date.from(clinic.from)));
        parameters
                .addParameter()
                .setName("end")
                .setValue(new DateTimeType(Date.from(clinic.from.plus(Duration.ofDays(1)))));
        parameters
                .addParameter()
                .setName("specialty")
                .setValue(new org.hl7.fhir.r4.model.StringType(clinic.specialtyToken()));
        return parameters;
    }

    private Bundle parse(String body) {
        return fhirContext.newJsonParser().parseResource(Bundle.class, body);
    }

    private static List<Appointment> proposals(Bundle bundle) {
        return bundle.getEntry().stream()
                .map(Bundle.BundleEntryComponent::getResource)
                .filter(Appointment.class::isInstance)
                .map(Appointment.class::cast)
                .toList();
    }

    private static List<String> slotsOf(Bundle bundle) {
        return proposals(bundle).stream()
                .map(p -> p.getSlotFirstRep().getReferenceElement().getIdPart())
                .toList();
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /**
     * A Practitioner with the identifier of IHE's example request and two free Slots, made once for the whole test run
     * (the identifier must name one Practitioner); the start of its Slots.
     */
    private Instant ihePractitionerWithTwoSlots() {
        synchronized (IHE_PRACTITIONER_LOCK) {
            if (ihePractitioner == null) {
                Clinic own = Clinic.create(this, IHE_PRACTITIONER_SYSTEM + "|" + IHE_PRACTITIONER_ID);
                ihePractitioner = own.practitioners.get(0);
                ihePractitionerFrom = own.from;
            }
            return ihePractitionerFrom;
        }
    }

    private static volatile Instant ihePractitionerFrom;

    /** The small clinic each test gets (ids by reference strings such as {@code Practitioner/12}). */
    private static final class Clinic {
        static final String SYSTEM = "urn:mediwox:test:find";

        final String specialty = UUID.randomUUID().toString();
        final String town = "Town" + UUID.randomUUID().toString().substring(0, 8);
        final String organizationIdentifier = UUID.randomUUID().toString();
        final String patientIdentifier = SYSTEM + "|patient-" + UUID.randomUUID();
        final Instant from = Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        String organization;
        String patient;
        List<String> practitioners;
        List<String> practitionerIdentifiers;
        List<String> locations;
        List<List<String>> slots;

        String specialtyToken() {
            return SYSTEM + "|" + specialty;
        }

        List<String> slotsOf(int provider) {
            return slots.get(provider);
        }

        static Clinic create(FindInputsIT test) {
            return create(test, null);
        }

        /** Two providers; the first one's Practitioner identifier is {@code firstIdentifier} when given. */
        static Clinic create(FindInputsIT test, String firstIdentifier) {
            Clinic clinic = new Clinic();
            clinic.practitionerIdentifiers = List.of(
                    firstIdentifier != null ? firstIdentifier : SYSTEM + "|dr-" + UUID.randomUUID(),
                    SYSTEM + "|dr-" + UUID.randomUUID());
            CodeableConcept specialty = new CodeableConcept();
            specialty.addCoding().setSystem(SYSTEM).setCode(clinic.specialty);
            Bundle tx = new Bundle().setType(Bundle.BundleType.TRANSACTION);
            Organization organization = new Organization().setName("Clinic " + clinic.specialty);
            organization.addIdentifier().setSystem(SYSTEM).setValue(clinic.organizationIdentifier);
            String org = TestPool.add(tx, organization);
            Location inTown = new Location().setName("In town").setManagingOrganization(new Reference(org));
            inTown.getAddress().setCity(clinic.town).addLine("1 High Street");
            Location elsewhere = new Location().setName("Elsewhere");
            elsewhere
                    .getAddress()
                    .setCity("Elsewhere" + UUID.randomUUID().toString().substring(0, 8));
            List<String> locations = List.of(TestPool.add(tx, inTown), TestPool.add(tx, elsewhere));
            for (int p = 0; p < 2; p++) {
                Practitioner practitioner = new Practitioner();
                String[] identifier = clinic.practitionerIdentifiers.get(p).split("\\|", 2);
                practitioner.addIdentifier().setSystem(identifier[0]).setValue(identifier[1]);
                practitioner.addName().setFamily("Finder " + p);
                String practitionerRef = TestPool.add(tx, practitioner);
                PractitionerRole role = new PractitionerRole().setActive(true);
                role.setPractitioner(new Reference(practitionerRef));
                if (p == 0) {
                    role.setOrganization(new Reference(org));
                }
                role.addSpecialty(specialty.copy());
                role.addLocation(new Reference(locations.get(p)));
                String roleRef = TestPool.add(tx, role);
                Schedule schedule = new Schedule().setActive(true);
                schedule.addActor(new Reference(roleRef));
                schedule.addActor(new Reference(practitionerRef));
                schedule.addActor(new Reference(locations.get(p)));
                schedule.addSpecialty(specialty.copy());
                String scheduleRef = TestPool.add(tx, schedule);
                for (int s = 0; s < 2; s++) {
                    Instant start = clinic.from.plus(Duration.ofMinutes(30L * s + 5L * p));
                    Slot slot = new Slot().setStatus(Slot.SlotStatus.FREE);
                    slot.setSchedule(new Reference(scheduleRef));
                    slot.setStart(Date.from(start)).setEnd(Date.from(start.plus(Duration.ofMinutes(20))));
                    TestPool.add(tx, slot);
                }
            }
            org.hl7.fhir.r4.model.Patient patient = new org.hl7.fhir.r4.model.Patient();
            String[] patientIdentifier = clinic.patientIdentifier.split("\\|", 2);
            patient.addIdentifier().setSystem(patientIdentifier[0]).setValue(patientIdentifier[1]);
            TestPool.add(tx, patient);
            Bundle response = test.client().transaction().withBundle(tx).execute();
            List<String> refs = response.getEntry().stream()
                    .map(e -> new IdType(e.getResponse().getLocation())
                            .toUnqualifiedVersionless()
                            .getValue())
                    .toList();
            clinic.organization = refs.get(0);
            clinic.locations = List.of(refs.get(1), refs.get(2));
            // per provider: Practitioner, PractitionerRole, Schedule, two Slots
            clinic.practitioners = List.of(refs.get(3), refs.get(8));
            clinic.slots =
                    List.of(List.of(id(refs.get(6)), id(refs.get(7))), List.of(id(refs.get(11)), id(refs.get(12))));
            clinic.patient = refs.get(13);
            return clinic;
        }

        private static String id(String reference) {
            return new IdType(reference).getIdPart();
        }
    }
}

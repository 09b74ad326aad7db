package org.mediwox.server.publish;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.ContactPoint.ContactPointSystem;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Schedule;
import org.hl7.fhir.r4.model.Slot;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.UrlType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mediwox.server.support.SecondNode;
import org.mediwox.server.support.ServerIT;
import org.mediwox.server.support.TestPool;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * SMART Scheduling Links ({@code GET /fhir/$bulk-publish}), checked against specification.md of
 * smart-on-fhir/smart-scheduling-links: the manifest and every file, without a token; a clinic of this test's own
 * (a Location with address and phone, a Schedule, a free, a held and an unavailable Slot) beside the demo clinic.
 */
class BulkPublishIT extends ServerIT {

    private static final String DEEP_LINK =
            "http://fhir-registry.smarthealthit.org/StructureDefinition/booking-deep-link";
    private static final String BOOKING_PHONE =
            "http://fhir-registry.smarthealthit.org/StructureDefinition/booking-phone";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    private DataSource dataSource;

    private String locationId;
    private String scheduleId;
    private String freeSlot;
    private String heldSlot;
    private String unavailableSlot;
    private String phone;

    @BeforeEach
    void aClinicOfItsOwn() {
        String code = UUID.randomUUID().toString();
        phone = "+1-217-555-" + (1000 + (int) (Math.random() * 8999));
        Bundle tx = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        Location location = new Location().setName("Bulk publish site " + code);
        location.getAddress()
                .addLine("1 Test Road")
                .setCity("Springfield")
                .setState("IL")
                .setPostalCode("62702");
        location.addTelecom().setSystem(ContactPointSystem.PHONE).setValue(phone);
        String locationRef = TestPool.add(tx, location);
        Schedule schedule = new Schedule().setActive(true);
        schedule.addActor(new Reference(locationRef));
        schedule.addServiceType(new CodeableConcept()
                .addCoding(new org.hl7.fhir.r4.model.Coding(TestPool.SPECIALTY_SYSTEM, code, null)));
        String scheduleRef = TestPool.add(tx, schedule);
        Instant first = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        Slot.SlotStatus[] statuses = {
            Slot.SlotStatus.FREE, Slot.SlotStatus.BUSYTENTATIVE, Slot.SlotStatus.BUSYUNAVAILABLE
        };
        for (int i = 0; i < statuses.length; i++) {
            Instant start = first.plus(Duration.ofMinutes(30L * i));
            Slot slot = new Slot().setStatus(statuses[i]).setSchedule(new Reference(scheduleRef));
            slot.setStart(Date.from(start)).setEnd(Date.from(start.plus(Duration.ofMinutes(30))));
            TestPool.add(tx, slot);
        }
        Bundle response = client().transaction().withBundle(tx).execute();
        locationId = idAt(response, 0);
        scheduleId = idAt(response, 1);
        freeSlot = idAt(response, 2);
        heldSlot = idAt(response, 3);
        unavailableSlot = idAt(response, 4);
    }

    @Test
    void manifest_withoutToken_hasTheSpecificationsFields() throws Exception {
        HttpResponse<String> response = send(anonymousRequest("/fhir/$bulk-publish"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(response.headers().firstValue("ETag")).isPresent();
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("max-age=60");
        JsonNode manifest = JSON.readTree(response.body());
        // the specification's timestamp: to the second at least, with an offset
        assertThat(manifest.get("transactionTime").asText())
                .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?(Z|[+-]\\d\\d:\\d\\d)");
        assertThat(Instant.parse(manifest.get("transactionTime").asText()))
                .isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(60));
        assertThat(manifest.get("request").asText()).isEqualTo(fhirBase() + "/$bulk-publish");
        assertThat(manifest.get("error").isArray()).isTrue();
        List<String> types = new ArrayList<>();
        for (JsonNode output : manifest.get("output")) {
            types.add(output.get("type").asText());
            assertThat(output.get("url").asText())
                    .startsWith(fhirBase() + "/$bulk-publish/")
                    .endsWith(".ndjson");
            assertThat(output.at("/extension/state").isArray()).isTrue();
            assertThat(output.at("/extension/state").toString()).contains("\"IL\"");
        }
        assertThat(types)
                .contains("Location", "Schedule", "Slot")
                .allMatch(Set.of("Location", "Schedule", "Slot")::contains);
        // the same answer to Accept: application/json
        assertThat(send(anonymousRequest("/fhir/$bulk-publish").header("Accept", "application/json"))
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void everyFile_holdsValidResourcesOfItsType_withTheSpecificationsFields() throws Exception {
        Published published = download(null);

        assertThat(published.locations).containsKey(locationId);
        for (Location location : published.locations.values()) {
            assertThat(location.getIdElement().getIdPart()).matches("[A-Za-z0-9.-]{1,64}");
            assertThat(location.getName()).isNotBlank();
            assertThat(location.getTelecom())
                    .anySatisfy(t -> assertThat(t.getSystem()).isEqualTo(ContactPointSystem.PHONE));
            assertThat(location.getAddress().getLine()).isNotEmpty();
            assertThat(location.getAddress().getCity()).isNotBlank();
            assertThat(location.getAddress().getState()).isNotBlank();
            assertThat(location.getAddress().getPostalCode()).isNotBlank();
            assertThat(location.getIdentifier())
                    .isNotEmpty()
                    .allSatisfy(i -> assertThat(i.getSystem() + i.getValue()).doesNotContain("null"));
        }
        assertThat(published.locations.get(locationId).getTelecomFirstRep().getValue())
                .isEqualTo(phone);
        // the demo clinic's two Locations have what the specification requires
        assertThat(published.locations.values())
                .extracting(Location::getName)
                .contains("Mediwox Main Street", "Mediwox North");

        for (Schedule schedule : published.schedules.values()) {
            assertThat(schedule.getIdElement().getIdPart()).matches("[A-Za-z0-9.-]{1,64}");
            assertThat(schedule.getActor()).hasSize(1);
            String actor = schedule.getActorFirstRep().getReference();
            assertThat(actor).startsWith("Location/");
            assertThat(published.locations).containsKey(actor.substring("Location/".length()));
            assertThat(schedule.getServiceType()).isNotEmpty();
        }
        for (Slot slot : published.slots.values()) {
            assertThat(slot.getIdElement().getIdPart()).matches("[A-Za-z0-9.-]{1,64}");
            assertThat(slot.getStatus()).isIn(Slot.SlotStatus.FREE, Slot.SlotStatus.BUSY);
            assertThat(slot.getStart()).isBefore(slot.getEnd());
            String schedule = slot.getSchedule().getReference();
            assertThat(published.schedules).containsKey(schedule.substring("Schedule/".length()));
            String link = ((UrlType) slot.getExtensionByUrl(DEEP_LINK).getValue()).getValue();
            assertThat(link)
                    .isEqualTo(
                            serverRoot() + "/app/?slot=" + slot.getIdElement().getIdPart());
            assertThat(slot.getExtensionByUrl(BOOKING_PHONE).getValue()).isInstanceOf(StringType.class);
        }
        // our clinic: its three Slots under the Schedule derived for the Location and the service
        Slot free = published.slots.get(freeSlot);
        String derived = free.getSchedule().getReference().substring("Schedule/".length());
        assertThat(derived).isNotEqualTo(scheduleId);
        assertThat(published.schedules.get(derived).getActorFirstRep().getReference())
                .isEqualTo("Location/" + locationId);
        assertThat(free.getStatus()).isEqualTo(Slot.SlotStatus.FREE);
        assertThat(((StringType) free.getExtensionByUrl(BOOKING_PHONE).getValue()).getValue())
                .isEqualTo(phone);
        assertThat(published.raw).doesNotContain("Patient/").doesNotContain("Practitioner/");
    }

    @Test
    void heldAndUnavailableSlots_arePublishedBusy() throws Exception {
        Published published = download(null);

        assertThat(published.slots.get(heldSlot).getStatus()).isEqualTo(Slot.SlotStatus.BUSY);
        assertThat(published.slots.get(unavailableSlot).getStatus()).isEqualTo(Slot.SlotStatus.BUSY);
    }

    @Test
    void since_returnsOnlyWhatChanged() throws Exception {
        JsonNode manifest =
                JSON.readTree(send(anonymousRequest("/fhir/$bulk-publish")).body());
        String since = manifest.get("transactionTime").asText();
        sleep(50);

        Slot slot = client().read().resource(Slot.class).withId(freeSlot).execute();
        slot.setStatus(Slot.SlotStatus.BUSYUNAVAILABLE);
        client().update().resource(slot).execute();

        Published changes = download(since);
        assertThat(changes.slots).containsKey(freeSlot).doesNotContainKeys(heldSlot, unavailableSlot);
        assertThat(changes.slots.get(freeSlot).getStatus()).isEqualTo(Slot.SlotStatus.BUSY);
        assertThat(changes.locations).doesNotContainKey(locationId);
        assertThat(send(anonymousRequest("/fhir/$bulk-publish?_since=yesterday"))
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void ifNoneMatch_answers304_untilSomethingChanges() {
        HttpResponse<String> first = send(anonymousRequest("/fhir/$bulk-publish"));
        String etag = first.headers().firstValue("ETag").orElseThrow();

        HttpResponse<String> unchanged =
                send(anonymousRequest("/fhir/$bulk-publish").header("If-None-Match", etag));
        assertThat(unchanged.statusCode()).isEqualTo(304);
        assertThat(unchanged.body()).isEmpty();

        Slot slot = client().read().resource(Slot.class).withId(unavailableSlot).execute();
        slot.setStatus(Slot.SlotStatus.FREE);
        client().update().resource(slot).execute();

        HttpResponse<String> changed =
                send(anonymousRequest("/fhir/$bulk-publish").header("If-None-Match", etag));
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(changed.headers().firstValue("ETag")).isPresent().isNotEqualTo(java.util.Optional.of(etag));
    }

    @Test
    void unknownFile_isA404OperationOutcome() {
        HttpResponse<String> response = send(anonymousRequest("/fhir/$bulk-publish/slots-1999-01-01.ndjson"));
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(fhirContext
                        .newJsonParser()
                        .parseResource(OperationOutcome.class, response.body())
                        .getIssueFirstRep()
                        .getDiagnostics())
                .contains("slots-1999-01-01.ndjson");
    }

    @Test
    void switchedOff_needsATokenAndAnswers404() {
        try (ConfigurableApplicationContext second =
                SecondNode.start(dataSource, fhirBase(), "bulk-publish-off", "--mediwox.bulk-publish.enabled=false")) {
            int port = ((WebServerApplicationContext) second).getWebServer().getPort();
            URI manifest = URI.create("http://localhost:" + port + "/fhir/$bulk-publish");

            assertThat(send(HttpRequest.newBuilder(manifest)).statusCode()).isEqualTo(401);
            HttpResponse<String> withToken =
                    send(HttpRequest.newBuilder(manifest).header("Authorization", "Bearer " + token()));
            assertThat(withToken.statusCode()).isEqualTo(404);
            assertThat(fhirContext
                            .newJsonParser()
                            .parseResource(OperationOutcome.class, withToken.body())
                            .getIssueFirstRep()
                            .getDiagnostics())
                    .contains("mediwox.bulk-publish.enabled=false");
            HttpResponse<String> metadata =
                    send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/fhir/metadata")));
            assertThat(advertised(metadata.body()))
                    .as("not advertised while off")
                    .isEmpty();
        }
    }

    @Test
    void capabilityStatement_advertisesTheOperationWithItsDefinitionInTheGuide() {
        HttpResponse<String> metadata = send(anonymousRequest("/fhir/metadata"));

        assertThat(advertised(metadata.body()))
                .singleElement()
                .satisfies(op -> assertThat(op.getDefinition())
                        .isEqualTo("https://mediwox.org/fhir/OperationDefinition/bulk-publish"));
    }

    private List<org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceOperationComponent>
            advertised(String capabilityStatement) {
        return fhirContext
                .newJsonParser()
                .parseResource(org.hl7.fhir.r4.model.CapabilityStatement.class, capabilityStatement)
                .getRestFirstRep()
                .getOperation()
                .stream()
                .filter(op -> op.getName().equals("bulk-publish"))
                .toList();
    }

    /** Every file of the manifest (with {@code _since} when given), each line parsed as a resource of its type. */
    private Published download(String since) throws Exception {
        String query = since == null ? "" : "?_since=" + since;
        JsonNode manifest = JSON.readTree(
                send(anonymousRequest("/fhir/$bulk-publish" + query)).body());
        Published published = new Published();
        for (JsonNode output : manifest.get("output")) {
            String type = output.get("type").asText();
            HttpResponse<String> file =
                    send(HttpRequest.newBuilder(URI.create(output.get("url").asText()))
                            .header("Accept", "application/fhir+ndjson"));
            assertThat(file.statusCode()).as(output.get("url").asText()).isEqualTo(200);
            assertThat(file.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(t -> assertThat(t).startsWith("application/fhir+ndjson"));
            published.raw.append(file.body());
            for (String line : file.body().split("\n")) {
                if (line.isEmpty()) {
                    continue;
                }
                assertThat(line).doesNotContain("\n").startsWith("{");
                IBaseResource resource = fhirContext.newJsonParser().parseResource(line);
                assertThat(resource.fhirType()).isEqualTo(type);
                String id = resource.getIdElement().getIdPart();
                switch (type) {
                    case "Location" ->
                        assertThat(published.locations.put(id, (Location) resource))
                                .isNull();
                    case "Schedule" ->
                        assertThat(published.schedules.put(id, (Schedule) resource))
                                .isNull();
                    default ->
                        assertThat(published.slots.put(id, (Slot) resource)).isNull();
                }
            }
        }
        return published;
    }

    private static final class Published {
        final Map<String, Location> locations = new HashMap<>();
        final Map<String, Schedule> schedules = new HashMap<>();
        final Map<String, Slot> slots = new HashMap<>();
        final StringBuilder raw = new StringBuilder();
    }

    private static String idAt(Bundle response, int index) {
        return new org.hl7.fhir.r4.model.IdType(
                        response.getEntry().get(index).getResponse().getLocation())
                .getIdPart();
    }
}

package org.mediwox.scheduling.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ContactPoint.ContactPointSystem;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Schedule;
import org.hl7.fhir.r4.model.Slot;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.UrlType;
import org.junit.jupiter.api.Test;

/** Mediwox's shapes mapped to SMART Scheduling Links' (specification.md of smart-on-fhir/smart-scheduling-links). */
class SpecShapesTest {

    private static final String BASE = "https://clinic.example/fhir";

    @Test
    void slotStatus_onlyFreeAndBusy_heldAndUnavailableAreBusy_enteredInErrorIsLeftOut() {
        assertThat(SpecShapes.slotStatus("free")).isEqualTo("free");
        assertThat(SpecShapes.slotStatus("busy")).isEqualTo("busy");
        assertThat(SpecShapes.slotStatus("busy-tentative")).isEqualTo("busy");
        assertThat(SpecShapes.slotStatus("busy-unavailable")).isEqualTo("busy");
        assertThat(SpecShapes.slotStatus("entered-in-error")).isNull();
        assertThat(SpecShapes.slotStatus(null)).isNull();
    }

    @Test
    void location_withoutPhoneOrState_isRefused_namingItAndWhatIsMissing() {
        Location location = new Location().setName("Annex");
        location.setId("Location/42");
        location.getAddress().addLine("1 Road").setCity("Springfield").setPostalCode("62701");
        List<String> refusals = new ArrayList<>();

        assertThat(SpecShapes.location(location, BASE, refusals::add)).isNull();
        assertThat(refusals)
                .singleElement()
                .asString()
                .contains("Location/42", "Annex", "telecom phone", "address.state")
                .doesNotContain("address.city");
    }

    @Test
    void location_keepsWhatTheSpecificationAsksFor_andNothingElse() {
        Location source = complete();
        source.setDescription("Behind the bank");
        source.addTelecom().setSystem(ContactPointSystem.EMAIL).setValue("desk@clinic.example");
        source.getManagingOrganization().setReference("Organization/1");

        Location published = SpecShapes.location(source, BASE, why -> {
            throw new AssertionError(why);
        });

        assertThat(published.getIdElement().getIdPart()).isEqualTo("7");
        assertThat(published.getName()).isEqualTo("Mediwox North");
        assertThat(published.getTelecom()).singleElement().satisfies(t -> {
            assertThat(t.getSystem()).isEqualTo(ContactPointSystem.PHONE);
            assertThat(t.getValue()).isEqualTo("+12025550100");
        });
        assertThat(published.getAddress().getLine())
                .extracting(StringType::getValue)
                .containsExactly("8 Harbor Road");
        assertThat(published.getAddress().getState()).isEqualTo("IL");
        assertThat(published.getAddress().getPostalCode()).isEqualTo("62701");
        assertThat(published.getIdentifier()).anySatisfy(i -> {
            assertThat(i.getSystem()).isEqualTo(BASE + "/Location");
            assertThat(i.getValue()).isEqualTo("7");
        });
        assertThat(published.hasManagingOrganization()).isFalse();
        assertThat(published.getDescription()).isEqualTo("Behind the bank");
    }

    @Test
    void scheduleId_isStablePerLocationAndService_andWithinTheSpecificationsAlphabet() {
        Coding gp = new Coding("http://snomed.info/sct", "394814009", "General practice");
        Coding derm = new Coding("http://snomed.info/sct", "394582007", "Dermatology");

        String id = SpecShapes.scheduleId("7", gp);

        assertThat(id).isEqualTo(SpecShapes.scheduleId("7", gp.copy().setDisplay("GP")));
        assertThat(id).isNotEqualTo(SpecShapes.scheduleId("7", derm)).isNotEqualTo(SpecShapes.scheduleId("8", gp));
        assertThat(id).matches("[A-Za-z0-9.-]{1,64}");
        assertThat(SpecShapes.scheduleId("x".repeat(64), gp)).matches("[A-Za-z0-9.-]{1,64}");
    }

    @Test
    void schedule_hasOneLocationActor_andTheServiceAsServiceType() {
        Schedule schedule =
                SpecShapes.schedule("7-abc", "7", new Coding("http://snomed.info/sct", "394582007", "Dermatology"));

        assertThat(schedule.getActor())
                .singleElement()
                .satisfies(a -> assertThat(a.getReference()).isEqualTo("Location/7"));
        assertThat(schedule.getServiceTypeFirstRep().getCodingFirstRep().getCode())
                .isEqualTo("394582007");
    }

    @Test
    void slot_underTheDerivedSchedule_withDeepLinkAndPhone_inUtc() {
        SlotRow row = new SlotRow(
                "99",
                "12",
                "busy-tentative",
                Instant.parse("2026-12-07T14:00:00Z"),
                Instant.parse("2026-12-07T14:30:00Z"));

        Slot slot = SpecShapes.slot(
                row,
                "7-abc",
                SpecShapes.slotStatus(row.status()),
                SpecShapes.deepLink("https://c.example/app/", "99"),
                "+12025550100");

        assertThat(slot.getSchedule().getReference()).isEqualTo("Schedule/7-abc");
        assertThat(slot.getStatus()).isEqualTo(Slot.SlotStatus.BUSY);
        assertThat(slot.getStartElement().getValueAsString()).isEqualTo("2026-12-07T14:00:00.000Z");
        assertThat(((UrlType) slot.getExtensionByUrl(SpecShapes.BOOKING_DEEP_LINK)
                                .getValue())
                        .getValue())
                .isEqualTo("https://c.example/app/?slot=99");
        assertThat(((StringType)
                                slot.getExtensionByUrl(SpecShapes.BOOKING_PHONE).getValue())
                        .getValue())
                .isEqualTo("+12025550100");
    }

    @Test
    void ifNoneMatch_weakComparison_andSince_needsAnOffset() {
        assertThat(BulkPublishFilter.matches("W/\"1-2026-12-05\"", "W/\"1-2026-12-05\""))
                .isTrue();
        assertThat(BulkPublishFilter.matches("\"1-2026-12-05\"", "W/\"1-2026-12-05\""))
                .isTrue();
        assertThat(BulkPublishFilter.matches("W/\"0-2026-12-05\", W/\"1-2026-12-05\"", "W/\"1-2026-12-05\""))
                .isTrue();
        assertThat(BulkPublishFilter.matches("W/\"1-2026-12-04\"", "W/\"1-2026-12-05\""))
                .isFalse();
        assertThat(BulkPublishFilter.matches(null, "W/\"1-2026-12-05\"")).isFalse();
        assertThat(BulkPublishFilter.since("2021-04-22T14:28:21.582Z"))
                .isEqualTo(Instant.parse("2021-04-22T14:28:21.582Z"));
        assertThat(BulkPublishFilter.since("2021-04-22T10:28:21-04:00"))
                .isEqualTo(Instant.parse("2021-04-22T14:28:21Z"));
        assertThat(BulkPublishFilter.since(null)).isNull();
    }

    private static Location complete() {
        Location location = new Location().setName("Mediwox North");
        location.setId("Location/7");
        location.getAddress()
                .addLine("8 Harbor Road")
                .setCity("Springfield")
                .setState("IL")
                .setPostalCode("62701");
        location.addTelecom().setSystem(ContactPointSystem.PHONE).setValue("+12025550100");
        return location;
    }
}

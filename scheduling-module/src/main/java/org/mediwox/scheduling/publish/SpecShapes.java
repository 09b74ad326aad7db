package org.mediwox.scheduling.publish;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.ContactPoint.ContactPointSystem;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Schedule;
import org.hl7.fhir.r4.model.Slot;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.UrlType;

/**
 * Mediwox's resources in the shapes of SMART Scheduling Links (specification.md of
 * smart-on-fhir/smart-scheduling-links): what the specification requires is copied, nothing else — no practitioner,
 * no comment, no patient.
 */
final class SpecShapes {

    static final String BOOKING_DEEP_LINK =
            "http://fhir-registry.smarthealthit.org/StructureDefinition/booking-deep-link";
    static final String BOOKING_PHONE = "http://fhir-registry.smarthealthit.org/StructureDefinition/booking-phone";
    /** The identifier system of a Location without identifiers of its own: the server's Location URL. */
    static final String LOCATION_ID_SUFFIX = "/Location";

    private SpecShapes() {}

    /**
     * The specification's two Slot statuses: {@code free} stays free; {@code busy}, {@code busy-tentative} (held) and
     * {@code busy-unavailable} are {@code busy}. Anything else ({@code entered-in-error}) is not published: null.
     */
    static String slotStatus(String mediwoxStatus) {
        if (mediwoxStatus == null) {
            return null;
        }
        return switch (mediwoxStatus) {
            case "free" -> "free";
            case "busy", "busy-tentative", "busy-unavailable" -> "busy";
            default -> null;
        };
    }

    /**
     * The id of the Schedule derived for a Location and a service: stable across runs and nodes, at most 64 characters
     * of letters, digits, {@code -} and {@code .}, as the specification allows.
     */
    static String scheduleId(String locationId, Coding service) {
        String hash = sha256(service.getSystem() + "|" + service.getCode());
        String id = locationId + "-" + hash.substring(0, 16);
        return id.length() <= 64 ? id : sha256(locationId + "|" + hash).substring(0, 64);
    }

    /**
     * The Location as the specification requires it (name, a phone among the contact points, an address with line,
     * city, state and postal code, identifiers), or null with {@code refusal} told what is missing.
     */
    static Location location(Location source, String fhirBase, Consumer<String> refusal) {
        String id = source.getIdElement().getIdPart();
        Address address = source.getAddress();
        List<String> missing = new java.util.ArrayList<>();
        if (!source.hasName()) {
            missing.add("name");
        }
        if (phone(source) == null) {
            missing.add("telecom phone");
        }
        if (!address.hasLine() || address.getLine().stream().allMatch(line -> !line.hasValue())) {
            missing.add("address.line");
        }
        if (!address.hasCity()) {
            missing.add("address.city");
        }
        if (!address.hasState()) {
            missing.add("address.state");
        }
        if (!address.hasPostalCode()) {
            missing.add("address.postalCode");
        }
        if (!missing.isEmpty()) {
            refusal.accept("Location/" + id + " (" + source.getName() + ") lacks " + String.join(", ", missing));
            return null;
        }
        Location published = new Location();
        published.setId(id);
        published.setName(source.getName());
        if (source.hasDescription()) {
            published.setDescription(source.getDescription());
        }
        for (ContactPoint telecom : source.getTelecom()) {
            if ((telecom.getSystem() == ContactPointSystem.PHONE || telecom.getSystem() == ContactPointSystem.URL)
                    && telecom.hasValue()) {
                published.addTelecom().setSystem(telecom.getSystem()).setValue(telecom.getValue());
            }
        }
        Address copy = published.getAddress();
        address.getLine().stream().filter(StringType::hasValue).forEach(line -> copy.addLine(line.getValue()));
        copy.setCity(address.getCity()).setState(address.getState()).setPostalCode(address.getPostalCode());
        if (address.hasDistrict()) {
            copy.setDistrict(address.getDistrict());
        }
        if (source.hasPosition()
                && source.getPosition().hasLatitude()
                && source.getPosition().hasLongitude()) {
            published
                    .getPosition()
                    .setLatitude(source.getPosition().getLatitude())
                    .setLongitude(source.getPosition().getLongitude());
        }
        source.getIdentifier().stream()
                .filter(identifier -> identifier.hasSystem() && identifier.hasValue())
                .forEach(identifier -> published
                        .addIdentifier()
                        .setSystem(identifier.getSystem())
                        .setValue(identifier.getValue()));
        published.addIdentifier().setSystem(fhirBase + LOCATION_ID_SUFFIX).setValue(id);
        return published;
    }

    /** The Location's first phone number, or null. */
    static String phone(Location location) {
        return location.getTelecom().stream()
                .filter(t -> t.getSystem() == ContactPointSystem.PHONE && t.hasValue())
                .map(ContactPoint::getValue)
                .findFirst()
                .orElse(null);
    }

    /** A derived Schedule: the one Location as its actor, the service as its serviceType. */
    static Schedule schedule(String id, String locationId, Coding service) {
        Schedule schedule = new Schedule();
        schedule.setId(id);
        schedule.addServiceType(new CodeableConcept()
                .addCoding(new Coding(service.getSystem(), service.getCode(), service.getDisplay())));
        schedule.addActor(new Reference("Location/" + locationId));
        return schedule;
    }

    /** A published Slot: schedule, free/busy, start and end as instants, the booking link and phone. */
    static Slot slot(SlotRow row, String scheduleId, String status, String deepLink, String phone) {
        Slot slot = new Slot();
        slot.setId(row.id());
        slot.setSchedule(new Reference("Schedule/" + scheduleId));
        slot.setStatus(Slot.SlotStatus.fromCode(status));
        slot.setStartElement(utc(row.start()));
        slot.setEndElement(utc(row.end()));
        slot.addExtension(BOOKING_DEEP_LINK, new UrlType(deepLink));
        if (phone != null) {
            slot.addExtension(BOOKING_PHONE, new StringType(phone));
        }
        return slot;
    }

    private static InstantType utc(java.time.Instant instant) {
        InstantType type = new InstantType(java.util.Date.from(instant));
        type.setTimeZoneZulu(true);
        return type;
    }

    /** The deep link into the patient app that opens the review of this Slot. */
    static String deepLink(String appUrl, String slotId) {
        return appUrl + "?slot=" + java.net.URLEncoder.encode(Objects.requireNonNull(slotId), StandardCharsets.UTF_8);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package org.mediwox.server.support;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Schedule;
import org.hl7.fhir.r4.model.Slot;

/**
 * A provider pool of its own for one test (Slots from two days ahead, inside $book's default 14-day window): a specialty code nobody else uses, providers with a Schedule each and free
 * 30-minute Slots, and patients. Tests that count assignments are then unaffected by the demo data and other tests.
 */
public record TestPool(
        String specialty, String locationId, List<String> roleIds, List<String> slotIds, List<String> patientIds) {

    public static final String SPECIALTY_SYSTEM = "urn:mediwox:test:specialty";
    public static final Instant FIRST_SLOT =
            Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);

    /** The token to pass as {@code specialty} to {@code $book}. */
    public String specialtyToken() {
        return SPECIALTY_SYSTEM + "|" + specialty;
    }

    public static TestPool create(IGenericClient client, int providers, int slotsPerProvider, int patients) {
        String code = UUID.randomUUID().toString();
        CodeableConcept specialty = new CodeableConcept();
        specialty.addCoding().setSystem(SPECIALTY_SYSTEM).setCode(code);
        Bundle tx = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        Location location = new Location().setName("Test site " + code);
        String locationRef = add(tx, location);
        List<Integer> roleEntries = new ArrayList<>();
        List<Integer> slotEntries = new ArrayList<>();
        for (int p = 0; p < providers; p++) {
            Practitioner practitioner = new Practitioner();
            practitioner.addName().setFamily("Provider " + p);
            String practitionerRef = add(tx, practitioner);
            PractitionerRole role = new PractitionerRole().setActive(true);
            role.setPractitioner(new Reference(practitionerRef).setDisplay("Provider " + p));
            role.addSpecialty(specialty.copy());
            role.addLocation(new Reference(locationRef));
            roleEntries.add(tx.getEntry().size());
            String roleRef = add(tx, role);
            Schedule schedule = new Schedule().setActive(true);
            schedule.addActor(new Reference(roleRef));
            schedule.addActor(new Reference(practitionerRef));
            schedule.addActor(new Reference(locationRef));
            schedule.addSpecialty(specialty.copy());
            String scheduleRef = add(tx, schedule);
            for (int s = 0; s < slotsPerProvider; s++) {
                Instant start = FIRST_SLOT.plus(Duration.ofMinutes(30L * s));
                Slot slot = new Slot().setStatus(Slot.SlotStatus.FREE);
                slot.setSchedule(new Reference(scheduleRef));
                slot.addSpecialty(specialty.copy());
                slot.setStart(Date.from(start)).setEnd(Date.from(start.plus(Duration.ofMinutes(30))));
                slotEntries.add(tx.getEntry().size());
                add(tx, slot);
            }
        }
        List<Integer> patientEntries = new ArrayList<>();
        for (int i = 0; i < patients; i++) {
            Patient patient = new Patient();
            patient.addName().setFamily("Pool patient " + i);
            patientEntries.add(tx.getEntry().size());
            add(tx, patient);
        }
        Bundle response = client.transaction().withBundle(tx).execute();
        return new TestPool(
                code,
                idAt(response, 0),
                roleEntries.stream().map(i -> idAt(response, i)).toList(),
                slotEntries.stream().map(i -> idAt(response, i)).toList(),
                patientEntries.stream().map(i -> idAt(response, i)).toList());
    }

    /** Adds a POST of the resource to a transaction under a new {@code urn:uuid} full URL, and answers that URL. */
    public static String add(Bundle tx, Resource resource) {
        String fullUrl = "urn:uuid:" + UUID.randomUUID();
        tx.addEntry()
                .setFullUrl(fullUrl)
                .setResource(resource)
                .getRequest()
                .setMethod(HTTPVerb.POST)
                .setUrl(resource.fhirType());
        return fullUrl;
    }

    private static String idAt(Bundle response, int index) {
        return new IdType(response.getEntry().get(index).getResponse().getLocation()).getIdPart();
    }
}

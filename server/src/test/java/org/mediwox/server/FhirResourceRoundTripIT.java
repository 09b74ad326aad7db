package org.mediwox.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.util.FhirTerser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseReference;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Schedule;
import org.hl7.fhir.r4.model.Slot;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mediwox.server.support.ServerIT;

/**
 * Every resource type Mediwox serves goes through create, read, vread, update, search, patch, history and delete, using
 * the official FHIR R4 example of that type (fhir-test-cases, r4/examples). Example ids and the references between
 * examples are prefixed with {@code ex-} (HAPI refuses purely numeric client ids), and each reference target is first
 * created as a minimal placeholder, because Mediwox enforces referential integrity.
 */
class FhirResourceRoundTripIT extends ServerIT {

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = ';',
            value = {
                "Patient;           patient-example.json;           family=Chalmers",
                "Practitioner;      practitioner-example.json;      identifier=http://www.acme.org/practitioners|23",
                "PractitionerRole;  practitionerrole-example.json;  specialty=http://snomed.info/sct|408443003",
                "Organization;      organization-example.json;      name=Health",
                "Location;          location-example.json;          name=South",
                "Schedule;          schedule-example.json;          identifier=http://example.org/scheduleid|45",
                "Slot;              slot-example.json;              start=ge2013-12-25T09:00:00Z&start=lt2013-12-25T10:00:00Z",
                "Appointment;       appointment-example.json;       date=ge2013-12-10&date=le2013-12-11",
                "DocumentReference; documentreference-example.json; type=http://loinc.org|34108-1",
                "Binary;            binary-example.json;            _id=ex-example"
            })
    void officialExample_survivesEveryRestInteraction(String type, String exampleFile, String search)
            throws IOException {
        IGenericClient client = client();
        Resource example = loadExample(exampleFile);
        createReferenceTargets(client, example);

        // create (update-as-create with the example's id)
        IIdType created = client.update().resource(example).execute().getId();
        long createdVersion = created.getVersionIdPartAsLong();

        // read: same content as sent
        Resource read = (Resource) client.read()
                .resource(type)
                .withId(example.getIdElement().getIdPart())
                .execute();
        assertThat(contentOf(read)).isEqualTo(contentOf(example));

        // update -> new version; vread still returns the first one
        Resource changed = read.copy();
        setMarker(changed, "en");
        IIdType updated = client.update().resource(changed).execute().getId();
        assertThat(updated.getVersionIdPartAsLong()).isEqualTo(createdVersion + 1);
        Resource first = (Resource) client.read().resource(type).withId(created).execute();
        assertThat(marker(first)).isEqualTo(marker(example));

        // search finds it by a parameter of that type
        Bundle found = client.search()
                .byUrl(type + "?" + search)
                .returnBundle(Bundle.class)
                .execute();
        assertThat(found.getEntry())
                .extracting(e -> e.getResource().getIdElement().getIdPart())
                .contains(example.getIdElement().getIdPart());

        // patch (JSON Patch)
        String path = example instanceof Binary ? "/contentType" : "/language";
        String patchedMarker = markerValue(example, "es");
        client.patch()
                .withBody("[{\"op\":\"replace\",\"path\":\"" + path + "\",\"value\":\"" + patchedMarker + "\"}]")
                .withId(updated.toUnqualifiedVersionless())
                .execute();
        Resource patched = (Resource)
                client.read().resource(type).withId(updated.getIdPart()).execute();
        assertThat(marker(patched)).isEqualTo(patchedMarker);

        // delete: gone, history keeps every version
        client.delete().resourceById(updated.toUnqualifiedVersionless()).execute();
        assertThatThrownBy(() ->
                        client.read().resource(type).withId(updated.getIdPart()).execute())
                .isInstanceOf(ResourceGoneException.class);
        Bundle history = client.history()
                .onInstance(updated.toUnqualifiedVersionless())
                .returnBundle(Bundle.class)
                .execute();
        // create, update, patch, delete (plus a placeholder version when the example refers to itself)
        assertThat(history.getEntry()).hasSize((int) createdVersion + 3);
    }

    private Resource loadExample(String file) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/org/hl7/fhir/testcases/r4/examples/" + file)) {
            assertThat(in).as("example %s on the test class path", file).isNotNull();
            String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Resource resource = (Resource) fhirContext.newJsonParser().parseResource(json);
            resource.setId(prefixed(resource.getIdElement()));
            FhirTerser terser = fhirContext.newTerser();
            for (IBaseReference reference : terser.getAllPopulatedChildElementsOfType(resource, IBaseReference.class)) {
                IIdType target = reference.getReferenceElement();
                if (target.hasResourceType() && target.hasIdPart() && !target.isLocal()) {
                    reference.setReference(prefixed(target).getValue());
                }
            }
            return resource;
        }
    }

    private static IdType prefixed(IIdType id) {
        return new IdType(id.getResourceType(), "ex-" + id.getIdPart());
    }

    private void createReferenceTargets(IGenericClient client, Resource resource) {
        List<IBaseReference> references =
                fhirContext.newTerser().getAllPopulatedChildElementsOfType(resource, IBaseReference.class);
        for (IBaseReference reference : references) {
            IIdType target = reference.getReferenceElement();
            if (!target.hasResourceType() || target.isLocal()) {
                continue;
            }
            Resource placeholder = placeholder(client, target.getResourceType());
            placeholder.setId(target.toUnqualifiedVersionless());
            client.update().resource(placeholder).execute();
        }
    }

    /**
     * A minimal resource of the type: empty, except for the elements R4 requires of the scheduling and document types
     * (Mediwox refuses those without them), whose own references point at placeholders too.
     */
    private Resource placeholder(IGenericClient client, String type) {
        Resource resource = (Resource) fhirContext.getResourceDefinition(type).newInstance();
        java.util.function.Supplier<Reference> practitioner = () -> {
            Practitioner p = new Practitioner();
            p.setId("ex-placeholder-practitioner");
            client.update().resource(p).execute();
            return new Reference("Practitioner/ex-placeholder-practitioner");
        };
        if (resource instanceof Schedule schedule) {
            schedule.addActor(practitioner.get());
        } else if (resource instanceof Slot slot) {
            Schedule schedule = (Schedule) placeholder(client, "Schedule");
            schedule.setId("ex-placeholder-schedule");
            client.update().resource(schedule).execute();
            slot.setSchedule(new Reference("Schedule/ex-placeholder-schedule"))
                    .setStatus(Slot.SlotStatus.FREE)
                    .setStart(new java.util.Date(1_800_000_000_000L))
                    .setEnd(new java.util.Date(1_800_000_900_000L));
        } else if (resource instanceof Appointment appointment) {
            appointment.setStatus(Appointment.AppointmentStatus.PROPOSED);
            appointment
                    .addParticipant()
                    .setActor(practitioner.get())
                    .setStatus(Appointment.ParticipationStatus.NEEDSACTION);
        } else if (resource instanceof DocumentReference document) {
            document.setStatus(org.hl7.fhir.r4.model.Enumerations.DocumentReferenceStatus.CURRENT);
            document.addContent().getAttachment().setContentType("text/plain").setUrl("urn:placeholder");
        }
        return resource;
    }

    /**
     * The element the test changes: language, except on Binary, whose body HAPI stores without it: there the content
     * type, switched between types the document store accepts.
     */
    private static void setMarker(Resource resource, String language) {
        if (resource instanceof Binary binary) {
            binary.setContentType(markerValue(resource, language));
        } else {
            resource.setLanguage(language);
        }
    }

    private static String markerValue(Resource resource, String language) {
        if (!(resource instanceof Binary)) {
            return language;
        }
        return language.equals("en") ? "text/plain" : "image/png";
    }

    private static String marker(Resource resource) {
        return resource instanceof Binary binary ? binary.getContentType() : resource.getLanguage();
    }

    private String contentOf(Resource resource) {
        Resource copy = resource.copy();
        copy.setMeta(null);
        copy.setIdElement(null);
        if (copy instanceof Binary binary) {
            // HAPI's JPA server keeps Binary.securityContext out of the stored body (hapi-fhir#734): compared apart
            binary.setSecurityContext(null);
        }
        return fhirContext.newJsonParser().encodeResourceToString(copy);
    }
}

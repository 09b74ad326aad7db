package org.mediwox.scheduling.publish;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Schedule;
import org.mediwox.scheduling.availability.DirectorySearch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the {@link Catalog} from the active Schedules (with their PractitionerRole and Location actors). A Schedule's
 * Location is its Location actor, else its PractitionerRole's first Location; its service is its first serviceType,
 * else its first specialty, else its role's. A Location the specification cannot take (no phone, an incomplete
 * address) is refused with a warning naming it, and its Schedules' Slots are not published.
 */
class CatalogReader {

    private static final Logger log = LoggerFactory.getLogger(CatalogReader.class);
    private static final int MAX_SCHEDULES = 10_000;

    private final DaoRegistry daoRegistry;
    private final DirectorySearch directory;

    CatalogReader(DaoRegistry daoRegistry) {
        this.daoRegistry = daoRegistry;
        this.directory = new DirectorySearch(daoRegistry);
    }

    Catalog read(String fhirBase) {
        SearchParameterMap map = SearchParameterMap.newSynchronous();
        map.add(Schedule.SP_ACTIVE, new TokenParam("true"));
        map.addInclude(Schedule.INCLUDE_ACTOR.asNonRecursive());
        Map<String, Schedule> sources = new TreeMap<>();
        Map<String, PractitionerRole> roles = new HashMap<>();
        Map<String, Location> locations = new HashMap<>();
        for (IBaseResource resource : directory.all(Schedule.class, map, MAX_SCHEDULES)) {
            String id = resource.getIdElement().getIdPart();
            if (resource instanceof Schedule schedule) {
                sources.put(id, schedule);
            } else if (resource instanceof PractitionerRole role) {
                roles.put(id, role);
            } else if (resource instanceof Location location) {
                locations.put(id, location);
            }
        }

        Map<String, Catalog.Published<Location>> published = new TreeMap<>();
        Map<String, Boolean> refused = new HashMap<>();
        Map<String, Catalog.Published<Schedule>> schedules = new LinkedHashMap<>();
        Map<String, String> derivedOf = new HashMap<>();
        Map<String, String> phoneOf = new HashMap<>();
        for (Schedule source : sources.values()) {
            PractitionerRole role = role(source, roles);
            String locationId = locationId(source, role);
            Coding service = service(source, role);
            if (locationId == null || service == null) {
                continue; // nothing a client could find it by
            }
            Location location = locations.computeIfAbsent(locationId, this::readLocation);
            if (location == null || refused.containsKey(locationId)) {
                continue;
            }
            if (!published.containsKey(locationId)) {
                Location shaped = SpecShapes.location(
                        location,
                        fhirBase,
                        why -> log.warn(
                                "SMART Scheduling Links: not publishing {}: the specification requires a name, a phone and"
                                        + " an address with line, city, state and postal code",
                                why));
                if (shaped == null) {
                    refused.put(locationId, true);
                    continue;
                }
                published.put(locationId, new Catalog.Published<>(shaped, updated(location)));
            }
            Instant locationUpdated = published.get(locationId).updated();
            String derivedId = SpecShapes.scheduleId(locationId, service);
            Instant updated = max(max(updated(source), locationUpdated), role == null ? null : updated(role));
            schedules.merge(
                    derivedId,
                    new Catalog.Published<>(SpecShapes.schedule(derivedId, locationId, service), updated),
                    (a, b) -> a.updated().isAfter(b.updated()) ? a : b);
            derivedOf.put(source.getIdElement().getIdPart(), derivedId);
            phoneOf.put(source.getIdElement().getIdPart(), SpecShapes.phone(location));
        }
        return new Catalog(published, schedules, derivedOf, phoneOf);
    }

    private static PractitionerRole role(Schedule schedule, Map<String, PractitionerRole> roles) {
        return schedule.getActor().stream()
                .map(Reference::getReferenceElement)
                .filter(ref -> "PractitionerRole".equals(ref.getResourceType()))
                .map(ref -> roles.get(ref.getIdPart()))
                .filter(java.util.Objects::nonNull)
                .findFirst()
                .orElse(null);
    }

    private static String locationId(Schedule schedule, PractitionerRole role) {
        return schedule.getActor().stream()
                .map(Reference::getReferenceElement)
                .filter(ref -> "Location".equals(ref.getResourceType()) && ref.hasIdPart())
                .map(ref -> ref.getIdPart())
                .findFirst()
                .orElseGet(() -> role == null || !role.hasLocation()
                        ? null
                        : role.getLocationFirstRep().getReferenceElement().getIdPart());
    }

    private static Coding service(Schedule schedule, PractitionerRole role) {
        Coding coding = first(schedule.getServiceType());
        if (coding == null) {
            coding = first(schedule.getSpecialty());
        }
        if (coding == null && role != null) {
            coding = first(role.getSpecialty());
        }
        return coding;
    }

    private static Coding first(java.util.List<CodeableConcept> concepts) {
        return concepts.stream()
                .flatMap(concept -> concept.getCoding().stream())
                .filter(coding -> coding.hasSystem() && coding.hasCode())
                .findFirst()
                .orElse(null);
    }

    private Location readLocation(String id) {
        IFhirResourceDao<Location> dao = daoRegistry.getResourceDao(Location.class);
        try {
            return dao.read(new IdType("Location", id), new SystemRequestDetails());
        } catch (ResourceNotFoundException | ResourceGoneException e) {
            return null;
        }
    }

    private static Instant updated(IBaseResource resource) {
        java.util.Date date = resource.getMeta().getLastUpdated();
        return date == null ? Instant.EPOCH : date.toInstant();
    }

    private static Instant max(Instant a, Instant b) {
        return b == null || a.isAfter(b) ? a : b;
    }
}

package org.mediwox.scheduling.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Schedule;
import org.hl7.fhir.r4.model.Slot;
import org.junit.jupiter.api.Test;

/**
 * How {@link StaffPlaces} places a Slot through its Schedule: what it cannot read (a transaction's placeholder, a
 * Schedule not stored) it reports as unresolved, and what it has read it reads once per shared map.
 */
class StaffPlacesTest {

    @SuppressWarnings("unchecked")
    private final IFhirResourceDao<Schedule> schedules = mock(IFhirResourceDao.class);

    @SuppressWarnings("unchecked")
    private final IFhirResourceDao<Location> locations = mock(IFhirResourceDao.class);

    private final DaoRegistry daoRegistry = mock(DaoRegistry.class);

    StaffPlacesTest() {
        when(daoRegistry.getResourceDao(Schedule.class)).thenReturn(schedules);
        when(daoRegistry.getResourceDao(Location.class)).thenReturn(locations);
        Schedule north = new Schedule().addActor(new Reference("Location/north"));
        north.setId("Schedule/4");
        when(schedules.read(argThat(id("Schedule/4")), any(RequestDetails.class)))
                .thenReturn(north);
        when(schedules.read(argThat(id("Schedule/5")), any(RequestDetails.class)))
                .thenThrow(new ResourceNotFoundException("Schedule/5"));
        Location location = new Location().setManagingOrganization(new Reference("Organization/clinic"));
        location.setId("Location/north");
        when(locations.read(argThat(id("Location/north")), any(RequestDetails.class)))
                .thenReturn(location);
    }

    private static org.mockito.ArgumentMatcher<IIdType> id(String value) {
        return id -> id != null && value.equals(id.toUnqualifiedVersionless().getValue());
    }

    private static Slot slotOf(String schedule) {
        return new Slot().setSchedule(new Reference(schedule));
    }

    @Test
    void aSlotOnAStoredSchedule_isAtItsLocation_andResolved() {
        StaffPlaces places = new StaffPlaces(daoRegistry, new HashMap<>());

        Place place = places.ofAvailability(slotOf("Schedule/4"));

        assertThat(place.locationIds()).containsExactly("north");
        assertThat(place.organizationIds()).containsExactly("clinic");
        assertThat(places.unresolved()).isFalse();
    }

    @Test
    void aSlotNamingItsScheduleByPlaceholder_isUnplaced_andUnresolved_withNothingRead() {
        StaffPlaces places = new StaffPlaces(daoRegistry, new HashMap<>());

        Place place = places.ofAvailability(slotOf("urn:uuid:5a0f1d7e-2b7c-4c55-9d8e-0c3f6d1a2b3c"));

        assertThat(place.placed()).isFalse();
        assertThat(places.unresolved()).isTrue();
        verify(schedules, never()).read(any(IIdType.class), any(RequestDetails.class));
    }

    @Test
    void aSlotOnAScheduleNotStored_isUnresolved_andTheMissIsNotKept() {
        Map<String, Resource> reads = new HashMap<>();
        StaffPlaces places = new StaffPlaces(daoRegistry, reads);

        Place place = places.ofAvailability(slotOf("Schedule/5"));

        assertThat(place.placed()).isFalse();
        assertThat(places.unresolved()).isTrue();
        assertThat(reads).isEmpty();
    }

    @Test
    void checksSharingTheirReads_readEachScheduleAndLocationOnce() {
        Map<String, Resource> reads = new HashMap<>();

        Place first = new StaffPlaces(daoRegistry, reads).ofAvailability(slotOf("Schedule/4"));
        Place second = new StaffPlaces(daoRegistry, reads).ofAvailability(slotOf("Schedule/4"));

        assertThat(second).isEqualTo(first);
        assertThat(reads.keySet()).isEqualTo(Set.of("Schedule/4", "Location/north"));
        verify(schedules, times(1)).read(any(IIdType.class), any(RequestDetails.class));
        verify(locations, times(1)).read(any(IIdType.class), any(RequestDetails.class));
    }
}

package org.mediwox.scheduling.publish;

import java.time.Instant;
import java.util.Map;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Schedule;

/**
 * What is published besides the Slots: the Locations that passed the specification's checks, the Schedules derived
 * from Mediwox's (one per Location and service), and which derived Schedule each Mediwox Schedule's Slots go under.
 * Small (one entry per provider's Schedule), so it is held in memory for the feed's current version ({@link
 * CurrentCatalog}).
 */
record Catalog(
        Map<String, Published<Location>> locations,
        Map<String, Published<Schedule>> schedules,
        Map<String, String> derivedScheduleOf,
        Map<String, String> phoneOfSchedule) {

    /** A published resource and when it, or what it was derived from, last changed. */
    record Published<T>(T resource, Instant updated) {}
}

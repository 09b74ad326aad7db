package org.mediwox.scheduling.generation;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Schedule;
import org.mediwox.plugin.vocabulary.MediwoxExtensions;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Marks generated Schedules for the next generation in the transaction that changes what they follow — the Schedule
 * itself, its PractitionerRole (hours, leave, active) or its Location (closures, zone) — on every write path. A
 * Schedule tagged {@code schedule-management|generated} is managed from its first write with the tag; without the tag
 * it is no longer managed (its Slots stay as they are, and are then the clinic's to edit).
 */
@Interceptor
public class GenerationInterceptor {

    private final JdbcTemplate jdbc;

    public GenerationInterceptor(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
    public void created(IBaseResource resource) {
        changed(resource);
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
    public void updated(IBaseResource previous, IBaseResource resource) {
        changed(resource);
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_DELETED)
    public void deleted(IBaseResource resource) {
        if (resource instanceof Schedule schedule) {
            unmanage(schedule.getIdElement().getIdPart());
        } else {
            changed(resource);
        }
    }

    private void changed(IBaseResource resource) {
        String id = resource.getIdElement().getIdPart();
        switch (resource.fhirType()) {
            case "Schedule" -> schedule((Schedule) resource, id);
            case "PractitionerRole" ->
                jdbc.update(
                        "update mediwox.generation_state set version = version + 1 where schedule_id in"
                                + " (select schedule_id from mediwox.schedule_provider where provider = ?)",
                        "PractitionerRole/" + id);
            case "Location" ->
                jdbc.update(
                        "update mediwox.generation_state set version = version + 1 where schedule_id in"
                                + " (select schedule_id from mediwox.schedule_provider where location_id = ?)",
                        id);
            default -> {
                // nothing a generated Schedule follows
            }
        }
    }

    private void schedule(Schedule schedule, String id) {
        if (generated(schedule)) {
            jdbc.update(
                    "insert into mediwox.generation_state (schedule_id) values (?)"
                            + " on conflict (schedule_id) do update set version = generation_state.version + 1",
                    id);
        } else {
            unmanage(id);
        }
    }

    /** The Schedule is no longer generated: its Slots stay as they are, the generator forgets them. */
    private void unmanage(String scheduleId) {
        jdbc.update("delete from mediwox.generation_state where schedule_id = ?", scheduleId);
        jdbc.update("delete from mediwox.generated_slot where schedule_id = ?", scheduleId);
    }

    /** Whether the Schedule carries the tag that hands its Slots to the generator. */
    public static boolean generated(Schedule schedule) {
        return schedule.getMeta().getTag(MediwoxExtensions.SCHEDULE_MANAGEMENT, MediwoxExtensions.GENERATED) != null;
    }
}

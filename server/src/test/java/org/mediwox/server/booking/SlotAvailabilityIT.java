package org.mediwox.server.booking;

import static org.assertj.core.api.Assertions.assertThat;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Slot;
import org.junit.jupiter.api.Test;
import org.mediwox.scheduling.availability.SlotAvailabilityBackfill;
import org.mediwox.server.support.ServerIT;
import org.mediwox.server.support.TestPool;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The availability read model follows every Slot write, and is rebuilt from the stored Slots when it is empty. */
class SlotAvailabilityIT extends ServerIT {

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private SlotAvailabilityBackfill backfill;

    @Test
    void plainFhirWritesOfASlot_areReflected() {
        TestPool pool = TestPool.create(client(), 1, 1, 0);
        String slotId = pool.slotIds().get(0);
        assertThat(statusOf(slotId)).isEqualTo("free");

        Slot slot = client().read().resource(Slot.class).withId(slotId).execute();
        slot.setStatus(Slot.SlotStatus.BUSYUNAVAILABLE);
        client().update().resource(slot).execute();
        assertThat(statusOf(slotId)).isEqualTo("busy-unavailable");

        client().delete().resourceById("Slot", slotId).execute();
        assertThat(jdbc.queryForObject(
                        "select count(*) from mediwox.slot_availability where slot_id = ?", Integer.class, slotId))
                .isZero();
    }

    @Test
    void emptyReadModel_isRebuiltFromTheStoredSlots() {
        TestPool.create(client(), 1, 3, 0);
        int before = jdbc.queryForObject("select count(*) from mediwox.slot_availability", Integer.class);
        int stored = client().search()
                .byUrl("Slot?_summary=count")
                .returnBundle(Bundle.class)
                .execute()
                .getTotal();
        assertThat(before).isEqualTo(stored);

        jdbc.update("delete from mediwox.slot_availability");
        backfill.run(null);

        assertThat(jdbc.queryForObject("select count(*) from mediwox.slot_availability", Integer.class))
                .isEqualTo(stored);
    }

    private String statusOf(String slotId) {
        return jdbc.queryForObject(
                "select status from mediwox.slot_availability where slot_id = ?", String.class, slotId);
    }
}

package org.mediwox.scheduling.publish;

import java.time.Instant;

/** A row of {@code mediwox.slot_availability}: what a published Slot is made of. */
record SlotRow(String id, String scheduleId, String status, Instant start, Instant end) {}

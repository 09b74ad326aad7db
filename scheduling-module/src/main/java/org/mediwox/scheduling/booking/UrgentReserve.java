package org.mediwox.scheduling.booking;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import org.mediwox.scheduling.availability.SlotSearch;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reserved urgent capacity: of each provider's free Slots on a day, the last {@code reservedPerDay} are kept for urgent
 * requests. A routine booking may take a Slot only while the provider still has more than that many free Slots that
 * day; urgent bookings may take any. Routine bookings of one provider and day take turns (a transaction-scoped
 * advisory lock), so two of them cannot both take the last unreserved Slot.
 */
public class UrgentReserve {

    private final int reservedPerDay;
    private final ZoneId zone;
    private final SlotSearch slotSearch;
    private final JdbcTemplate jdbc;

    public UrgentReserve(int reservedPerDay, ZoneId zone, SlotSearch slotSearch, JdbcTemplate jdbc) {
        this.reservedPerDay = reservedPerDay;
        this.zone = zone;
        this.slotSearch = slotSearch;
        this.jdbc = jdbc;
    }

    public boolean enabled() {
        return reservedPerDay > 0;
    }

    /** Whether a routine booking may take a Slot starting at {@code start} from this provider's schedules. */
    public boolean routineMayTake(String provider, Collection<String> scheduleIds, Instant start) {
        if (!enabled()) {
            return true;
        }
        LocalDate day = start.atZone(zone).toLocalDate();
        jdbc.queryForObject(
                "select pg_advisory_xact_lock(hashtextextended('mediwox.urgent-reserve:' || ? || ':' || ?, 0))::text",
                String.class,
                provider,
                day.toString());
        Instant dayStart = day.atStartOfDay(zone).toInstant();
        Instant dayEnd = day.plusDays(1).atStartOfDay(zone).toInstant();
        int free = slotSearch
                .freeSlotIds(scheduleIds, dayStart, dayEnd, reservedPerDay + 1)
                .size();
        return free > reservedPerDay;
    }
}

package org.mediwox.scheduling.publish;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads the Slots of a time range from the {@code mediwox.slot_availability} read model in pages of {@value #PAGE}
 * (keyset paging on start and id): never all Slots in memory, and no database connection held while a page is
 * written to a slow client. {@code since}: only Slots whose resource changed at or after it (HAPI's {@code
 * hfj_resource.res_updated}).
 */
class SlotFeed {

    static final int PAGE = 1000;

    private final JdbcTemplate jdbc;

    SlotFeed(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void forEach(Instant from, Instant to, Instant since, Consumer<List<SlotRow>> page) {
        Instant afterStart = null;
        String afterId = "";
        while (true) {
            List<SlotRow> rows = jdbc.query(
                    "select s.slot_id, s.schedule_id, s.status, s.start_at, s.end_at"
                            + " from mediwox.slot_availability s"
                            + (since == null
                                    ? ""
                                    : " join hfj_resource r on r.res_type = 'Slot' and r.fhir_id = s.slot_id"
                                            + " and r.res_updated >= ?")
                            + " where s.start_at >= ? and s.start_at < ?"
                            + " and (s.start_at, s.slot_id) > (?, ?)"
                            + " order by s.start_at, s.slot_id limit " + PAGE,
                    (rs, i) -> new SlotRow(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getTimestamp(4).toInstant(),
                            rs.getTimestamp(5).toInstant()),
                    arguments(from, to, since, afterStart, afterId));
            if (rows.isEmpty()) {
                return;
            }
            page.accept(rows);
            if (rows.size() < PAGE) {
                return;
            }
            SlotRow last = rows.get(rows.size() - 1);
            afterStart = last.start();
            afterId = last.id();
        }
    }

    private static Object[] arguments(Instant from, Instant to, Instant since, Instant afterStart, String afterId) {
        Timestamp after = Timestamp.from(afterStart == null ? from.minusSeconds(1) : afterStart);
        return since == null
                ? new Object[] {Timestamp.from(from), Timestamp.from(to), after, afterId}
                : new Object[] {Timestamp.from(since), Timestamp.from(from), Timestamp.from(to), after, afterId};
    }
}

package org.mediwox.scheduling.publish;

import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * When anything published last changed, in one query over HAPI's {@code hfj_resource} (its index on type, deleted-at
 * and updated answers each {@code max} from one end of the index): the newest write or delete of a Slot, Schedule,
 * Location or PractitionerRole. Nothing is built to answer it, so an unchanged poll costs this query only.
 */
class Freshness {

    /** The newest change, and the database's clock at the same moment (the manifest's {@code transactionTime}). */
    record Stamp(Instant newestChange, Instant now) {}

    private static final String[] TYPES = {"Slot", "Schedule", "Location", "PractitionerRole"};

    private final JdbcTemplate jdbc;

    Freshness(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Stamp stamp() {
        return jdbc.queryForObject(
                "select (select max(greatest(u, d)) from unnest(?::varchar[]) t(type),"
                        + " lateral (select max(res_updated) u from hfj_resource"
                        + " where res_type = t.type and res_deleted_at is null) a,"
                        + " lateral (select max(res_deleted_at) d from hfj_resource where res_type = t.type) b),"
                        + " now()",
                (rs, i) -> new Stamp(
                        instant(rs.getTimestamp(1)), rs.getTimestamp(2).toInstant()),
                (Object) TYPES);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? Instant.EPOCH : timestamp.toInstant();
    }
}

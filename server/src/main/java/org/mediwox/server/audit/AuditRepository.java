package org.mediwox.server.audit;

import ca.uhn.fhir.context.FhirContext;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.AuditEvent;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The audit trail's store: table {@code mediwox.audit_event}, append-only, one row per request with its facts in
 * columns (those searches filter on, and the rest an AuditEvent is rendered from when read; rows of versions before
 * that keep the AuditEvent as FHIR JSON in {@code body}). Kept out of HAPI's resource tables on purpose: auditing every read must
 * cost the reader little (a batched insert, no indexing of the event as a resource), must never keep a resource from
 * being deleted (an audit names what was touched, it does not hold on to it), and offers no way to change an event.
 */
class AuditRepository {

    private final JdbcTemplate jdbc;
    private final FhirContext fhirContext;

    public AuditRepository(JdbcTemplate jdbc, FhirContext fhirContext) {
        this.jdbc = jdbc;
        this.fhirContext = fhirContext;
    }

    /** Stores the records in one JDBC batch; ids come from the table's sequence. */
    public void insert(List<AuditRecord> records) {
        jdbc.execute((Connection connection) -> {
            try (PreparedStatement insert = connection.prepareStatement("insert into mediwox.audit_event (recorded,"
                    + " outcome, action, subtype, client_id, who, resource, request, patients, profile, outcome_desc,"
                    + " source_address, server_url, query, details) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                    + " ?)")) {
                for (AuditRecord record : records) {
                    insert.setTimestamp(1, Timestamp.from(record.recorded()));
                    insert.setString(2, record.outcome());
                    insert.setString(3, record.action());
                    insert.setString(4, record.interaction());
                    insert.setString(5, record.clientId());
                    insert.setString(6, record.fhirUser());
                    insert.setString(7, record.what());
                    insert.setString(8, record.requestLine());
                    insert.setArray(
                            9,
                            connection.createArrayOf("text", record.patients().toArray()));
                    insert.setString(10, record.profile());
                    insert.setString(11, record.outcomeText());
                    insert.setString(12, record.sourceAddress());
                    insert.setString(13, record.serverUrl());
                    insert.setBoolean(14, record.query());
                    insert.setArray(
                            15,
                            connection.createArrayOf("text", record.details().toArray()));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return null;
        });
    }

    public Optional<AuditEvent> read(long id) {
        return jdbc.query("select " + COLUMNS + " from mediwox.audit_event where id = ?", this::event, id).stream()
                .findFirst();
    }

    /** Events matching every given criterion (null = any), newest first. */
    public List<AuditEvent> search(Criteria criteria, int limit) {
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from mediwox.audit_event where true");
        List<Object> args = new ArrayList<>();
        if (criteria.from() != null) {
            sql.append(" and recorded >= ?");
            args.add(new Timestamp(criteria.from().getTime()));
        }
        if (criteria.to() != null) {
            sql.append(" and recorded <= ?");
            args.add(new Timestamp(criteria.to().getTime()));
        }
        if (criteria.patient() != null) {
            sql.append(" and patients @> array[?]::text[]");
            args.add(criteria.patient());
        }
        if (criteria.agent() != null) {
            sql.append(" and (who = ? or client_id = ?)");
            args.add(criteria.agent());
            args.add(criteria.agent());
        }
        if (criteria.entity() != null) {
            sql.append(" and resource = ?");
            args.add(criteria.entity());
        }
        if (criteria.requestPrefix() != null) {
            sql.append(" and lower(request) like ? escape '\\'");
            args.add(
                    criteria.requestPrefix()
                                    .toLowerCase()
                                    .replace("\\", "\\\\")
                                    .replace("%", "\\%")
                                    .replace("_", "\\_") + "%");
        }
        if (criteria.outcome() != null) {
            sql.append(" and outcome = ?");
            args.add(criteria.outcome());
        }
        if (criteria.subtype() != null) {
            sql.append(" and subtype = ?");
            args.add(criteria.subtype());
        }
        if (criteria.action() != null) {
            sql.append(" and action = ?");
            args.add(criteria.action());
        }
        sql.append(" order by recorded desc, id desc limit ?");
        args.add(limit);
        return jdbc.query(sql.toString(), this::event, args.toArray());
    }

    private static final String COLUMNS = "id, recorded, outcome, action, subtype, client_id, who, resource, request,"
            + " patients, profile, outcome_desc, source_address, server_url, query, details, body";

    /** The event of a row: rendered from its columns, or as stored by a version that kept the FHIR JSON. */
    private AuditEvent event(ResultSet rs, int row) throws SQLException {
        String body = rs.getString("body");
        if (body != null) {
            return fhirContext.newJsonParser().parseResource(AuditEvent.class, body);
        }
        return AuditEvents.render(
                rs.getLong("id"),
                new AuditRecord(
                        rs.getTimestamp("recorded").toInstant(),
                        rs.getString("profile"),
                        rs.getString("subtype"),
                        rs.getString("action"),
                        rs.getString("outcome"),
                        rs.getString("outcome_desc"),
                        rs.getString("client_id"),
                        rs.getString("who"),
                        rs.getString("source_address"),
                        rs.getString("server_url"),
                        rs.getString("request"),
                        rs.getBoolean("query"),
                        texts(rs.getArray("details")),
                        rs.getString("resource"),
                        texts(rs.getArray("patients"))));
    }

    private static List<String> texts(Array array) throws SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }

    /** Search criteria; each null means any. */
    public record Criteria(
            java.util.Date from,
            java.util.Date to,
            String patient,
            String agent,
            String entity,
            String requestPrefix,
            String outcome,
            String subtype,
            String action) {}
}

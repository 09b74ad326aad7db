package org.mediwox.server.audit;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The audit trail's store: table {@code mediwox.audit_event}, append-only, one row per event with the columns searches
 * filter on and the AuditEvent as FHIR JSON. Kept out of HAPI's resource tables on purpose: auditing every read must
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

    /** Stores the events in one batch; each gets its id. */
    public void insert(List<AuditEvent> events) {
        IParser json = fhirContext.newJsonParser();
        jdbc.execute((Connection connection) -> {
            List<Long> ids = jdbc.queryForList(
                    "select nextval('mediwox.audit_event_id_seq') from generate_series(1, ?)",
                    Long.class,
                    events.size());
            try (PreparedStatement insert = connection.prepareStatement("insert into mediwox.audit_event (id, recorded,"
                    + " outcome, action, subtype, client_id, who, resource, request, patients, body)"
                    + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (int i = 0; i < events.size(); i++) {
                    AuditEvent event = events.get(i);
                    long id = ids.get(i);
                    event.setId(String.valueOf(id));
                    event.getMeta().setVersionId("1").setLastUpdated(event.getRecorded());
                    Columns columns = Columns.of(event);
                    Array patients =
                            connection.createArrayOf("text", columns.patients().toArray());
                    insert.setLong(1, id);
                    insert.setTimestamp(2, new Timestamp(event.getRecorded().getTime()));
                    insert.setString(3, event.getOutcome().toCode());
                    insert.setString(4, event.getAction().toCode());
                    insert.setString(5, event.getSubtypeFirstRep().getCode());
                    insert.setString(6, columns.clientId());
                    insert.setString(7, columns.who());
                    insert.setString(8, columns.resource());
                    insert.setString(9, columns.request());
                    insert.setArray(10, patients);
                    insert.setString(11, json.encodeResourceToString(event));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return null;
        });
    }

    public Optional<AuditEvent> read(long id) {
        return jdbc
                .query("select body from mediwox.audit_event where id = ?", (rs, row) -> rs.getString(1), id)
                .stream()
                .findFirst()
                .map(this::parse);
    }

    /** Events matching every given criterion (null = any), newest first. */
    public List<AuditEvent> search(Criteria criteria, int limit) {
        StringBuilder sql = new StringBuilder("select body from mediwox.audit_event where true");
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
        return jdbc.query(sql.toString(), (rs, row) -> parse(rs.getString(1)), args.toArray());
    }

    private AuditEvent parse(String body) {
        return fhirContext.newJsonParser().parseResource(AuditEvent.class, body);
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

    /** The searchable columns of an event. */
    record Columns(String clientId, String who, String resource, String request, List<String> patients) {

        static Columns of(AuditEvent event) {
            String clientId = null;
            String who = null;
            for (AuditEvent.AuditEventAgentComponent agent : event.getAgent()) {
                Reference ref = agent.getWho();
                if (ref.hasIdentifier()
                        && "urn:ietf:params:oauth:client-id"
                                .equals(ref.getIdentifier().getSystem())) {
                    clientId = ref.getIdentifier().getValue();
                } else if (ref.hasReference()) {
                    who = ref.getReference();
                }
            }
            String resource = null;
            String request = "";
            List<String> patients = new ArrayList<>();
            for (AuditEvent.AuditEventEntityComponent entity : event.getEntity()) {
                boolean patientRole = "1".equals(entity.getRole().getCode());
                if (patientRole && entity.getWhat().hasReference()) {
                    patients.add(entity.getWhat().getReference());
                } else if (!patientRole) {
                    if (entity.hasName()) {
                        request = entity.getName();
                    }
                    if (entity.getWhat().hasReference()) {
                        resource = entity.getWhat().getReference();
                    }
                }
            }
            return new Columns(clientId, who, resource, request, patients);
        }
    }
}

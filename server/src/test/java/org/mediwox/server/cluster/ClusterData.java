package org.mediwox.server.cluster;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.mediwox.server.support.ExternalPostgres;
import org.mediwox.server.support.TestPool;

/**
 * What the cluster test sets up through the API and reads back: patients with an e-mail address, the booked
 * Appointments of a pool (through the FHIR API), and what only the database shows — a pool's turns, the notification
 * outbox, the e-mailed account link, ShedLock's locks.
 */
final class ClusterData {

    private static final Pattern LINK = Pattern.compile("https?://\\S+");

    private final ExternalPostgres postgres;

    ClusterData(ExternalPostgres postgres) {
        this.postgres = postgres;
    }

    /** {@code count} patients with the addresses {@code <prefix>-<i>@example.org}, in one transaction. */
    static List<String> patientsWithEmail(IGenericClient client, String prefix, int count) {
        Bundle tx = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        for (int i = 0; i < count; i++) {
            Patient patient = new Patient();
            patient.addName().setFamily("Cluster patient " + i);
            patient.addTelecom()
                    .setSystem(ContactPoint.ContactPointSystem.EMAIL)
                    .setValue(email(prefix, i));
            TestPool.add(tx, patient);
        }
        return client.transaction().withBundle(tx).execute().getEntry().stream()
                .map(e -> new IdType(e.getResponse().getLocation()).getIdPart())
                .toList();
    }

    static String email(String prefix, int index) {
        return prefix + "-" + index + "@example.org";
    }

    /** Every booked Appointment on the pool's Slots, as the FHIR API finds them. */
    List<Appointment> bookedInPool(IGenericClient client, TestPool pool) {
        List<Appointment> booked = new ArrayList<>();
        List<String> slots = pool.slotIds();
        for (int i = 0; i < slots.size(); i += 100) {
            Bundle page = client.search()
                    .byUrl("Appointment?status=booked&_count=500&slot="
                            + String.join(",", slots.subList(i, Math.min(slots.size(), i + 100))))
                    .returnBundle(Bundle.class)
                    .execute();
            if (page.getLink(Bundle.LINK_NEXT) != null) {
                throw new IllegalStateException("more than one page of Appointments for 100 Slots");
            }
            page.getEntry().forEach(e -> booked.add((Appointment) e.getResource()));
        }
        return booked;
    }

    /** Turns the pool's rotation handed out: its sequence starts at 0, one value per booking attempt that got a turn. */
    long turnsTaken(String specialtyCode) throws SQLException {
        try (Connection db = postgres.connection()) {
            String sequence = single(
                    db,
                    "select sequence_name from mediwox.pool_cursor where pool_key like ?",
                    "%" + specialtyCode + ";%");
            try (PreparedStatement sql = db.prepareStatement("select last_value, is_called from mediwox." + sequence);
                    ResultSet rs = sql.executeQuery()) {
                rs.next();
                return rs.getBoolean(2) ? rs.getLong(1) + 1 : 0;
            }
        }
    }

    /** Patient e-mail confirmations ({@code booked}) to these recipients in the outbox, counted by status. */
    Map<String, Integer> outboxStatuses(Set<String> recipients) throws SQLException {
        Map<String, Integer> counts = new TreeMap<>();
        try (Connection db = postgres.connection();
                PreparedStatement sql = db.prepareStatement("select status, count(*) from mediwox.notification_outbox"
                        + " where event = 'booked' and channel = 'email' and recipient = any(?) group by status")) {
            sql.setArray(1, db.createArrayOf("text", recipients.toArray()));
            try (ResultSet rs = sql.executeQuery()) {
                while (rs.next()) {
                    counts.put(rs.getString(1), rs.getInt(2));
                }
            }
        }
        return counts;
    }

    /** The link of the newest account e-mail of this kind to the address, as the outbox recorded it (15 s at most). */
    String mailedLink(String email, String event) throws SQLException, InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        while (true) {
            try (Connection db = postgres.connection();
                    PreparedStatement sql = db.prepareStatement("select body from mediwox.notification_outbox"
                            + " where recipient = ? and event = ? order by id desc limit 1")) {
                sql.setString(1, email);
                sql.setString(2, event);
                try (ResultSet rs = sql.executeQuery()) {
                    if (rs.next()) {
                        Matcher link = LINK.matcher(rs.getString(1));
                        if (!link.find()) {
                            throw new AssertionError("no link in " + rs.getString(1));
                        }
                        return link.group();
                    }
                }
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("no " + event + " e-mail to " + email + " within 15 s");
            }
            Thread.sleep(100);
        }
    }

    /** Whether a node holds the ShedLock lock of this name now (it runs that job). */
    boolean locked(String lock) throws SQLException {
        try (Connection db = postgres.connection()) {
            return !single(db, "select count(*) from mediwox.shedlock where name = ? and lock_until > now()", lock)
                    .equals("0");
        }
    }

    private static String single(Connection db, String query, String parameter) throws SQLException {
        try (PreparedStatement sql = db.prepareStatement(query)) {
            sql.setString(1, parameter);
            try (ResultSet rs = sql.executeQuery()) {
                if (!rs.next()) {
                    throw new AssertionError("no row for " + query + " with " + parameter);
                }
                return rs.getString(1);
            }
        }
    }
}

package org.mediwox.server.security;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * EHR launch contexts ({@code mediwox.smart_launch}): the patient and encounter an EHR launches a SMART app for, under an
 * opaque, unguessable id the app passes back as the {@code launch} parameter of its authorization request.
 */
@Component
public class LaunchContexts {

    /** How long an app has from the EHR's launch to its authorization request. */
    public static final Duration LIFETIME = Duration.ofHours(1);

    private final JdbcTemplate jdbc;
    private final SecureRandom random = new SecureRandom();

    LaunchContexts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public record Context(String patient, String encounter) {}

    public String create(String patient, String encounter, String createdBy) {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        jdbc.update("delete from mediwox.smart_launch where created < now() - interval '1 day'");
        jdbc.update(
                "insert into mediwox.smart_launch (id, patient, encounter, created_by) values (?, ?, ?, ?)",
                id,
                patient,
                encounter,
                createdBy);
        return id;
    }

    /** The context of a launch id that is still valid. */
    public Optional<Context> resolve(String id) {
        List<Context> found = jdbc.query(
                "select patient, encounter from mediwox.smart_launch where id = ?"
                        + " and created > now() - make_interval(secs => ?)",
                (rs, row) -> new Context(rs.getString(1), rs.getString(2)),
                id,
                LIFETIME.toSeconds());
        return found.stream().findFirst();
    }
}

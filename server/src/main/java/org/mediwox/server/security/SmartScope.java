package org.mediwox.server.security;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One SMART clinical scope: {@code (patient|user|system)/(Type|*).(cruds|read|write|*)[?param=value]}, in the v2 form
 * ({@code patient/Appointment.rs}) or the v1 form ({@code patient/Appointment.read}, {@code .write}, {@code .*}).
 *
 * @param level whose data the scope reaches: the launch patient's, the user's or the whole system's
 * @param resourceType a resource type, or {@code *}
 * @param permissions the v2 permission letters it grants, a subset of {@code cruds}
 * @param filter a v2 search filter ({@code category=laboratory}), or empty
 */
public record SmartScope(Level level, String resourceType, String permissions, String filter) {

    public enum Level {
        PATIENT,
        USER,
        SYSTEM
    }

    private static final Pattern SCOPE =
            Pattern.compile("^(patient|user|system)/([A-Za-z]+|\\*)\\.([cruds]+|read|write|\\*)(?:\\?(.+))?$");

    /** The scope a string denotes, or empty when it is not a clinical SMART scope ({@code openid}, {@code launch}...). */
    public static Optional<SmartScope> parse(String scope) {
        Matcher m = SCOPE.matcher(scope);
        if (!m.matches()) {
            return Optional.empty();
        }
        String permissions = switch (m.group(3)) {
            case "read" -> "rs";
            case "write" -> "cud";
            case "*" -> "cruds";
            default -> m.group(3);
        };
        if (!isOrdered(permissions)) {
            return Optional.empty();
        }
        Level level = Level.valueOf(m.group(1).toUpperCase(Locale.ROOT));
        return Optional.of(new SmartScope(level, m.group(2), permissions, m.group(4) == null ? "" : m.group(4)));
    }

    /** SMART v2 letters appear at most once and in the order c, r, u, d, s. */
    private static boolean isOrdered(String letters) {
        int last = -1;
        for (char c : letters.toCharArray()) {
            int at = "cruds".indexOf(c);
            if (at <= last) {
                return false;
            }
            last = at;
        }
        return true;
    }

    public boolean grants(char permission) {
        return permissions.indexOf(permission) >= 0;
    }

    /** Whether the scope names this type; a wildcard never reaches AuditEvent (only an auditor scope names it). */
    public boolean covers(String type) {
        return resourceType.equals(type) || (resourceType.equals("*") && !type.equals("AuditEvent"));
    }
}

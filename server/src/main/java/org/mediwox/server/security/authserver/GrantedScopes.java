package org.mediwox.server.security.authserver;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.mediwox.server.security.SmartScope;
import org.mediwox.server.security.SmartScope.Level;

/**
 * What an app gets of the scopes it asks for: the intersection of what it asked, what its client is registered for
 * and what its user may have — never a refusal because one scope is not allowed (RFC 6749 §3.3 lets the server grant
 * less; SMART apps read the granted {@code scope} of the token response). Clinical scopes are compared by meaning, not
 * by spelling: {@code patient/Appointment.read} (SMART v1) is {@code patient/Appointment.rs} (v2), a {@code *} asked
 * for reaches each type the client is registered for ({@code patient/*.rs} asked by a client registered for {@code
 * patient/Appointment.crus} and {@code patient/Slot.rs} gets {@code patient/Appointment.rs patient/Slot.rs}), and the
 * letters granted are those both sides have. A scope granted whole keeps the spelling the app asked for; a narrowed one
 * is written in the v2 form. Other scopes ({@code openid}, {@code launch/patient}) are granted when registered.
 * Anything else is dropped.
 */
final class GrantedScopes {

    /** Who a token is for, which decides the levels of clinical scopes it can carry at all. */
    enum Holder {
        /** A back-end service (client credentials): {@code system/} scopes only. */
        SERVICE(Set.of(Level.SYSTEM)),
        /** A user who is not a patient, or not known yet (before the login): {@code patient/} and {@code user/}. */
        USER(Set.of(Level.PATIENT, Level.USER)),
        /**
         * A patient: a patient user's own data is their patient compartment, so a {@code user/} scope is granted as
         * the {@code patient/} scope it amounts to (the API reads it so anyway).
         */
        PATIENT(Set.of(Level.PATIENT, Level.USER));

        private final Set<Level> levels;

        Holder(Set<Level> levels) {
            this.levels = levels;
        }
    }

    private static final String AUDIT_EVENT = "AuditEvent";

    private GrantedScopes() {}

    /**
     * @param requested the scopes asked for, in the order asked (the answer keeps it)
     * @param allowed the scopes the client is registered for
     * @return the scopes granted; empty when nothing asked for can be granted
     */
    static Set<String> of(Collection<String> requested, Collection<String> allowed, Holder holder) {
        List<SmartScope> registered = allowed.stream()
                .map(SmartScope::parse)
                .flatMap(Optional::stream)
                .filter(s -> holder.levels.contains(s.level()))
                .toList();
        List<Grant> grants = new ArrayList<>();
        for (String asked : requested) {
            Optional<SmartScope> clinical = SmartScope.parse(asked);
            if (clinical.isEmpty()) {
                if (allowed.contains(asked)) {
                    grants.add(new Grant(null, asked, true));
                }
            } else if (holder.levels.contains(clinical.get().level())) {
                grants.addAll(grant(asked, clinical.get(), registered));
            }
        }
        if (holder == Holder.PATIENT) {
            grants.replaceAll(Grant::asPatient);
        }
        return minimal(grants);
    }

    /** The asked scope whole when one registered scope covers it, else its overlap with each registered scope. */
    private static List<Grant> grant(String asked, SmartScope scope, List<SmartScope> registered) {
        if (registered.stream().anyMatch(r -> subsumes(r, scope))) {
            return List.of(new Grant(scope, asked, true));
        }
        // one piece per type and filter: letters from several registrations (Appointment.rs, Appointment.cu) add up
        Map<String, SmartScope> pieces = new LinkedHashMap<>();
        for (SmartScope r : registered) {
            overlap(scope, r)
                    .ifPresent(piece -> pieces.merge(
                            piece.resourceType() + "?" + piece.filter(),
                            piece,
                            (a, b) -> new SmartScope(
                                    a.level(), a.resourceType(), union(a.permissions(), b.permissions()), a.filter())));
        }
        return pieces.values().stream().map(p -> new Grant(p, text(p), false)).toList();
    }

    /** What both scopes allow, as one scope, if anything. */
    static Optional<SmartScope> overlap(SmartScope asked, SmartScope registered) {
        if (asked.level() != registered.level()) {
            return Optional.empty();
        }
        String type;
        if (asked.resourceType().equals("*")) {
            type = registered.resourceType();
            if (type.equals(AUDIT_EVENT)) {
                return Optional.empty(); // a wildcard never reaches the audit trail (SmartScope.covers)
            }
        } else if (registered.covers(asked.resourceType())) {
            type = asked.resourceType();
        } else {
            return Optional.empty();
        }
        StringBuilder letters = new StringBuilder();
        for (char c : asked.permissions().toCharArray()) {
            if (registered.grants(c)) {
                letters.append(c);
            }
        }
        String filter;
        if (asked.filter().isEmpty() || asked.filter().equals(registered.filter())) {
            filter = registered.filter();
        } else if (registered.filter().isEmpty()) {
            filter = asked.filter();
        } else {
            return Optional.empty(); // two different filters: one scope cannot say "both"
        }
        return letters.isEmpty()
                ? Optional.empty()
                : Optional.of(new SmartScope(asked.level(), type, letters.toString(), filter));
    }

    /** Whether everything {@code narrower} allows, {@code broader} allows too. */
    static boolean subsumes(SmartScope broader, SmartScope narrower) {
        return broader.level() == narrower.level()
                && broader.covers(narrower.resourceType())
                && narrower.permissions().chars().allMatch(c -> broader.grants((char) c))
                && (broader.filter().isEmpty() || broader.filter().equals(narrower.filter()));
    }

    /**
     * The grants in order, without duplicates and without narrowed pieces that another grant already covers (a
     * {@code system/Slot.rs?status=free} registration adds nothing next to {@code system/*.rs}).
     */
    private static Set<String> minimal(List<Grant> grants) {
        Set<String> granted = new LinkedHashSet<>();
        for (int i = 0; i < grants.size(); i++) {
            Grant grant = grants.get(i);
            if (grant.whole() || !coveredByAnother(grants, i)) {
                granted.add(grant.text());
            }
        }
        return granted;
    }

    private static boolean coveredByAnother(List<Grant> grants, int index) {
        SmartScope piece = grants.get(index).scope();
        for (int j = 0; j < grants.size(); j++) {
            SmartScope other = grants.get(j).scope();
            if (j != index
                    && other != null
                    && subsumes(other, piece)
                    // of two pieces that cover each other (the same meaning), the first stays
                    && (grants.get(j).whole() || !subsumes(piece, other) || j < index)) {
                return true;
            }
        }
        return false;
    }

    private static String union(String a, String b) {
        StringBuilder letters = new StringBuilder();
        for (char c : "cruds".toCharArray()) {
            if (a.indexOf(c) >= 0 || b.indexOf(c) >= 0) {
                letters.append(c);
            }
        }
        return letters.toString();
    }

    /** The SMART v2 spelling of a scope. */
    static String text(SmartScope scope) {
        return scope.level().name().toLowerCase(java.util.Locale.ROOT) + "/" + scope.resourceType() + "."
                + scope.permissions() + (scope.filter().isEmpty() ? "" : "?" + scope.filter());
    }

    /**
     * One granted scope.
     *
     * @param scope its meaning, or null for a non-clinical scope
     * @param text how the token says it
     * @param whole granted as asked (then it is never dropped as redundant)
     */
    private record Grant(SmartScope scope, String text, boolean whole) {

        Grant asPatient() {
            if (scope == null || scope.level() != Level.USER) {
                return this;
            }
            return new Grant(
                    new SmartScope(Level.PATIENT, scope.resourceType(), scope.permissions(), scope.filter()),
                    "patient/" + text.substring("user/".length()),
                    whole);
        }
    }
}

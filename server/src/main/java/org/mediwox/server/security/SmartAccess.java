package org.mediwox.server.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * What the bearer of the current request's access token may do: its SMART scopes and launch context.
 *
 * @param clientId the OAuth2 client that obtained the token
 * @param subject the token's subject (a user name, or the client id for back-end services)
 * @param fhirUser the FHIR resource of the user ({@code Patient/123}, {@code Practitioner/7}), or empty
 * @param patient id of the launch-context patient, or empty
 * @param scopes the clinical scopes granted; unparseable and non-clinical scopes are dropped
 */
public record SmartAccess(String clientId, String subject, String fhirUser, String patient, List<SmartScope> scopes) {

    /** The access of the token that authenticated the current request, if any. */
    public static Optional<SmartAccess> current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof JwtAuthenticationToken token) {
            return Optional.of(of(token.getToken()));
        }
        return Optional.empty();
    }

    public static SmartAccess of(Jwt jwt) {
        List<SmartScope> scopes = new ArrayList<>();
        for (String scope : scopeStrings(jwt)) {
            SmartScope.parse(scope).ifPresent(scopes::add);
        }
        String clientId = firstNonBlank(jwt.getClaimAsString("client_id"), jwt.getClaimAsString("azp"));
        String fhirUser = firstNonBlank(jwt.getClaimAsString("fhirUser"), "");
        String patient = firstNonBlank(jwt.getClaimAsString("patient"), "");
        if (fhirUser.startsWith("Patient/")) {
            // what a patient user may access is their own record: user/ scopes reach no further than patient/ ones
            String self = fhirUser.substring("Patient/".length());
            if (patient.isEmpty()) {
                patient = self;
            }
            if (patient.equals(self)) {
                scopes.replaceAll(s -> s.level() == SmartScope.Level.USER
                        ? new SmartScope(SmartScope.Level.PATIENT, s.resourceType(), s.permissions(), s.filter())
                        : s);
            } else {
                scopes.removeIf(s -> s.level() == SmartScope.Level.USER);
            }
        }
        return new SmartAccess(
                clientId, firstNonBlank(jwt.getSubject(), clientId), fhirUser, patient, List.copyOf(scopes));
    }

    /** Scopes from {@code scope} (a space separated string or a list, as Spring Authorization Server writes it) or {@code scp}. */
    static List<String> scopeStrings(Jwt jwt) {
        for (String claim : List.of("scope", "scp")) {
            Object value = jwt.getClaim(claim);
            if (value instanceof String text) {
                return List.of(text.trim().split("\\s+"));
            }
            if (value instanceof Collection<?> list) {
                return list.stream().map(String::valueOf).toList();
            }
        }
        return List.of();
    }

    private static String firstNonBlank(String first, String second) {
        return first != null && !first.isBlank() ? first : second;
    }

    public boolean hasPatientContext() {
        return !patient.isEmpty();
    }

    /** The scopes that reach a resource type at any level. */
    public List<SmartScope> scopesFor(String resourceType) {
        return scopes.stream().filter(s -> s.covers(resourceType)).toList();
    }

    /** Whether any scope grants the permission letter on the type. */
    public boolean grants(String resourceType, char permission) {
        return scopesFor(resourceType).stream().anyMatch(s -> s.grants(permission));
    }

    /** A user- or system-level scope grants the letter on the type: the token is not limited to one patient for it. */
    public boolean grantsBeyondPatient(String resourceType, char permission) {
        return scopesFor(resourceType).stream()
                .anyMatch(s -> s.level() != SmartScope.Level.PATIENT && s.grants(permission));
    }

    /**
     * The token names a patient and no user- or system-level scope reaches the type: on it, the token acts for that
     * patient only.
     */
    public boolean limitedToPatient(String resourceType) {
        return hasPatientContext()
                && scopesFor(resourceType).stream().allMatch(s -> s.level() == SmartScope.Level.PATIENT);
    }

    /**
     * A SMART Backend Services token: a client acting for itself (client credentials), with system-level scopes and
     * neither a user nor a launch patient. Only such tokens may start a Bulk Data export.
     */
    public boolean isBackendService() {
        return !hasPatientContext()
                && fhirUser.isEmpty()
                && scopes.stream().anyMatch(s -> s.level() == SmartScope.Level.SYSTEM);
    }

    /** Who the audit trail names: the user, else the client. */
    public String who() {
        return fhirUser.isEmpty() ? subject : fhirUser;
    }
}

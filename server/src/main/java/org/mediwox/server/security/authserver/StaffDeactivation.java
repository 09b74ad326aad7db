package org.mediwox.server.security.authserver;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import java.util.LinkedHashSet;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.ContactPoint.ContactPointSystem;
import org.hl7.fhir.r4.model.Practitioner;
import org.mediwox.server.security.accounts.SignOutEverywhere;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deactivating a member of staff ends their sessions: when a Practitioner is written with {@code active = false}, or
 * deleted, every grant of the built-in server to a login of theirs (their e-mail addresses, old and new) is revoked —
 * refresh tokens at once, access tokens refused by the FHIR API within seconds on every node — and signing in again is
 * refused (only active practitioners may sign in). A storage hook: every write path passes it.
 */
@Interceptor
final class StaffDeactivation {

    private static final Logger log = LoggerFactory.getLogger(StaffDeactivation.class);

    private final SignOutEverywhere signOut;

    StaffDeactivation(SignOutEverywhere signOut) {
        this.signOut = signOut;
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
    public void updated(IBaseResource previous, IBaseResource updated) {
        if (updated instanceof Practitioner now && now.hasActive() && !now.getActive()) {
            revoke(previous, now);
        }
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_DELETED)
    public void deleted(IBaseResource resource) {
        if (resource instanceof Practitioner practitioner) {
            revoke(practitioner, practitioner);
        }
    }

    private void revoke(IBaseResource before, Practitioner after) {
        Set<String> emails = new LinkedHashSet<>();
        for (IBaseResource resource : new IBaseResource[] {before, after}) {
            if (resource instanceof Practitioner practitioner) {
                practitioner.getTelecom().stream()
                        .filter(t -> t.getSystem() == ContactPointSystem.EMAIL && t.hasValue())
                        .forEach(t -> emails.add(t.getValue().trim()));
            }
        }
        int revoked = emails.stream().mapToInt(signOut::revokeAll).sum();
        if (revoked > 0) {
            log.info(
                    "Practitioner/{} deactivated: {} grant(s) of their sign-ins revoked",
                    after.getIdElement().getIdPart(),
                    revoked);
        }
    }
}

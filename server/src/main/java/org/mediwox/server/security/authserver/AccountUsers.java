package org.mediwox.server.security.authserver;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.mediwox.server.security.accounts.Account;
import org.mediwox.server.security.accounts.Accounts;
import org.mediwox.server.security.accounts.SignInFailures;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsChecker;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * Who may sign in to the built-in server: registered patient accounts ({@link Accounts}), in production and in the
 * demo, and in demo mode also the demo users ({@link DemoUsers}, unchanged) — an account of the same e-mail comes
 * first. An account acts for its Patient and, once its e-mail is confirmed, for the patients whose proxy that e-mail is
 * ({@link Proxies}). An unconfirmed account is refused after its password was checked ({@link #VERIFIED_ONLY}), so
 * the refusal tells nothing to someone without the password.
 */
final class AccountUsers implements UserDetailsService {

    /** Spring's check after the password: an account whose e-mail is not confirmed yet may not sign in. */
    static final UserDetailsChecker VERIFIED_ONLY = user -> {
        if (user instanceof SmartUser smart && !smart.verified()) {
            throw new SignInFailures.NotVerified();
        }
    };

    private final Accounts accounts;
    private final Optional<UserDetailsService> demoUsers;
    private final DaoRegistry daoRegistry;
    private final Proxies proxies;

    AccountUsers(Accounts accounts, Optional<UserDetailsService> demoUsers, DaoRegistry daoRegistry) {
        this.accounts = accounts;
        this.demoUsers = demoUsers;
        this.daoRegistry = daoRegistry;
        this.proxies = new Proxies(daoRegistry);
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        Optional<Account> account = accounts.byEmail(username);
        if (account.isPresent()) {
            return user(username, account.get());
        }
        return demoUsers
                .orElseThrow(() -> new UsernameNotFoundException("No account with this e-mail"))
                .loadUserByUsername(username);
    }

    private SmartUser user(String username, Account account) {
        Patient patient;
        try {
            patient = (Patient) daoRegistry
                    .getResourceDao("Patient")
                    .read(new IdType(account.fhirUser()), new SystemRequestDetails());
        } catch (ResourceNotFoundException | ResourceGoneException e) {
            throw new UsernameNotFoundException("The account's Patient is gone");
        }
        if (patient.hasActive() && !patient.getActive()) {
            throw new UsernameNotFoundException("The account's Patient is inactive");
        }
        List<SmartUser.Acting> choices = new ArrayList<>();
        choices.add(new SmartUser.Acting(account.fhirUser(), account.patientId(), DemoUsers.name(patient)));
        if (account.verified()) {
            // only a confirmed address speaks for the RelatedPersons that carry it
            choices.addAll(proxies.of(account.email()));
        }
        SmartUser user = SmartUser.actingFor(username, account.passwordHash(), choices);
        return account.verified() ? user : user.unverified();
    }
}

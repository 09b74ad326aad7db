package org.mediwox.server.security.authserver;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenParam;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * Demo users of the built-in server (demo mode only): every active Patient or Practitioner with an e-mail address can
 * log in with that address and the demo password, and becomes the {@code fhirUser} of the SMART app that asked (a
 * patient also its launch patient; a practitioner gets the patient of an EHR launch).
 */
final class DemoUsers implements UserDetailsService {

    private final DaoRegistry daoRegistry;
    private final String password;

    DemoUsers(DaoRegistry daoRegistry, String password) {
        this.daoRegistry = daoRegistry;
        this.password = ClientSecrets.hashed(password);
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        for (String type : List.of("Patient", "Practitioner")) {
            List<IBaseResource> found = byEmail(type, username.trim());
            if (found.size() == 1) {
                return new SmartUser(
                        username,
                        password,
                        type + "/" + found.get(0).getIdElement().getIdPart());
            }
        }
        throw new UsernameNotFoundException("No single active patient or practitioner with this e-mail");
    }

    private List<IBaseResource> byEmail(String type, String email) {
        SearchParameterMap params = SearchParameterMap.newSynchronous()
                .add("email", new TokenParam(email))
                .add("active", new TokenParam("true"));
        params.setCount(2);
        IBundleProvider found = daoRegistry.getResourceDao(type).search(params, new SystemRequestDetails());
        return found.getResources(0, 2);
    }

    /** A user of the built-in server who is a FHIR resource (a Patient, a Practitioner). */
    static final class SmartUser extends User {

        private final String fhirUser;

        SmartUser(String username, String password, String fhirUser) {
            super(username, password, AuthorityUtils.createAuthorityList("ROLE_USER"));
            this.fhirUser = fhirUser;
        }

        String fhirUser() {
            return fhirUser;
        }

        String patientId() {
            return fhirUser.startsWith("Patient/") ? fhirUser.substring("Patient/".length()) : null;
        }
    }
}

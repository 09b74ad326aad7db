package org.mediwox.server.security.authserver;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenParam;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Patient;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * Demo users of the built-in server (demo mode only): every active Patient or Practitioner with an e-mail address can
 * log in with that address and the demo password, and becomes the {@code fhirUser} of the SMART app that asked (a
 * patient also its launch patient; a practitioner gets the patient of an EHR launch). The same address on an active
 * RelatedPerson with a proxy relationship (a parent, a guardian, a power of attorney) lets its holder act for that
 * RelatedPerson's patient too, as {@code fhirUser} {@code RelatedPerson/[id]}: a login with more than one patient to act
 * for chooses one after signing in.
 */
final class DemoUsers implements UserDetailsService {

    private final DaoRegistry daoRegistry;
    private final Proxies proxies;
    private final String password;

    DemoUsers(DaoRegistry daoRegistry, String password) {
        this.daoRegistry = daoRegistry;
        this.proxies = new Proxies(daoRegistry);
        this.password = ClientSecrets.hashed(password);
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        String email = username.trim();
        List<SmartUser.Acting> choices = new ArrayList<>();
        List<IBaseResource> patients = byEmail("Patient", email);
        if (patients.size() == 1) {
            Patient self = (Patient) patients.get(0);
            String id = self.getIdElement().getIdPart();
            choices.add(new SmartUser.Acting("Patient/" + id, id, name(self)));
        }
        choices.addAll(proxies.of(email));
        if (!choices.isEmpty()) {
            return SmartUser.actingFor(username, password, choices);
        }
        List<IBaseResource> practitioners = byEmail("Practitioner", email);
        if (practitioners.size() == 1) {
            return new SmartUser(
                    username,
                    password,
                    "Practitioner/" + practitioners.get(0).getIdElement().getIdPart(),
                    null);
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

    static String name(Patient patient) {
        if (!patient.hasName()) {
            return "Patient/" + patient.getIdElement().getIdPart();
        }
        HumanName name = patient.getNameFirstRep();
        return name.hasText() ? name.getText() : (name.getGivenAsSingleString() + " " + name.getFamily()).trim();
    }
}

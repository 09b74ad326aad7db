package org.mediwox.server.security.authserver;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.RelatedPerson;

/**
 * The patients a login may act for as their proxy: active RelatedPersons with the login's e-mail, a current period and a
 * relationship that gives the right to act for the patient — a parent or guardian of a child, a power of attorney (v3
 * RoleCode). An emergency contact or a friend (v2 0131 {@code C}, v3 {@code FRND}) is not a proxy.
 */
final class Proxies {

    static final String ROLE_CODE = "http://terminology.hl7.org/CodeSystem/v3-RoleCode";

    /** Relationships (v3 RoleCode) that make a RelatedPerson its patient's proxy. */
    static final Set<String> PROXY_RELATIONSHIPS = Set.of(
            "PRN", "NPRN", "MTH", "NMTH", "FTH", "NFTH", "ADOPTP", "ADOPTF", "ADOPTM", "STPPRN", "STPMTH", "STPFTH",
            "GUARD", "POWATT", "HPOWATT", "DPOWATT", "SPOWATT");

    private static final int MOST = 20;

    private final DaoRegistry daoRegistry;

    Proxies(DaoRegistry daoRegistry) {
        this.daoRegistry = daoRegistry;
    }

    /** Whom the login with this e-mail may act for as a proxy, by RelatedPerson. */
    List<SmartUser.Acting> of(String email) {
        SearchParameterMap params = SearchParameterMap.newSynchronous()
                .add("email", new TokenParam(email))
                .add("active", new TokenParam("true"));
        params.setCount(MOST);
        List<IBaseResource> found = daoRegistry
                .getResourceDao("RelatedPerson")
                .search(params, new SystemRequestDetails())
                .getResources(0, MOST);
        List<SmartUser.Acting> acting = new ArrayList<>();
        for (IBaseResource resource : found) {
            RelatedPerson person = (RelatedPerson) resource;
            if (!isProxy(person, new Date())) {
                continue;
            }
            Patient patient = patient(person);
            if (patient != null && patient.getActive()) {
                acting.add(new SmartUser.Acting(
                        "RelatedPerson/" + person.getIdElement().getIdPart(),
                        patient.getIdElement().getIdPart(),
                        DemoUsers.name(patient)));
            }
        }
        return acting;
    }

    /** Whether the RelatedPerson may still act for the patient: checked again at every refresh. */
    boolean actsFor(String relatedPersonId, String patientId) {
        try {
            RelatedPerson person = (RelatedPerson) daoRegistry
                    .getResourceDao("RelatedPerson")
                    .read(new IdType("RelatedPerson", relatedPersonId), new SystemRequestDetails());
            return isProxy(person, new Date())
                    && patientId.equals(new IdType(person.getPatient().getReference()).getIdPart());
        } catch (ResourceNotFoundException | ResourceGoneException e) {
            return false;
        }
    }

    /** Whether the RelatedPerson may act for its patient now. */
    static boolean isProxy(RelatedPerson person, Date now) {
        boolean current = !person.hasPeriod()
                || ((!person.getPeriod().hasStart()
                                || !person.getPeriod().getStart().after(now))
                        && (!person.getPeriod().hasEnd()
                                || person.getPeriod().getEnd().after(now)));
        boolean proxy = person.getRelationship().stream()
                .flatMap(concept -> concept.getCoding().stream())
                .anyMatch(coding ->
                        ROLE_CODE.equals(coding.getSystem()) && PROXY_RELATIONSHIPS.contains(coding.getCode()));
        return person.getActive() && current && proxy && person.hasPatient();
    }

    private Patient patient(RelatedPerson person) {
        IdType id = new IdType(person.getPatient().getReference());
        if (!"Patient".equals(id.getResourceType()) || !id.hasIdPart()) {
            return null;
        }
        try {
            return (Patient) daoRegistry
                    .getResourceDao("Patient")
                    .read(id.toUnqualifiedVersionless(), new SystemRequestDetails());
        } catch (ResourceNotFoundException | ResourceGoneException e) {
            return null;
        }
    }
}

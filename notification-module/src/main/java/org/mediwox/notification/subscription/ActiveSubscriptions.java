package org.mediwox.notification.subscription;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.jpa.searchparam.matcher.SearchParamMatcher;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenParam;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Subscription;
import org.springframework.beans.factory.ObjectProvider;

/** The active Subscriptions, and whether an Appointment matches a Subscription's criteria (evaluated in memory). */
public class ActiveSubscriptions {

    private final DaoRegistry daoRegistry;
    private final ObjectProvider<SearchParamMatcher> matcher;

    public ActiveSubscriptions(DaoRegistry daoRegistry, ObjectProvider<SearchParamMatcher> matcher) {
        this.daoRegistry = daoRegistry;
        this.matcher = matcher;
    }

    /** Active Subscriptions whose criteria the appointment matches. */
    public List<Subscription> matching(Appointment appointment) {
        SearchParameterMap active =
                SearchParameterMap.newSynchronous().add(Subscription.SP_STATUS, new TokenParam("active"));
        List<IBaseResource> found = daoRegistry
                .getResourceDao(Subscription.class)
                .search(active, new SystemRequestDetails())
                .getAllResources();
        return found.stream()
                .map(Subscription.class::cast)
                .filter(s -> matches(s, appointment))
                .toList();
    }

    private boolean matches(Subscription subscription, Appointment appointment) {
        String criteria = subscription.getCriteria();
        if (criteria == null) {
            return false;
        }
        if (criteria.equals("Appointment") || criteria.equals("Appointment?")) {
            return true;
        }
        var result = matcher.getObject().match(criteria, appointment, new SystemRequestDetails());
        return result.supported() && result.matched();
    }
}

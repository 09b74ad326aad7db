package org.mediwox.notification.subscription;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Subscription;
import org.mediwox.notification.outbox.Outbox;
import org.mediwox.plugin.access.OperationAccess;

/**
 * {@code Subscription/$status} and {@code Subscription/[id]/$status} (Subscriptions R5 Backport): a {@code searchset}
 * Bundle of SubscriptionStatus Parameters for topic-based Subscriptions — status, topic and how many events the
 * subscription has had (a subscriber compares that with the last event number it received to find missed
 * notifications). Callers need an unfiltered user- or system-level Subscription read scope (see the server's
 * authorization rules): every topic-based Subscription is reported.
 */
public class SubscriptionStatusOperation {

    private static final Set<String> STATUSES = Set.of("requested", "active", "error", "off");

    private final DaoRegistry daoRegistry;
    private final Outbox outbox;
    private final NotificationBundles bundles;

    public SubscriptionStatusOperation(DaoRegistry daoRegistry, Outbox outbox, NotificationBundles bundles) {
        this.daoRegistry = daoRegistry;
        this.outbox = outbox;
        this.bundles = bundles;
    }

    @Operation(name = "$status", type = Subscription.class, idempotent = true)
    @OperationAccess(
            anyOf = {
                @OperationAccess.Grant(
                        type = "Subscription",
                        permission = 'r',
                        scopes = OperationAccess.Scopes.ALL_OF_TYPE),
                @OperationAccess.Grant(
                        type = "Subscription",
                        permission = 's',
                        scopes = OperationAccess.Scopes.ALL_OF_TYPE)
            })
    public Bundle status(
            @IdParam(optional = true) IdType instance,
            @OperationParam(name = "id", max = OperationParam.MAX_UNLIMITED) List<IdType> ids,
            @OperationParam(name = "status", max = OperationParam.MAX_UNLIMITED) List<CodeType> statuses,
            RequestDetails request) {
        if (instance != null && instance.hasIdPart()) {
            Subscription subscription =
                    daoRegistry.getResourceDao(Subscription.class).read(instance.toUnqualifiedVersionless(), request);
            if (!topicBased(subscription)) {
                throw new InvalidRequestException("Subscription/" + instance.getIdPart() + " is not topic-based"
                        + " (its criteria is not a SubscriptionTopic): $status reports topic-based subscriptions");
            }
            return bundle(List.of(subscription));
        }
        SearchParameterMap search = SearchParameterMap.newSynchronous();
        if (ids != null && !ids.isEmpty()) {
            TokenOrListParam anyId = new TokenOrListParam();
            ids.forEach(i -> anyId.add(new TokenParam(i.getIdPart())));
            search.add("_id", anyId);
        }
        if (statuses != null && !statuses.isEmpty()) {
            TokenOrListParam anyStatus = new TokenOrListParam();
            for (CodeType status : statuses) {
                if (!STATUSES.contains(status.getValue())) {
                    throw new InvalidRequestException(
                            "status: use requested, active, error or off (got " + status.getValue() + ")");
                }
                anyStatus.add(new TokenParam(status.getValue()));
            }
            search.add(Subscription.SP_STATUS, anyStatus);
        }
        List<Subscription> found = new ArrayList<>();
        for (IBaseResource resource : daoRegistry
                .getResourceDao(Subscription.class)
                .search(search, request)
                .getAllResources()) {
            if (topicBased((Subscription) resource)) {
                found.add((Subscription) resource);
            }
        }
        return bundle(found);
    }

    private static boolean topicBased(Subscription subscription) {
        return subscription.getCriteria() != null
                && Topic.byCanonical(subscription.getCriteria()).isPresent();
    }

    private Bundle bundle(List<Subscription> subscriptions) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET);
        for (Subscription subscription : subscriptions) {
            String id = subscription.getIdElement().getIdPart();
            String topic = Topic.byCanonical(subscription.getCriteria() == null ? "" : subscription.getCriteria())
                    .map(Topic::canonical)
                    .orElse(null);
            Parameters status = bundles.status(
                    id,
                    topic,
                    subscription.getStatus() == null
                            ? "requested"
                            : subscription.getStatus().toCode(),
                    "query-status",
                    outbox.eventsSinceStart(id));
            bundle.addEntry()
                    .setFullUrl("urn:uuid:" + status.getIdElement().getIdPart())
                    .setResource(status)
                    .getSearch()
                    .setMode(Bundle.SearchEntryMode.MATCH);
        }
        bundle.setTotal(subscriptions.size());
        return bundle;
    }
}

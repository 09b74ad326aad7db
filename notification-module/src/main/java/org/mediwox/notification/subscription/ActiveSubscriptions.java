package org.mediwox.notification.subscription;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.jpa.searchparam.matcher.SearchParamMatcher;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenParam;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Subscription;
import org.springframework.beans.factory.ObjectProvider;

/**
 * The active Subscriptions Mediwox delivers, and whether an Appointment matches one (evaluated in memory). The list is
 * kept for {@code refresh} (every Appointment change consults it): a Subscription written on this node counts from its
 * commit on, one written on another node sharing the database within {@code refresh}.
 */
public class ActiveSubscriptions {

    private record Snapshot(List<Subscriber> subscribers, Instant loadedAt) {}

    private final DaoRegistry daoRegistry;
    private final ObjectProvider<SearchParamMatcher> matcher;
    private final Duration refresh;
    private final Clock clock;
    private final AtomicLong generation = new AtomicLong();
    private volatile Snapshot snapshot;

    public ActiveSubscriptions(
            DaoRegistry daoRegistry, ObjectProvider<SearchParamMatcher> matcher, Duration refresh, Clock clock) {
        this.daoRegistry = daoRegistry;
        this.matcher = matcher;
        this.refresh = refresh;
        this.clock = clock;
    }

    /** Every active Subscription Mediwox delivers. */
    public List<Subscriber> all() {
        Snapshot current = snapshot;
        if (current != null && current.loadedAt().plus(refresh).isAfter(clock.instant())) {
            return current.subscribers();
        }
        long loading = generation.get();
        SearchParameterMap active =
                SearchParameterMap.newSynchronous().add(Subscription.SP_STATUS, new TokenParam("active"));
        List<Subscriber> subscribers = daoRegistry
                .getResourceDao(Subscription.class)
                .search(active, new SystemRequestDetails())
                .getAllResources()
                .stream()
                .map(Subscription.class::cast)
                .map(Subscriber::of)
                .flatMap(Optional::stream)
                .toList();
        if (generation.get() == loading) { // no Subscription changed meanwhile
            snapshot = new Snapshot(subscribers, clock.instant());
        }
        return subscribers;
    }

    /** A Subscription was created, changed or deleted: read them again. */
    public void invalidate() {
        generation.incrementAndGet();
        snapshot = null;
    }

    /** Active classic R4 Subscriptions whose criteria the appointment matches. */
    public List<Subscriber> classicMatching(Appointment appointment) {
        return all().stream()
                .filter(s -> !s.topicBased())
                .filter(s -> matches(s, appointment))
                .toList();
    }

    /** Active topic-based Subscriptions on {@code topic} whose filters the appointment matches. */
    public List<Subscriber> onTopic(Topic topic, Appointment appointment) {
        return all().stream()
                .filter(s -> s.topic() == topic)
                .filter(s -> matches(s, appointment))
                .toList();
    }

    private boolean matches(Subscriber subscriber, Appointment appointment) {
        for (String filter : subscriber.filters()) {
            var result = matcher.getObject().match(filter, appointment, new SystemRequestDetails());
            if (!result.supported() || !result.matched()) {
                return false;
            }
        }
        return true;
    }
}

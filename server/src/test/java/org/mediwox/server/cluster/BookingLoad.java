package org.mediwox.server.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.mediwox.server.booking.BookingClient;
import org.mediwox.server.booking.BookingClient.Answer;

/**
 * Clients booking into one pool through the load balancer, each request for the next patient of a list (so every
 * patient is tried at most once), until the list is used up or the load is stopped. Records what a client can know:
 * the bookings acknowledged (200 with the Appointment), every other answer by status, requests that got no answer by
 * exception, and the slowest request.
 */
final class BookingLoad {

    /** A booking acknowledged to its client. */
    record Acknowledged(String appointmentId, String patientId, Instant at) {}

    /** An answer other than 200, as the client received it. */
    record Refusal(int status, String retryAfter, String body, Instant at) {}

    private final BookingClient client;
    private final String specialtyToken;
    private final List<String> patients;
    private final ExecutorService threads;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final AtomicLong slowestMillis = new AtomicLong();
    private final List<Acknowledged> acknowledged = java.util.Collections.synchronizedList(new ArrayList<>());
    private final List<Refusal> refusals = java.util.Collections.synchronizedList(new ArrayList<>());
    private final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
    private final Instant started = Instant.now();

    private BookingLoad(BookingClient client, String specialtyToken, List<String> patients, int clients) {
        this.client = client;
        this.specialtyToken = specialtyToken;
        this.patients = List.copyOf(patients);
        this.threads = Executors.newFixedThreadPool(clients);
        for (int i = 0; i < clients; i++) {
            threads.submit(this::bookUntilStopped);
        }
    }

    static BookingLoad start(BookingClient client, String specialtyToken, List<String> patients, int clients) {
        return new BookingLoad(client, specialtyToken, patients, clients);
    }

    private void bookUntilStopped() {
        int index;
        while (!stopped.get() && (index = next.getAndIncrement()) < patients.size()) {
            String patient = patients.get(index);
            Instant sent = Instant.now();
            try {
                Answer answer = client.book(
                        BookingClient.poolRequest(patient, specialtyToken),
                        UUID.randomUUID().toString());
                if (answer.status() == 200) {
                    acknowledged.add(
                            new Acknowledged(answer.appointment().getIdElement().getIdPart(), patient, Instant.now()));
                } else {
                    refusals.add(new Refusal(
                            answer.status(),
                            answer.headers().firstValue("Retry-After").orElse(null),
                            answer.body(),
                            Instant.now()));
                    failures.computeIfAbsent("HTTP " + answer.status(), k -> new AtomicInteger())
                            .incrementAndGet();
                }
            } catch (RuntimeException e) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                failures.computeIfAbsent(cause.getClass().getSimpleName(), k -> new AtomicInteger())
                        .incrementAndGet();
            }
            slowestMillis.accumulateAndGet(Duration.between(sent, Instant.now()).toMillis(), Math::max);
        }
    }

    /** Waits until at least {@code count} bookings were acknowledged (or the patients are used up). */
    void awaitAcknowledged(int count, Duration patience) throws InterruptedException {
        Instant deadline = Instant.now().plus(patience);
        while (acknowledged.size() < count
                && next.get() < patients.size()
                && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
        }
    }

    /** Lets every client finish its request in flight, then stops them. */
    void stop() throws InterruptedException {
        stopped.set(true);
        finish();
    }

    /** Waits until every patient was tried. */
    void finish() throws InterruptedException {
        threads.shutdown();
        if (!threads.awaitTermination(5, TimeUnit.MINUTES)) {
            throw new IllegalStateException("clients still waiting for answers after 5 min");
        }
    }

    List<Acknowledged> acknowledged() {
        return List.copyOf(acknowledged);
    }

    List<Refusal> refusals() {
        return List.copyOf(refusals);
    }

    /** Requests without a 200, by status ({@code HTTP 503}) or by the exception the client got instead of an answer. */
    Map<String, Integer> failures() {
        Map<String, Integer> counts = new TreeMap<>();
        failures.forEach((kind, n) -> counts.put(kind, n.get()));
        return counts;
    }

    int failed() {
        return failures().values().stream().mapToInt(Integer::intValue).sum();
    }

    Duration slowest() {
        return Duration.ofMillis(slowestMillis.get());
    }

    Duration elapsed() {
        return Duration.between(started, Instant.now());
    }
}

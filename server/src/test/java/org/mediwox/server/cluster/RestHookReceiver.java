package org.mediwox.server.cluster;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Subscription;
import org.mediwox.server.support.ServerIT;

/**
 * An EHR's rest-hook endpoint on the address the nodes' allowlist trusts ({@link ServerIT#LOCAL_RECEIVERS}): records
 * the Appointment each notification carries.
 */
final class RestHookReceiver implements AutoCloseable {

    private static final Pattern ID = Pattern.compile("\"resourceType\":\"Appointment\",\"id\":\"([^\"]+)\"");

    private final HttpServer server;
    private final List<String> appointments = Collections.synchronizedList(new ArrayList<>());

    private RestHookReceiver(HttpServer server) {
        this.server = server;
    }

    static RestHookReceiver start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(ServerIT.LOCAL_RECEIVERS, 0), 0);
        RestHookReceiver receiver = new RestHookReceiver(server);
        server.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Matcher id = ID.matcher(body);
            receiver.appointments.add(id.find() ? id.group(1) : body);
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        return receiver;
    }

    /** A classic R4 Subscription on every booked Appointment, delivered here with the Appointment as payload. */
    Subscription subscriptionOnBookings() {
        Subscription subscription = new Subscription()
                .setStatus(Subscription.SubscriptionStatus.REQUESTED)
                .setReason("EHR calendar sync across the cluster")
                .setCriteria("Appointment?status=booked");
        subscription
                .getChannel()
                .setType(Subscription.SubscriptionChannelType.RESTHOOK)
                .setEndpoint("http://" + ServerIT.LOCAL_RECEIVERS + ":"
                        + server.getAddress().getPort() + "/hook")
                .setPayload("application/fhir+json");
        return subscription;
    }

    /** How many notifications each of these Appointments got (those with none are absent). */
    Map<String, Long> deliveries(Set<String> of) {
        synchronized (appointments) {
            return appointments.stream()
                    .filter(of::contains)
                    .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

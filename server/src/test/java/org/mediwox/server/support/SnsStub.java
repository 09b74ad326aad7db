package org.mediwox.server.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A STUB of the Amazon SNS Query API (no SNS emulator can run here): a WireMock server that answers {@code Publish}
 * like SNS does and records every request, so tests see exactly what the server asked SNS to send. It checks nothing
 * of what real SNS would (signatures, number formats, quotas). {@link #refuseNext} makes the next publishes to a number
 * fail with SNS's 400 {@code InvalidParameter} (permanent), {@link #failNext} with a 500 {@code InternalError} (transient).
 * Tests share the stub with the running server's dispatcher, which may publish other tests' SMS at any time: a test
 * reads and steers only the numbers of its own patients.
 */
public final class SnsStub {

    /** One SMS the server asked SNS to publish and the stub accepted. */
    public record Sms(String phoneNumber, String message, String senderId, String smsType) {}

    private static SnsStub shared;

    private final WireMockServer wireMock;
    private final Map<String, AtomicInteger> refusals = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
    private final List<Sms> accepted = java.util.Collections.synchronizedList(new ArrayList<>());

    private SnsStub() {
        wireMock = new WireMockServer(WireMockConfiguration.options()
                .dynamicPort()
                .bindAddress("127.0.0.1")
                .extensions(new com.github.tomakehurst.wiremock.extension.ResponseTransformerV2() {
                    @Override
                    public com.github.tomakehurst.wiremock.http.Response transform(
                            com.github.tomakehurst.wiremock.http.Response response,
                            com.github.tomakehurst.wiremock.stubbing.ServeEvent event) {
                        return answer(event.getRequest().getBodyAsString());
                    }

                    @Override
                    public String getName() {
                        return "sns-publish";
                    }
                }));
        wireMock.stubFor(post(urlEqualTo("/"))
                .withRequestBody(containing("Action=Publish"))
                .willReturn(aResponse().withStatus(200)));
        wireMock.start();
        Runtime.getRuntime().addShutdownHook(new Thread(wireMock::stop));
    }

    public static synchronized SnsStub shared() {
        if (shared == null) {
            shared = new SnsStub();
        }
        return shared;
    }

    public String endpoint() {
        return "http://127.0.0.1:" + wireMock.port();
    }

    /** The next {@code count} publishes to {@code phoneNumber} are refused (400 InvalidParameter), as for a bad number. */
    public void refuseNext(String phoneNumber, int count) {
        refusals.put(phoneNumber, new AtomicInteger(count));
    }

    /**
     * The next {@code count} Publish requests to {@code phoneNumber} fail with 500 {@code InternalError}, as when SNS
     * has a bad moment. Counts requests, so the AWS SDK's own retries use them up too.
     */
    public void failNext(String phoneNumber, int count) {
        failures.put(phoneNumber, new AtomicInteger(count));
    }

    /** The SMS accepted for {@code phoneNumber}, oldest first. */
    public List<Sms> publishedTo(String phoneNumber) {
        synchronized (accepted) {
            return accepted.stream()
                    .filter(s -> s.phoneNumber().equals(phoneNumber))
                    .toList();
        }
    }

    /** Every Publish request received, accepted or not (WireMock's request journal). */
    private List<LoggedRequest> requests() {
        return wireMock.findAll(postRequestedFor(urlEqualTo("/")));
    }

    /** Every Publish request to {@code phoneNumber}, accepted or not, oldest first. */
    public List<LoggedRequest> requestsTo(String phoneNumber) {
        return requests().stream()
                .filter(r -> phoneNumber.equals(form(r.getBodyAsString()).get("PhoneNumber")))
                .toList();
    }

    /** Uses up one of the counted failures, atomically: two publishes at once never both take the last one. */
    private static boolean takeOne(AtomicInteger left) {
        return left != null && left.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
    }

    private com.github.tomakehurst.wiremock.http.Response answer(String body) {
        Map<String, String> form = form(body);
        String requestId = UUID.randomUUID().toString();
        String phone = form.getOrDefault("PhoneNumber", "");
        if (takeOne(failures.get(phone))) {
            return xml(
                    500,
                    "<ErrorResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><Error>"
                            + "<Type>Receiver</Type><Code>InternalError</Code>"
                            + "<Message>The stub was told to fail</Message>"
                            + "</Error><RequestId>" + requestId + "</RequestId></ErrorResponse>");
        }
        if (takeOne(refusals.get(phone))) {
            return xml(
                    400,
                    "<ErrorResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><Error>"
                            + "<Type>Sender</Type><Code>InvalidParameter</Code>"
                            + "<Message>Invalid parameter: PhoneNumber Reason: the stub was told to refuse</Message>"
                            + "</Error><RequestId>" + requestId + "</RequestId></ErrorResponse>");
        }
        Map<String, String> attributes = new HashMap<>();
        for (int i = 1; form.containsKey("MessageAttributes.entry." + i + ".Name"); i++) {
            attributes.put(
                    form.get("MessageAttributes.entry." + i + ".Name"),
                    form.get("MessageAttributes.entry." + i + ".Value.StringValue"));
        }
        accepted.add(new Sms(
                form.get("PhoneNumber"),
                form.get("Message"),
                attributes.get("AWS.SNS.SMS.SenderID"),
                attributes.get("AWS.SNS.SMS.SMSType")));
        return xml(
                200,
                "<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><PublishResult>"
                        + "<MessageId>" + UUID.randomUUID() + "</MessageId></PublishResult>"
                        + "<ResponseMetadata><RequestId>" + requestId + "</RequestId></ResponseMetadata>"
                        + "</PublishResponse>");
    }

    private static com.github.tomakehurst.wiremock.http.Response xml(int status, String body) {
        return com.github.tomakehurst.wiremock.http.Response.response()
                .status(status)
                .headers(new com.github.tomakehurst.wiremock.http.HttpHeaders(
                        new com.github.tomakehurst.wiremock.http.HttpHeader("Content-Type", "text/xml")))
                .body(body)
                .build();
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(
                        URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }
}

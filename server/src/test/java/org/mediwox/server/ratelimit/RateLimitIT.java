package org.mediwox.server.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mediwox.notification.delivery.Dispatcher;
import org.mediwox.notification.outbox.MessageChannel;
import org.mediwox.notification.outbox.MessageContent;
import org.mediwox.notification.outbox.MessageEvent;
import org.mediwox.notification.outbox.MessageStatus;
import org.mediwox.notification.outbox.NewMessage;
import org.mediwox.notification.outbox.Outbox;
import org.mediwox.notification.outbox.OutboxMessage;
import org.mediwox.server.audit.AuditEventWriter;
import org.mediwox.server.support.ProductionNode;
import org.mediwox.server.support.ServerIT;
import org.mediwox.server.support.Tokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A node in production mode, started with every setting production requires and tight limits (3 sign-ins, 3 token
 * requests, 5 API requests per client an hour), on the test run's database: each limit answers 429 with {@code
 * Retry-After} in its endpoint's shape and is audited; the explicit {@code log} transport records messages as {@code
 * logged}; CORS lets in the listed origin only. The shared test node (demo mode) shows that {@code Origin: null} is
 * never allowed, even by the demo's wildcard.
 */
class RateLimitIT extends ServerIT {

    private static final String APP_ORIGIN = "https://app.clinic.example";
    private static ConfigurableApplicationContext production;
    private static String productionRoot;

    private final HttpClient http = HttpClient.newHttpClient();

    @Autowired
    private DataSource dataSource;

    @BeforeEach
    void startProductionNode() {
        if (production != null) {
            return;
        }
        production = ProductionNode.named("production")
                .safe()
                .onDatabaseOf(dataSource)
                .with(
                        "--mediwox.auth.demo-client=true",
                        "--mediwox.auth.cors-allowed-origins=" + APP_ORIGIN,
                        // its dispatcher stays idle: the test run's outbox is the shared node's to deliver
                        "--mediwox.notification.poll-interval=1h",
                        "--mediwox.rate-limit.login.requests=3",
                        "--mediwox.rate-limit.login.per=1h",
                        "--mediwox.rate-limit.token.requests=3",
                        "--mediwox.rate-limit.token.per=1h",
                        "--mediwox.rate-limit.api.requests=5",
                        "--mediwox.rate-limit.api.per=1h")
                .start();
        productionRoot = ProductionNode.root(production);
    }

    @AfterAll
    static void stopProductionNode() {
        if (production != null) {
            production.close();
            production = null;
        }
    }

    @Test
    void fhirApi_overThePerClientLimit_answers429WithRetryAfterAndAThrottledOutcome_audited() throws Exception {
        String token = Tokens.demoClient(productionRoot, "system/*.cruds");
        String marker = "throttled-" + UUID.randomUUID();
        String path = "/fhir/Patient?_count=1&name=" + marker;
        for (int i = 1; i <= 5; i++) {
            assertThat(get(productionRoot + path, token).statusCode())
                    .as("request " + i)
                    .isEqualTo(200);
        }

        HttpResponse<String> throttled = get(productionRoot + path, token);

        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(retryAfter(throttled)).isBetween(1L, 3600L);
        OperationOutcome outcome = fhirContext.newJsonParser().parseResource(OperationOutcome.class, throttled.body());
        assertThat(outcome.getIssueFirstRep().getCode()).isEqualTo(OperationOutcome.IssueType.THROTTLED);
        assertThat(outcome.getIssueFirstRep().getDiagnostics()).contains("Retry after");
        assertThat(refusals("GET " + path))
                .singleElement()
                .satisfies(event -> assertThat(event.getAgent())
                        .anySatisfy(agent -> assertThat(
                                        agent.getWho().getIdentifier().getValue())
                                .as("the throttled client is named")
                                .isEqualTo(Tokens.DEMO_CLIENT)));
        assertThat(get(fhirBase() + "/Patient?_count=1", token()).statusCode())
                .as("another node's buckets are its own (per-node limits)")
                .isEqualTo(200);
    }

    @Test
    void tokenEndpoint_overThePerClientLimit_answers429WithAnOAuthError_beforeAuthenticatingTheClient()
            throws Exception {
        String client = "no-such-client-" + UUID.randomUUID();
        String basic =
                "Basic " + Base64.getEncoder().encodeToString((client + ":wrong").getBytes(StandardCharsets.UTF_8));
        Map<String, String> form = Map.of("grant_type", "client_credentials", "scope", "system/*.rs");
        for (int i = 1; i <= 3; i++) {
            assertThat(Tokens.postForm(productionRoot + "/oauth2/token", form, basic)
                            .statusCode())
                    .as("request " + i + ": refused by client authentication")
                    .isEqualTo(401);
        }

        HttpResponse<String> throttled = Tokens.postForm(productionRoot + "/oauth2/token", form, basic);

        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(retryAfter(throttled)).isBetween(1L, 3600L);
        assertThat(throttled.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(Tokens.json(throttled.body()).get("error").asText()).isEqualTo("slow_down");
        assertThat(Tokens.json(throttled.body()).get("error_description").asText())
                .contains("Retry after");
        assertThat(refusals("POST /oauth2/token")).isNotEmpty();
    }

    @Test
    void loginForm_overThePerAddressLimit_answers429WithAPage_audited() throws Exception {
        HttpClient browser = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"")
                .matcher(browser.send(
                                HttpRequest.newBuilder(URI.create(productionRoot + "/login"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body());
        assertThat(csrf.find()).isTrue();
        HttpRequest attempt = HttpRequest.newBuilder(URI.create(productionRoot + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username="
                        + URLEncoder.encode("guess-" + UUID.randomUUID(), StandardCharsets.UTF_8)
                        + "&password=guess&_csrf=" + csrf.group(1)))
                .build();
        for (int i = 1; i <= 3; i++) {
            HttpResponse<String> refused = browser.send(attempt, HttpResponse.BodyHandlers.ofString());
            assertThat(refused.headers().firstValue("Location"))
                    .as("attempt " + i)
                    .hasValueSatisfying(location -> assertThat(location).endsWith("/login?error=credentials"));
        }

        HttpResponse<String> throttled = browser.send(attempt, HttpResponse.BodyHandlers.ofString());

        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(retryAfter(throttled)).isBetween(1L, 3600L);
        assertThat(throttled.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(throttled.body()).contains("Too many sign-in attempts").contains("href=\"/login\"");
        assertThat(refusals("POST /login")).isNotEmpty();
    }

    @Test
    void logTransportSetExplicitlyInProduction_recordsMessagesAsLogged_neverSent() throws Exception {
        String appointment = "logged-" + UUID.randomUUID();
        Instant later = Instant.now().plus(3650, ChronoUnit.DAYS); // due only when this node is told to dispatch
        Outbox outbox = production.getBean(Outbox.class);
        outbox.record(NewMessage.toPatient(
                appointment + "/booked/email",
                new NewMessage.About(appointment, "Patient/logged", MessageEvent.BOOKED),
                new NewMessage.Recipient(MessageChannel.EMAIL, "logged@example.org", "en"),
                new MessageContent.Text("Your appointment", "body"),
                later,
                null));

        production.getBean(Dispatcher.class).dispatchDue(later);

        OutboxMessage recorded = outbox.list(null, null, appointment, 1).get(0);
        assertThat(recorded.status()).isEqualTo(MessageStatus.LOGGED);
        assertThat(recorded.sentAt()).isNull();
        HttpResponse<String> view =
                get(fhirBase() + "/$notifications?status=logged&appointment=" + appointment, token());
        assertThat(view.statusCode()).as(view.body()).isEqualTo(200);
        Communication communication = (Communication) fhirContext
                .newJsonParser()
                .parseResource(Bundle.class, view.body())
                .getEntryFirstRep()
                .getResource();
        assertThat(communication.getStatus()).isEqualTo(Communication.CommunicationStatus.NOTDONE);
        assertThat(communication.getStatusReason().getText()).startsWith("logged:");
        assertThat(communication.hasSent()).isFalse();
        assertThat(outbox.list(MessageStatus.SENT, null, appointment, 1)).isEmpty();
    }

    @Test
    void cors_productionAllowsOnlyTheListedOrigin_andNoNodeEverAllowsTheNullOrigin() throws Exception {
        assertThat(preflight(productionRoot, APP_ORIGIN).headers().firstValue("Access-Control-Allow-Origin"))
                .hasValue(APP_ORIGIN);
        assertThat(preflight(productionRoot, "https://evil.example")
                        .headers()
                        .firstValue("Access-Control-Allow-Origin"))
                .isEmpty();
        assertThat(preflight(productionRoot, "null").headers().firstValue("Access-Control-Allow-Origin"))
                .isEmpty();

        assertThat(preflight(serverRoot(), "https://any.example").headers().firstValue("Access-Control-Allow-Origin"))
                .as("the demo node allows any origin")
                .hasValue("https://any.example");
        HttpResponse<String> nullOrigin = preflight(serverRoot(), "null");
        assertThat(nullOrigin.headers().firstValue("Access-Control-Allow-Origin"))
                .as("but not the null origin of sandboxed frames and local files")
                .isEmpty();
        assertThat(nullOrigin.statusCode()).isEqualTo(403);
    }

    private HttpResponse<String> preflight(String root, String origin) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(root + "/fhir/Patient"))
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                        .header("Origin", origin)
                        .header("Access-Control-Request-Method", "GET")
                        .header("Access-Control-Request-Headers", "authorization")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String url, String token) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", "Bearer " + token)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static long retryAfter(HttpResponse<String> response) {
        return Long.parseLong(response.headers().firstValue("Retry-After").orElse("0"));
    }

    /** The 429 AuditEvents of the request line, read through the shared node (same database). */
    private List<AuditEvent> refusals(String requestLine) throws Exception {
        production.getBean(AuditEventWriter.class).flush();
        String auditor = Tokens.demoClient(serverRoot(), "system/AuditEvent.rs");
        HttpResponse<String> answer = get(
                fhirBase() + "/AuditEvent?_count=200&outcome=4&date=ge"
                        + Instant.now().minusSeconds(600) + "&entity-name="
                        + URLEncoder.encode(requestLine, StandardCharsets.UTF_8),
                auditor);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        List<AuditEvent> found = new ArrayList<>();
        for (Bundle.BundleEntryComponent entry : fhirContext
                .newJsonParser()
                .parseResource(Bundle.class, answer.body())
                .getEntry()) {
            AuditEvent event = (AuditEvent) entry.getResource();
            if (event.getOutcomeDesc() != null
                    && event.getOutcomeDesc().startsWith("429 ")
                    && event.getEntity().stream().anyMatch(e -> requestLine.equals(e.getName()))) {
                found.add(event);
            }
        }
        return found;
    }
}

package org.mediwox.server.support;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.awaitility.core.ThrowingRunnable;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of every integration test that talks to the running server. All subclasses share ONE Spring context (same
 * configuration, same properties), so the server with its embedded PostgreSQL and demo data starts once per test run.
 * The data directory is fresh for each run.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(StatementCounting.class)
public abstract class ServerIT {

    private static final Path DATA_DIR =
            Path.of("target", "it-data", UUID.randomUUID().toString());

    /**
     * The one address the test run's rest-hook receivers listen on, and the only one its allowlist trusts: rest-hooks
     * to 127.0.0.1, other loopback or private addresses stay refused, as in production.
     */
    public static final String LOCAL_RECEIVERS = "127.0.0.2";

    /** The Group {@link BackendService}'s client is bound to for Bulk Data export ({@code export.BulkExportIT}). */
    public static final String BULK_EXPORT_INSURER_GROUP = "bulk-export-it-insurer";

    @LocalServerPort
    protected int port;

    @Autowired
    protected FhirContext fhirContext;

    private static final Map<Integer, String> TOKENS = new ConcurrentHashMap<>();

    private final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void isolatedDataDir(DynamicPropertyRegistry registry) {
        registry.add("mediwox.data-dir", () -> DATA_DIR.toAbsolutePath().toString());
        // a throw-away cluster: no fsync per commit (the crash tests run the shipped, durable defaults)
        registry.add("mediwox.database.durable", () -> "false");
        // the demo clinic without its past weeks: the tests count Appointments and workload figures of their own
        // (DemoHistoryIT starts a server of its own with the history)
        registry.add("mediwox.demo.history", () -> "false");
        // the race tests send up to 200 requests at once to see the booking rules hold, not the node shed load: here
        // they queue for their turn (AdmissionIT tests the refusals on a server of its own)
        registry.add("mediwox.admission.max-queue", () -> "1000");
        registry.add("mediwox.admission.max-wait", () -> "2m");
        // a public SMART app (authorization code with PKCE) and a SMART Backend Services client (private_key_jwt)
        registry.add("mediwox.auth.clients[0].id", () -> SmartLogin.APP_CLIENT_ID);
        registry.add("mediwox.auth.clients[0].redirect-uris[0]", () -> SmartLogin.REDIRECT_URI);
        registry.add("mediwox.auth.clients[0].redirect-uris[1]", () -> "http://127.0.0.1/index.html");
        registry.add("mediwox.auth.clients[1].id", () -> BackendService.CLIENT_ID);
        registry.add("mediwox.auth.clients[1].jwks-url", BackendService::jwksUrl);
        registry.add("mediwox.auth.clients[1].scopes[0]", () -> "system/*.rs");
        registry.add("mediwox.auth.clients[1].scopes[1]", () -> BackendService.FREE_SLOTS_ONLY);
        registry.add("mediwox.auth.clients[1].scopes[2]", () -> BackendService.REPORTS_ONLY);
        // may also write Groups, so that the bound client's own Group is refused to it by the export guard, not a scope
        registry.add("mediwox.auth.clients[1].scopes[3]", () -> BackendService.GROUP_WRITES);
        // that back-end client is an insurer's: it exports the members of its Group only
        registry.add(
                "mediwox.bulk-export.client-groups[" + BackendService.CLIENT_ID + "][0]",
                () -> BULK_EXPORT_INSURER_GROUP);
        // documents in S3 (Adobe S3Mock), configured the way an operator would: the AWS SDK's own settings
        S3Mock s3 = S3Mock.shared();
        System.setProperty("aws.region", S3Mock.REGION);
        System.setProperty("aws.accessKeyId", "test");
        System.setProperty("aws.secretAccessKey", "test");
        System.setProperty("aws.endpointUrlS3", s3.endpoint());
        registry.add("mediwox.documents.store", () -> "s3");
        registry.add("mediwox.documents.bucket", () -> S3Mock.BUCKET);
        registry.add("mediwox.documents.kms-key-id", () -> S3Mock.KMS_KEY_ID);
        registry.add("mediwox.documents.path-style-access", () -> "true");
        // notifications through the AWS wire protocols: aws-ses-v2-local for SES, a recording stub for SNS
        SesLocal sesLocal = SesLocal.shared();
        SnsStub snsStub = SnsStub.shared();
        System.setProperty("aws.endpointUrlSns", snsStub.endpoint());
        registry.add("mediwox.notification.transport", () -> "aws");
        registry.add("mediwox.notification.ses-endpoint", sesLocal::endpoint);
        registry.add("mediwox.notification.poll-interval", () -> "200ms");
        registry.add("mediwox.notification.retry-backoff", () -> "500ms");
        registry.add("mediwox.notification.max-retry-backoff", () -> "2s");
        registry.add("mediwox.notification.retry-budget", () -> "5");
        registry.add("mediwox.notification.rest-hook.allowed-endpoints", () -> LOCAL_RECEIVERS);
        // a payer's CDS Hooks service, listening only while PayerHookIT runs: $book asks it only about patients with a
        // Coverage, which other tests' patients do not have (short timeout and retries: the tests wait for both)
        registry.add("mediwox.payer.enabled", () -> "true");
        registry.add("mediwox.payer.cds-base-url", CdsPayer::baseUrl);
        registry.add("mediwox.payer.service-id", () -> CdsPayer.SERVICE_ID);
        registry.add("mediwox.payer.timeout", () -> "1s");
        registry.add("mediwox.payer.retry-interval", () -> "1s");
        // every test signs in and asks for tokens from 127.0.0.1: the production limits (10 sign-ins a minute per
        // address, 30 token requests per client) would throttle the suite; RateLimitIT tests them on a node of its own
        registry.add("mediwox.rate-limit.login.requests", () -> "100000");
        registry.add("mediwox.rate-limit.token.requests", () -> "100000");
        registry.add("mediwox.rate-limit.accounts.requests", () -> "100000");
    }

    @BeforeEach
    void keepIncidents() {
        Incidents.listen();
    }

    protected String fhirBase() {
        return "http://localhost:" + port + "/fhir";
    }

    protected String serverRoot() {
        return "http://localhost:" + port;
    }

    /** A token of the demo back-end client with {@code system/*.cruds}, shared by the tests of this run. */
    protected String token() {
        return TOKENS.computeIfAbsent(port, p -> Tokens.demoClient(serverRoot(), "system/*.cruds"));
    }

    /** A FHIR client authorized with {@link #token()}. */
    protected IGenericClient client() {
        return client(token());
    }

    protected IGenericClient client(String accessToken) {
        fhirContext.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        // HAPI's client gives up after 10 s; on a loaded 2-core CI machine the first CapabilityStatement (built once,
        // then cached) has taken longer: a slow answer is not what these tests check
        fhirContext.getRestfulClientFactory().setSocketTimeout(60_000);
        IGenericClient client = fhirContext.newRestfulGenericClient(fhirBase());
        client.registerInterceptor(new BearerTokenAuthInterceptor(accessToken));
        return client;
    }

    /** The id of the demo Patient with the demo identifier {@code patient-1} … {@code patient-4}. */
    protected String demoPatient(String identifier) {
        Bundle found = client().search()
                .forResource(Patient.class)
                .where(Patient.IDENTIFIER.exactly().systemAndCode("https://mediwox.org/fhir/demo", identifier))
                .returnBundle(Bundle.class)
                .execute();
        return found.getEntryFirstRep().getResource().getIdElement().getIdPart();
    }

    /**
     * Asserts that something keeps holding while background work (the notification dispatcher) goes on for a second:
     * nothing more arrives. Fails as soon as the assertion fails within that second.
     */
    protected static void staysTrue(ThrowingRunnable assertion) {
        staysTrue(Duration.ofSeconds(1), assertion);
    }

    /** Asserts that something keeps holding for {@code period}; fails as soon as it does not. */
    protected static void staysTrue(Duration period, ThrowingRunnable assertion) {
        Awaitility.await()
                .during(period)
                .atMost(period.plusSeconds(4))
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(assertion);
    }

    /** Reads until at least {@code count} items are there (15 s at most), then asserts they are. */
    protected static <T> List<T> await(Supplier<List<T>> read, int count) {
        return await(read, count, Duration.ofSeconds(15));
    }

    protected static <T> List<T> await(Supplier<List<T>> read, int count, Duration patience) {
        Instant deadline = Instant.now().plus(patience);
        List<T> found = read.get();
        while (found.size() < count && Instant.now().isBefore(deadline)) {
            sleep(100);
            found = read.get();
        }
        assertThat(found).as("within " + patience.toSeconds() + " s").hasSizeGreaterThanOrEqualTo(count);
        return found;
    }

    protected static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A raw HTTP exchange, for what a FHIR client library would hide (status codes, headers, error bodies). */
    protected HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A request authorized with {@link #token()}. */
    protected HttpRequest.Builder request(String pathAndQuery) {
        return anonymousRequest(pathAndQuery).header("Authorization", "Bearer " + token());
    }

    /** A request without an access token. */
    protected HttpRequest.Builder anonymousRequest(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + pathAndQuery));
    }
}

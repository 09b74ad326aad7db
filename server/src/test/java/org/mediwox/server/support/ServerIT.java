package org.mediwox.server.support;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of every integration test that talks to the running server. All subclasses share ONE Spring context (same
 * configuration, same properties), so the server with its embedded PostgreSQL and demo data starts once per test run.
 * The data directory is fresh for each run.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class ServerIT {

    private static final Path DATA_DIR =
            Path.of("target", "it-data", UUID.randomUUID().toString());

    @LocalServerPort
    protected int port;

    @Autowired
    protected FhirContext fhirContext;

    private final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void isolatedDataDir(DynamicPropertyRegistry registry) {
        registry.add("mediwox.data-dir", () -> DATA_DIR.toAbsolutePath().toString());
    }

    protected String fhirBase() {
        return "http://localhost:" + port + "/fhir";
    }

    protected IGenericClient client() {
        fhirContext.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        return fhirContext.newRestfulGenericClient(fhirBase());
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

    protected HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + pathAndQuery));
    }
}

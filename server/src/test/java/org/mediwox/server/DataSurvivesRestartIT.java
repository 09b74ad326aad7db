package org.mediwox.server;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import java.nio.file.Path;
import java.util.UUID;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;
import org.mediwox.server.support.ProductionNode;
import org.mediwox.server.support.TestPool;
import org.mediwox.server.support.Tokens;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The zero-setup run keeps its data: a server stopped and started again on the same data directory serves what was
 * written before, and a booking retried with its Idempotency-Key after the restart is not booked twice. Starts its own
 * servers (not the shared test context), without demo data to keep it short.
 */
class DataSurvivesRestartIT {

    /** Both servers answer under one public address, as a server restarted behind the same host name does. */
    private static final String PUBLIC_BASE = "http://mediwox.test/fhir";

    private String token;

    private final Path dataDir = Path.of("target", "it-data", "restart-" + UUID.randomUUID());

    @Test
    void patientWrittenBeforeRestart_isReadAfterRestart() {
        String id;
        String family = "Persisted-" + UUID.randomUUID();
        try (ConfigurableApplicationContext first = start()) {
            Patient patient = new Patient();
            patient.addName().setFamily(family);
            id = client(first).create().resource(patient).execute().getId().getIdPart();
        }

        try (ConfigurableApplicationContext second = start()) {
            Patient read =
                    client(second).read().resource(Patient.class).withId(id).execute();
            assertThat(read.getNameFirstRep().getFamily()).isEqualTo(family);
        }
    }

    @Test
    void bookingRetriedWithTheSameIdempotencyKeyAfterARestart_returnsTheSameAppointment() {
        String key = UUID.randomUUID().toString();
        String firstId;
        Parameters request;
        try (ConfigurableApplicationContext first = start()) {
            TestPool pool = TestPool.create(client(first), 2, 3, 1);
            request = new Parameters();
            request.addParameter()
                    .setName("patient-reference")
                    .setValue(new Reference("Patient/" + pool.patientIds().get(0)));
            request.addParameter().setName("specialty").setValue(new StringType(pool.specialtyToken()));
            request.addParameter().setName("request-id").setValue(new StringType(key));
            firstId = bookedId(client(first)
                    .operation()
                    .onType(Appointment.class)
                    .named("$book")
                    .withParameters(request)
                    .returnResourceType(Bundle.class)
                    .execute());
        }

        try (ConfigurableApplicationContext second = start()) {
            String retriedId = bookedId(client(second)
                    .operation()
                    .onType(Appointment.class)
                    .named("$book")
                    .withParameters(request)
                    .returnResourceType(Bundle.class)
                    .execute());
            assertThat(retriedId).isEqualTo(firstId);
        }
    }

    private static String bookedId(Bundle response) {
        return response.getEntryFirstRep().getResource().getIdElement().getIdPart();
    }

    private ConfigurableApplicationContext start() {
        return ProductionNode.named("restart")
                .safe()
                .dataDir(dataDir)
                .with("--mediwox.auth.demo-client=true", "--mediwox.fhir.server-address=" + PUBLIC_BASE)
                .start();
    }

    /**
     * A client with a token from the first server started: the signing key lives in PostgreSQL, so tokens issued before
     * a restart stay valid after it.
     */
    private IGenericClient client(ConfigurableApplicationContext context) {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        if (token == null) {
            token = Tokens.demoClient("http://localhost:" + port, "system/*.cruds");
        }
        FhirContext fhir = context.getBean(FhirContext.class);
        fhir.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        IGenericClient client = fhir.newRestfulGenericClient("http://localhost:" + port + "/fhir");
        client.registerInterceptor(new BearerTokenAuthInterceptor(token));
        return client;
    }
}

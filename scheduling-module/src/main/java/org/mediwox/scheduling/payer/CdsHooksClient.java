package org.mediwox.scheduling.payer;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.Patient;

/**
 * Calls a CDS service with the {@code appointment-book} hook (CDS Hooks 2.0; context and prefetch as Da Vinci CRD
 * defines them for that hook) and reads its answer. The whole exchange — connecting, sending, the answer — is bounded
 * by one timeout: a slow payer costs a booking at most that long.
 */
public class CdsHooksClient {

    /** The hook's name. */
    public static final String HOOK = "appointment-book";

    private final HttpClient http;
    private final FhirContext fhirContext;
    private final ObjectMapper json = new ObjectMapper();

    public CdsHooksClient(FhirContext fhirContext, Duration connectTimeout) {
        this.fhirContext = fhirContext;
        this.http = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * What the hook is called with.
     *
     * @param userId who books, {@code [type]/[id]}
     * @param patient the patient booked for (prefetch {@code patient}, and {@code context.patientId})
     * @param appointment the Appointment, sent as the hook's {@code proposed} Appointment in {@code context.appointments}
     * @param coverages the patient's Coverages (prefetch {@code coverage}, a searchset Bundle)
     */
    public record Call(String userId, Patient patient, Appointment appointment, List<Coverage> coverages) {}

    /** The payer's answer, or why there is none. Exactly one of {@code answer} and {@code failure} is set. */
    public record Outcome(PayerAnswer answer, String failure) {

        static Outcome failed(String why) {
            return new Outcome(null, why);
        }
    }

    /** Asks the service at {@code url}; never throws for what the payer does (slow, down, nonsense): a failure then. */
    public Outcome call(URI url, Call call, Duration timeout) {
        byte[] body;
        try {
            body = json.writeValueAsBytes(request(call));
        } catch (IOException e) {
            return Outcome.failed("request not written: " + e.getMessage());
        }
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        CompletableFuture<HttpResponse<String>> sent = http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> response;
        try {
            response = sent.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            sent.cancel(true);
            return Outcome.failed("no answer within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            sent.cancel(true);
            return Outcome.failed("interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return Outcome.failed(
                    cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
        }
        if (response.statusCode() / 100 != 2) {
            return Outcome.failed("HTTP " + response.statusCode());
        }
        try {
            return new Outcome(PayerAnswer.read(json.readTree(response.body()), fhirContext), null);
        } catch (IOException | RuntimeException e) {
            return Outcome.failed("answer not readable: " + e);
        }
    }

    /** The hook request: {@code hook}, {@code hookInstance}, {@code context}, {@code prefetch}. */
    ObjectNode request(Call call) throws IOException {
        ObjectNode request = json.createObjectNode();
        request.put("hook", HOOK);
        request.put("hookInstance", UUID.randomUUID().toString());
        ObjectNode context = request.putObject("context");
        context.put("userId", call.userId());
        context.put("patientId", call.patient().getIdElement().getIdPart());
        Appointment proposed = call.appointment().copy();
        // the hook's appointments are "proposed" ones: the payer sees what is being booked, not the clinic's state
        proposed.setStatus(Appointment.AppointmentStatus.PROPOSED);
        proposed.setMeta(null);
        Bundle appointments = new Bundle().setType(Bundle.BundleType.COLLECTION);
        appointments
                .addEntry()
                .setFullUrl("Appointment/" + proposed.getIdElement().getIdPart())
                .setResource(proposed);
        context.set("appointments", resource(appointments));
        ObjectNode prefetch = request.putObject("prefetch");
        prefetch.set("patient", resource(call.patient()));
        Bundle coverage = new Bundle().setType(Bundle.BundleType.SEARCHSET);
        coverage.setTotal(call.coverages().size());
        call.coverages().forEach(c -> coverage.addEntry().setResource(c));
        prefetch.set("coverage", resource(coverage));
        return request;
    }

    private JsonNode resource(IBaseResource resource) throws IOException {
        return json.readTree(fhirContext.newJsonParser().encodeResourceToString(resource));
    }
}

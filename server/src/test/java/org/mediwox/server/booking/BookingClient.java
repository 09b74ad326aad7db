package org.mediwox.server.booking;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.mediwox.plugin.vocabulary.BookingRefusal;

/** Calls the booking operations over HTTP, as an integrator would, and exposes status codes and bodies. */
public final class BookingClient {

    /** One answer of an operation, with its HTTP headers ({@code Retry-After} of a 503). */
    public record Answer(int status, String body, FhirContext fhir, HttpHeaders headers) {

        /** The held or booked Appointment: the Bundle's {@code match} entry. */
        public Appointment appointment() {
            return (Appointment) bundle().getEntry().stream()
                    .filter(e -> e.getSearch().getMode() == Bundle.SearchEntryMode.MATCH)
                    .findFirst()
                    .orElseThrow()
                    .getResource();
        }

        /** The answer itself: IHE's searchset Bundle. */
        public Bundle bundle() {
            return (Bundle) fhir.newJsonParser().parseResource(body);
        }

        /**
         * A refusal as IHE ITI-116/117 shape it: a searchset Bundle holding only the OperationOutcome, as its
         * {@code outcome} entry.
         */
        OperationOutcome refusal() {
            Bundle bundle = bundle();
            assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.SEARCHSET);
            assertThat(bundle.getTotal()).isZero();
            assertThat(bundle.getEntry()).singleElement().satisfies(entry -> {
                assertThat(entry.getSearch().getMode()).isEqualTo(Bundle.SearchEntryMode.OUTCOME);
                assertThat(entry.getResource()).isInstanceOf(OperationOutcome.class);
            });
            return (OperationOutcome) bundle.getEntryFirstRep().getResource();
        }

        /** The refusal code ({@code issue.details.coding} of the booking-refusal system) of the answer's outcome. */
        String code() {
            return codeOf(fhir, body);
        }

        /** The explanation: the Bundle's {@code outcome} entry. */
        String explanation() {
            return bundle().getEntry().stream()
                    .filter(e -> e.getSearch().getMode() == Bundle.SearchEntryMode.OUTCOME)
                    .map(e -> ((OperationOutcome) e.getResource())
                            .getIssueFirstRep()
                            .getDiagnostics())
                    .findFirst()
                    .orElseThrow();
        }
    }

    /**
     * The first booking-refusal code of an answer: an OperationOutcome, or the OperationOutcome entries of a Bundle;
     * null when there is none.
     */
    static String codeOf(FhirContext fhir, String body) {
        var resource = fhir.newJsonParser().parseResource(body);
        List<OperationOutcome> outcomes = resource instanceof Bundle bundle
                ? bundle.getEntry().stream()
                        .map(Bundle.BundleEntryComponent::getResource)
                        .filter(OperationOutcome.class::isInstance)
                        .map(OperationOutcome.class::cast)
                        .toList()
                : resource instanceof OperationOutcome outcome ? List.of(outcome) : List.of();
        return outcomes.stream()
                .flatMap(o -> o.getIssue().stream())
                .flatMap(i -> i.getDetails().getCoding().stream())
                .filter(c -> BookingRefusal.SYSTEM.equals(c.getSystem()))
                .map(c -> c.getCode())
                .findFirst()
                .orElse(null);
    }

    private final String base;
    private final FhirContext fhir;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final String token;

    public BookingClient(String base, FhirContext fhir, String token) {
        this.base = base;
        this.fhir = fhir;
        this.token = token;
    }

    public static Parameters poolRequest(String patientId, String specialtyToken) {
        Parameters parameters = new Parameters();
        parameters.addParameter().setName("patient-reference").setValue(new Reference("Patient/" + patientId));
        parameters.addParameter().setName("specialty").setValue(new StringType(specialtyToken));
        return parameters;
    }

    static Parameters slotRequest(String patientId, String slotId) {
        Appointment proposed = new Appointment().setStatus(Appointment.AppointmentStatus.PROPOSED);
        proposed.addSlot(new Reference("Slot/" + slotId));
        proposed.addParticipant()
                .setActor(new Reference("Patient/" + patientId))
                .setStatus(Appointment.ParticipationStatus.ACCEPTED);
        Parameters parameters = new Parameters();
        parameters.addParameter().setName("appointment-resource").setResource(proposed);
        return parameters;
    }

    public Answer book(Parameters parameters, String idempotencyKey) {
        return post("/Appointment/$book", parameters, idempotencyKey);
    }

    public Answer post(String path, Parameters parameters, String idempotencyKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(120))
                .header("Content-Type", "application/fhir+json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(fhir.newJsonParser().encodeResourceToString(parameters)));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), fhir, response.headers());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

package org.mediwox.server.booking;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Slot;
import org.junit.jupiter.api.Test;
import org.mediwox.server.support.NodeScript;
import org.mediwox.server.support.ServerIT;
import org.mediwox.server.support.TestPool;

/**
 * The IHE ITI Scheduling flow driven by a FHIR client nobody here wrote — fhir-kit-client from npm
 * ({@code src/test/ihe-client/ihe-flow.mjs}, installed by {@code npm ci} in {@code pre-integration-test}): find, hold by
 * reference, book by reference, a refused second hold; the script checks each answer against IHE's rules, this test
 * checks the server afterwards.
 */
class IheClientIT extends ServerIT {

    @Test
    void fhirKitClient_findsHoldsAndBooksAsIheSpecifies() throws Exception {
        TestPool pool = TestPool.create(client(), 2, 2, 1);

        JsonNode result = NodeScript.run(
                Path.of("src/test/ihe-client"),
                Map.of(),
                Duration.ofSeconds(60),
                NodeScript.node(),
                "ihe-flow.mjs",
                fhirBase(),
                token(),
                pool.specialtyToken(),
                pool.patientIds().get(0),
                TestPool.FIRST_SLOT.toString(),
                TestPool.FIRST_SLOT.plus(Duration.ofDays(1)).toString());

        assertThat(result.get("checks")).hasSize(13);
        Appointment booked = client().read()
                .resource(Appointment.class)
                .withId(result.get("booked").asText())
                .execute();
        assertThat(booked.getStatus()).isEqualTo(Appointment.AppointmentStatus.BOOKED);
        assertThat(client().read()
                        .resource(Slot.class)
                        .withId(booked.getSlotFirstRep().getReferenceElement())
                        .execute()
                        .getStatus())
                .isEqualTo(Slot.SlotStatus.BUSY);
    }
}

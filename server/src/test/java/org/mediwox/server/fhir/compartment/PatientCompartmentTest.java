package org.mediwox.server.fhir.compartment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import org.junit.jupiter.api.Test;

class PatientCompartmentTest {

    private final PatientCompartment compartment = new PatientCompartment(FhirContext.forR4Cached());

    @Test
    void appointment_joinsThroughActor_andBecomesAnActorSearch() {
        assertThat(compartment.membershipParameters("Appointment")).containsExactly("actor");
        assertThat(compartment.criterion("23", "Appointment")).isEqualTo("actor=Patient/23");
    }

    @Test
    void encounter_joinsThroughPatient() {
        assertThat(compartment.criterion("23", "Encounter")).isEqualTo("patient=Patient/23");
    }

    @Test
    void observation_joinsThroughSeveralParameters_andIsRefusedNamingTheSearchesToMakeInstead() {
        assertThat(compartment.membershipParameters("Observation")).hasSizeGreaterThan(1);

        assertThatThrownBy(() -> compartment.criterion("23", "Observation"))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("Patient/23/Observation is not supported")
                .hasMessageContaining("Observation?subject=Patient/23")
                .hasMessageContaining("Observation?performer=Patient/23");
    }

    @Test
    void slot_isNotInTheCompartment_andIsRefused() {
        assertThat(compartment.membershipParameters("Slot")).isEmpty();

        assertThatThrownBy(() -> compartment.criterion("23", "Slot"))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("Slot is not in the Patient compartment");
    }
}

package org.mediwox.server.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;

class MalformedInputChecksTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();

    @Test
    void nulCharacter_isFoundWithThePathOfItsElement() {
        NulCharacters nul = new NulCharacters(FHIR);
        Patient patient = new Patient();
        patient.addName().setFamily("Doe").addGiven("Ja\0ne");
        Patient extended = new Patient();
        extended.addExtension(new Extension("urn:x", new StringType("a\0b")));
        Bundle bundle = new Bundle();
        bundle.addEntry().setResource(new Patient());
        bundle.addEntry().setResource(patient);

        assertThat(nul.find(patient)).contains("Patient.name[0].given[0]");
        assertThat(nul.find(extended)).contains("Patient.extension[0].valueString");
        assertThat(nul.find(bundle)).contains("Bundle.entry[1].resource.name[0].given[0]");
        assertThat(nul.find(new Patient().setActive(true))).isEmpty();
    }

    @Test
    void countAndOffset_mustBeWholeNumbersFromZero() {
        assertThatCode(() -> RequestInputCheck.checkNonNegative("_count", "0")).doesNotThrowAnyException();
        assertThatCode(() -> RequestInputCheck.checkNonNegative("_offset", "40"))
                .doesNotThrowAnyException();
        for (String bad : new String[] {"-5", "-1", "ten", "", "1.5", "99999999999"}) {
            assertThatThrownBy(() -> RequestInputCheck.checkNonNegative("_offset", bad))
                    .as(bad)
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("_offset");
        }
    }

    @Test
    void messagesQuotingSqlOrCode_areRecognised() {
        assertThat(SafeErrorInterceptor.exposesInternals(
                        "HAPI-0550: could not execute statement [ERROR: invalid byte sequence] [insert into hfj_spidx"))
                .isTrue();
        assertThat(SafeErrorInterceptor.exposesInternals("java.lang.IllegalStateException: boom"))
                .isTrue();
        assertThat(SafeErrorInterceptor.exposesInternals(
                        "Slot/12 is already held or booked by Appointment/34; choose another time."))
                .isFalse();
        assertThat(SafeErrorInterceptor.exposesInternals("HAPI-1882: Invalid date/time format: \"20231021\""))
                .isFalse();
    }
}

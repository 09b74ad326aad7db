package org.mediwox.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.mediwox.plugin.access.RequestUser;

class RequestUserMarkTest {

    @Test
    void aBackEnd_isSystem() {
        assertThat(RequestUserMark.of(access("", "", "system/*.rs")))
                .isEqualTo(new RequestUser(RequestUser.Kind.SYSTEM, ""));
    }

    @Test
    void aPractitionerUser_isNamedByARelativeReference() {
        RequestUser user =
                RequestUserMark.of(access("https://clinic.example.org/fhir/Practitioner/7", "", "user/Appointment.rs"));
        assertThat(user).isEqualTo(new RequestUser(RequestUser.Kind.PRACTITIONER, "Practitioner/7"));
        assertThat(user.practitionerId()).contains("7");
    }

    @Test
    void aPatientContextOrAPatientUser_isAPatient_butAnEhrLaunchedClinicianIsThePractitioner() {
        assertThat(RequestUserMark.of(access("", "12", "patient/Appointment.rs"))
                        .kind())
                .isEqualTo(RequestUser.Kind.PATIENT);
        assertThat(RequestUserMark.of(access("Practitioner/7", "12", "user/Appointment.rs"))
                        .kind())
                .as("a clinician in an EHR launch, with the patient in context, is still the practitioner")
                .isEqualTo(RequestUser.Kind.PRACTITIONER);
        assertThat(RequestUserMark.of(access("Patient/12", "", "user/Appointment.rs"))
                        .kind())
                .isEqualTo(RequestUser.Kind.PATIENT);
        assertThat(RequestUserMark.of(access("RelatedPerson/3", "", "user/Appointment.rs"))
                        .kind())
                .isEqualTo(RequestUser.Kind.PATIENT);
    }

    @Test
    void aUserWithoutAFhirUser_isNobodyInParticular() {
        assertThat(RequestUserMark.of(access("", "", "user/Appointment.rs")).kind())
                .isEqualTo(RequestUser.Kind.OTHER);
    }

    private static SmartAccess access(String fhirUser, String patient, String... scopes) {
        List<SmartScope> parsed = Stream.of(scopes)
                .map(SmartScope::parse)
                .flatMap(java.util.Optional::stream)
                .toList();
        return new SmartAccess("client", "subject", fhirUser, patient, parsed);
    }
}

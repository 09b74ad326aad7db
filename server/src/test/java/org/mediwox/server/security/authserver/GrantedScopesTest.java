package org.mediwox.server.security.authserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mediwox.server.security.authserver.GrantedScopes.Holder;

/** Which scopes a client gets of those it asks for: the intersection by meaning, SMART v1 and v2 alike. */
class GrantedScopesTest {

    /** The patient app's registration (SmartClients). */
    private static final List<String> PATIENT_APP = List.of(
            "openid",
            "fhirUser",
            "launch/patient",
            "offline_access",
            "patient/Patient.ru",
            "patient/Appointment.crus",
            "patient/Slot.rs",
            "patient/Schedule.rs",
            "patient/PractitionerRole.rs",
            "patient/Practitioner.rs",
            "patient/Location.rs",
            "patient/DocumentReference.crds",
            "patient/Binary.r");

    private static final List<String> BACK_END =
            List.of("system/*.rs", "system/Slot.rs?status=free", "system/DocumentReference.rs?category=report");

    private static Set<String> grant(String asked, List<String> allowed, Holder holder) {
        return GrantedScopes.of(List.of(asked.split(" ")), allowed, holder);
    }

    @Test
    void exactlyWhatIsRegistered_isGrantedAsAsked() {
        assertThat(grant("openid launch/patient patient/Appointment.crus", PATIENT_APP, Holder.PATIENT))
                .containsExactly("openid", "launch/patient", "patient/Appointment.crus");
    }

    @Test
    void aWildcardRead_grantsTheReadAndSearchPartOfEachRegisteredType() {
        assertThat(grant("launch/patient patient/*.rs", PATIENT_APP, Holder.PATIENT))
                .containsExactly(
                        "launch/patient",
                        "patient/Patient.r",
                        "patient/Appointment.rs",
                        "patient/Slot.rs",
                        "patient/Schedule.rs",
                        "patient/PractitionerRole.rs",
                        "patient/Practitioner.rs",
                        "patient/Location.rs",
                        "patient/DocumentReference.rs",
                        "patient/Binary.r");
    }

    @Test
    void aV1WildcardRead_meansTheSameAsV2() {
        assertThat(grant("patient/*.read", PATIENT_APP, Holder.PATIENT))
                .isEqualTo(grant("patient/*.rs", PATIENT_APP, Holder.PATIENT));
    }

    @Test
    void aSubsetOfARegisteredScope_isGrantedAsAsked_inV1AndV2() {
        assertThat(grant("patient/Appointment.rs", PATIENT_APP, Holder.PATIENT))
                .containsExactly("patient/Appointment.rs");
        assertThat(grant("patient/Appointment.read", PATIENT_APP, Holder.PATIENT))
                .containsExactly("patient/Appointment.read");
        assertThat(grant("patient/Appointment.u", PATIENT_APP, Holder.PATIENT))
                .containsExactly("patient/Appointment.u");
    }

    @Test
    void moreLettersThanRegistered_grantsTheLettersBothHave() {
        assertThat(grant("patient/Appointment.cruds", PATIENT_APP, Holder.PATIENT))
                .containsExactly("patient/Appointment.crus");
        assertThat(grant("patient/Appointment.*", PATIENT_APP, Holder.PATIENT))
                .containsExactly("patient/Appointment.crus");
        assertThat(grant("patient/*.write", PATIENT_APP, Holder.PATIENT))
                .containsExactly("patient/Patient.u", "patient/Appointment.cu", "patient/DocumentReference.cd");
    }

    @Test
    void lettersFromSeveralRegistrationsOfOneType_addUp() {
        assertThat(grant(
                        "user/Appointment.cruds",
                        List.of("user/Appointment.rs", "user/Appointment.cu", "user/Slot.r"),
                        Holder.USER))
                .containsExactly("user/Appointment.crus");
    }

    @Test
    void aRegisteredWildcard_grantsAnyTypeAskedFor_butNeverTheAuditTrail() {
        List<String> wildcard = List.of("user/*.cruds");
        assertThat(grant("user/Slot.rs user/*.read", wildcard, Holder.USER))
                .containsExactly("user/Slot.rs", "user/*.read");
        assertThat(grant("user/AuditEvent.rs", wildcard, Holder.USER)).isEmpty();
    }

    @Test
    void aWildcardAskedFor_neverExpandsToTheAuditTrail() {
        assertThat(grant("system/*.rs", List.of("system/Slot.rs", "system/AuditEvent.rs"), Holder.SERVICE))
                .containsExactly("system/Slot.rs");
        assertThat(grant("system/AuditEvent.read", List.of("system/Slot.rs", "system/AuditEvent.rs"), Holder.SERVICE))
                .containsExactly("system/AuditEvent.read");
    }

    @Test
    void unknownAndUnrelatedScopes_areDropped_notFatal() {
        assertThat(grant(
                        "openid profile launch patient/Observation.rs patient/Appointment.rs system/*.rs nonsense",
                        PATIENT_APP,
                        Holder.PATIENT))
                .containsExactly("openid", "patient/Appointment.rs");
    }

    @Test
    void nothingGrantable_grantsNothing() {
        assertThat(grant("patient/Observation.rs", PATIENT_APP, Holder.PATIENT)).isEmpty();
        assertThat(GrantedScopes.of(List.of(), PATIENT_APP, Holder.PATIENT)).isEmpty();
    }

    @Test
    void aBackEndService_getsSystemScopesOnly() {
        List<String> registered = List.of("system/*.cruds", "patient/*.rs", "user/*.rs", "openid");
        assertThat(grant("system/Appointment.rs patient/*.rs user/*.rs openid", registered, Holder.SERVICE))
                .containsExactly("system/Appointment.rs", "openid");
    }

    @Test
    void anAppNeverGetsSystemScopes() {
        assertThat(grant("system/*.rs user/*.rs", List.of("system/*.rs", "user/*.rs"), Holder.USER))
                .containsExactly("user/*.rs");
    }

    @Test
    void aPatientUser_getsUserScopesAsThePatientScopesTheyAmountTo() {
        List<String> registered = List.of("user/*.cruds", "patient/*.cruds");
        assertThat(grant("openid user/*.cruds patient/*.cruds", registered, Holder.PATIENT))
                .containsExactly("patient/*.cruds");
        assertThat(grant("user/Appointment.rs", registered, Holder.USER)).containsExactly("user/Appointment.rs");
    }

    @Test
    void filters_areKeptNarrowed_andNeverWidened() {
        assertThat(grant("system/Slot.rs?status=free", BACK_END, Holder.SERVICE))
                .containsExactly("system/Slot.rs?status=free");
        List<String> filteredOnly = List.of("system/Slot.rs?status=free");
        assertThat(grant("system/Slot.rs", filteredOnly, Holder.SERVICE)).containsExactly("system/Slot.rs?status=free");
        assertThat(grant("system/*.cruds", filteredOnly, Holder.SERVICE)).containsExactly("system/Slot.rs?status=free");
        assertThat(grant("system/Slot.rs?status=busy", filteredOnly, Holder.SERVICE))
                .as("two different filters cannot be one scope")
                .isEmpty();
    }

    @Test
    void narrowedPiecesAnotherGrantCovers_areLeftOut() {
        assertThat(grant("system/*.cruds", BACK_END, Holder.SERVICE)).containsExactly("system/*.rs");
        assertThat(grant("system/*.rs", BACK_END, Holder.SERVICE)).containsExactly("system/*.rs");
    }

    @Test
    void theSameScopeAskedTwice_isGrantedOnce() {
        assertThat(grant("patient/Slot.rs patient/Slot.rs", PATIENT_APP, Holder.PATIENT))
                .containsExactly("patient/Slot.rs");
    }
}

package org.mediwox.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mediwox.plugin.access.OperationAccess;

/** Which tokens a declaration admits: the grants, and which scope levels count for each. */
class DeclaredOperationTest {

    @Test
    void anyScopes_admitPatientUserAndSystemScopesWithTheLetter() {
        DeclaredOperation find = operation("find");

        assertThat(find.permits(token("patient/Slot.rs"))).isTrue();
        assertThat(find.permits(token("user/Appointment.c"))).isTrue();
        assertThat(find.permits(token("system/*.cruds"))).isTrue();
        assertThat(find.permits(token("patient/Slot.r")))
                .as("read is not search")
                .isFalse();
        assertThat(find.permits(token("patient/Appointment.rus"))).isFalse();
    }

    @Test
    void permitsBeyondPatient_countsOnlyUserAndSystemScopes() {
        DeclaredOperation find = operation("find");

        assertThat(find.permitsBeyondPatient(token("patient/*.cruds"))).isFalse();
        assertThat(find.permitsBeyondPatient(token("patient/*.cruds user/Slot.s")))
                .isTrue();
    }

    @Test
    void allOfType_needsAnUnfilteredUserOrSystemScope() {
        DeclaredOperation report = operation("report");

        assertThat(report.permits(token("system/Communication.s"))).isTrue();
        assertThat(report.permits(token("user/Communication.rs"))).isTrue();
        assertThat(report.permits(token("patient/Communication.rs"))).isFalse();
        assertThat(report.permits(token("system/Communication.s?category=reminder")))
                .as("a filtered scope reaches part of the type only")
                .isFalse();
    }

    @Test
    void undeclaredOperation_admitsNoToken() {
        DeclaredOperation undeclared = new DeclaredOperation("undeclared", null, true, false, false, null);

        assertThat(undeclared.declared()).isFalse();
        assertThat(undeclared.permits(token("system/*.cruds"))).isFalse();
        assertThat(undeclared.actsForPatients()).isFalse();
    }

    @Test
    void actsForPatients_whenAnyPatientInputIsDeclared() {
        assertThat(operation("find").actsForPatients()).isTrue();
        assertThat(operation("report").actsForPatients()).isFalse();
    }

    private static DeclaredOperation operation(String method) {
        try {
            OperationAccess access =
                    Declarations.class.getDeclaredMethod(method).getAnnotation(OperationAccess.class);
            return new DeclaredOperation(method, "Appointment", false, true, false, access);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    private static SmartAccess token(String scopes) {
        return new SmartAccess(
                "client",
                "subject",
                null,
                scopes.contains("patient/") ? "1" : null,
                Arrays.stream(scopes.split(" "))
                        .map(SmartScope::parse)
                        .flatMap(Optional::stream)
                        .toList());
    }

    @SuppressWarnings("unused")
    private static final class Declarations {

        @OperationAccess(
                anyOf = {
                    @OperationAccess.Grant(type = "Slot", permission = 's'),
                    @OperationAccess.Grant(type = "Appointment", permission = 'c')
                },
                patientInputs = "patient-reference")
        void find() {}

        @OperationAccess(
                anyOf = {
                    @OperationAccess.Grant(
                            type = "Communication",
                            permission = 's',
                            scopes = OperationAccess.Scopes.ALL_OF_TYPE)
                })
        void report() {}
    }
}

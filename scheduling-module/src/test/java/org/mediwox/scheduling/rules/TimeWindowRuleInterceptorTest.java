package org.mediwox.scheduling.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.time.Instant;
import java.util.Date;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Slot;
import org.junit.jupiter.api.Test;

class TimeWindowRuleInterceptorTest {

    private static final Instant NINE = Instant.parse("2026-03-02T09:00:00Z");
    private final TimeWindowRuleInterceptor rule = new TimeWindowRuleInterceptor();

    @Test
    void slotEndingBeforeItStarts_isRefusedWith422NamingTheElement() {
        Slot slot = new Slot().setStart(Date.from(NINE)).setEnd(Date.from(NINE.minusSeconds(1800)));

        assertThatThrownBy(() -> rule.onCreate(slot))
                .isInstanceOf(UnprocessableEntityException.class)
                .hasMessageContaining("Slot.end")
                .satisfies(e -> {
                    OperationOutcome outcome =
                            (OperationOutcome) ((UnprocessableEntityException) e).getOperationOutcome();
                    assertThat(outcome.getIssueFirstRep().getCode()).isEqualTo(OperationOutcome.IssueType.BUSINESSRULE);
                    assertThat(outcome.getIssueFirstRep().getExpression().get(0).getValue())
                            .isEqualTo("Slot.end");
                });
    }

    @Test
    void appointmentWithEmptyTimeRange_isRefusedOnUpdate() {
        Appointment appointment = new Appointment().setStart(Date.from(NINE)).setEnd(Date.from(NINE));

        assertThatThrownBy(() -> rule.onUpdate(new Appointment(), appointment))
                .isInstanceOf(UnprocessableEntityException.class)
                .hasMessageContaining("Appointment.end");
    }

    @Test
    void wellFormedOrOpenEndedResources_pass() {
        Slot slot = new Slot().setStart(Date.from(NINE)).setEnd(Date.from(NINE.plusSeconds(1800)));
        Appointment proposed = new Appointment(); // app-3: a proposed appointment may have no times yet

        assertThatCode(() -> rule.onCreate(slot)).doesNotThrowAnyException();
        assertThatCode(() -> rule.onCreate(proposed)).doesNotThrowAnyException();
    }

    @Test
    void groupSlot_isRefusedWith422_aSlotOfCapacityOnePasses() {
        Slot group = new Slot().setStart(Date.from(NINE)).setEnd(Date.from(NINE.plusSeconds(1800)));
        group.addExtension(TimeWindowRuleInterceptor.SLOT_CAPACITY, new IntegerType(6));
        Slot single = group.copy();
        single.getExtensionByUrl(TimeWindowRuleInterceptor.SLOT_CAPACITY).setValue(new IntegerType(1));

        assertThatThrownBy(() -> rule.onCreate(group))
                .isInstanceOf(UnprocessableEntityException.class)
                .hasMessageContaining("Group slots are not supported")
                .hasMessageContaining("slot-capacity 6");
        assertThatThrownBy(() -> rule.onUpdate(single, group)).isInstanceOf(UnprocessableEntityException.class);
        assertThatCode(() -> rule.onCreate(single)).doesNotThrowAnyException();
    }
}

package org.mediwox.server.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.Date;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Schedule;
import org.hl7.fhir.r4.model.Slot;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;
import org.mediwox.ig.MediwoxPackage;
import org.slf4j.LoggerFactory;

/**
 * The rules the implementation guide's profiles add, read from its StructureDefinitions and checked on every write;
 * and what each validation mode does with a violation.
 */
class ProfileRulesTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final MediwoxPackage IG = MediwoxPackage.load();
    private final ProfileRules rules = new ProfileRules(FHIR, IG.conformanceResources(FHIR));

    @Test
    void everyExampleOfTheGuide_keepsTheRules() {
        assertThat(IG.examples(FHIR))
                .allSatisfy(example -> assertThat(rules.check(example))
                        .as("%s", example.getIdElement().getValue())
                        .isEmpty());
    }

    @Test
    void appointmentEndingBeforeOrAtItsStart_breaksTheAppointmentInvariant() {
        Appointment appointment = new Appointment().setStatus(Appointment.AppointmentStatus.BOOKED);
        appointment.setStart(new Date(2_000_000)).setEnd(new Date(1_000_000));
        appointment
                .addParticipant()
                .setActor(new Reference("Patient/1"))
                .setStatus(Appointment.ParticipationStatus.ACCEPTED);

        assertThat(rules.check(appointment)).singleElement().satisfies(v -> {
            assertThat(v.rule()).isEqualTo("mwx-appt-1");
            assertThat(v.message()).isEqualTo("mwx-appt-1: An appointment ends after it starts");
            assertThat(v.location()).isEqualTo("Appointment");
        });
        appointment.setEnd(new Date(2_000_000));
        assertThat(rules.check(appointment))
                .extracting(ProfileRules.Violation::rule)
                .containsExactly("mwx-appt-1");
        appointment.setEnd(null);
        assertThat(rules.check(appointment)).as("no end: nothing to compare").isEmpty();
    }

    @Test
    void requiredElementsOfTheBaseResource_areRequired_atEveryLevel() {
        Appointment appointment = new Appointment(); // no status
        appointment.addParticipant().setActor(new Reference("Patient/1")); // no participant status

        assertThat(rules.check(appointment))
                .extracting(ProfileRules.Violation::message)
                .contains(
                        "Appointment.status: minimum required = 1, but only found 0",
                        "Appointment.participant.status: minimum required = 1, but only found 0");
    }

    @Test
    void anInvariantThatYieldsNothing_fails_asInTheValidator() {
        Slot noEnd = new Slot().setStart(new Date(1_000_000));
        noEnd.setStatus(Slot.SlotStatus.FREE).setSchedule(new Reference("Schedule/1"));

        assertThat(rules.check(noEnd))
                .extracting(ProfileRules.Violation::rule)
                .containsExactlyInAnyOrder("cardinality", "mwx-slot-1");
    }

    @Test
    void slotAndPlanningHorizon_mustNotRunBackwards() {
        Slot slot = new Slot().setStart(new Date(1_000_000)).setEnd(new Date(1_000_000));
        slot.setStatus(Slot.SlotStatus.FREE).setSchedule(new Reference("Schedule/1"));
        Schedule schedule = new Schedule();
        schedule.addActor(new Reference("PractitionerRole/1"));
        schedule.getPlanningHorizon().setStart(new Date(2_000_000)).setEnd(new Date(1_000_000));

        assertThat(rules.check(slot)).extracting(ProfileRules.Violation::rule).containsExactly("mwx-slot-1");
        assertThat(rules.check(schedule))
                .extracting(ProfileRules.Violation::rule)
                .containsExactly("mwx-sched-1");
    }

    @Test
    void mediwoxExtensions_mustCarryTheirValueType_wherever_theyAre() {
        Patient patient = new Patient();
        patient.addTelecom()
                .setSystem(ContactPoint.ContactPointSystem.EMAIL)
                .setValue("jane@example.org")
                .addExtension(
                        "https://mediwox.org/fhir/StructureDefinition/notification-opt-out", new StringType("yes"));

        assertThat(rules.check(patient))
                .singleElement()
                .satisfies(v -> assertThat(v.message())
                        .contains("notification-opt-out")
                        .contains("takes a boolean value, not string"));
    }

    @Test
    void warningsOfTheProfiles_areNotEnforced() {
        // mwx-role-1 (a role without specialty is in no pool) and mwx-pat-1 (E.164) are warnings
        Patient patient = new Patient();
        patient.addTelecom().setSystem(ContactPoint.ContactPointSystem.SMS).setValue("555 0143");
        assertThat(rules.check(patient)).isEmpty();
        assertThat(rules.check(new org.hl7.fhir.r4.model.PractitionerRole())).isEmpty();
    }

    @Test
    void modes_enforceRefuses_warnAcceptsAndLogs_offDoesNotLook() {
        Slot backwards = new Slot().setStart(new Date(2_000_000)).setEnd(new Date(1_000_000));
        backwards.setSchedule(new Reference("Schedule/1")).setStatus(Slot.SlotStatus.FREE);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        Logger log = (Logger) LoggerFactory.getLogger(ProfileValidationInterceptor.class);
        logged.start();
        log.addAppender(logged);
        try {
            assertThatThrownBy(
                            () -> interceptor(ValidationProperties.Mode.ENFORCE).created(backwards))
                    .isInstanceOf(UnprocessableEntityException.class)
                    .hasMessageContaining("mwx-slot-1");
            assertThat(logged.list).as("enforce refuses, it does not log").isEmpty();

            interceptor(ValidationProperties.Mode.WARN).created(backwards);
            assertThat(logged.list)
                    .as("warn accepts and logs the broken rule")
                    .singleElement()
                    .satisfies(event -> {
                        assertThat(event.getLevel()).isEqualTo(Level.WARN);
                        assertThat(event.getFormattedMessage())
                                .contains("Slot breaks its profile")
                                .contains("mwx-slot-1");
                    });
            logged.list.clear();

            // off with the full validator configured but absent: looking at all would fail
            new ProfileValidationInterceptor(
                            rules,
                            null,
                            new ValidationProperties(ValidationProperties.Mode.OFF, ValidationProperties.Depth.FULL),
                            FHIR)
                    .created(backwards);
            interceptor(ValidationProperties.Mode.OFF).created(backwards);
            assertThat(logged.list).as("off neither refuses nor logs").isEmpty();
        } finally {
            log.detachAppender(logged);
        }
    }

    @Test
    void legacyTextExplanation_keptByAnUpdate_isAccepted_evenInFull_butNotWhenAWriteAddsIt() {
        Appointment stored = bookedAppointment();
        stored.addExtension(
                EXPLANATION, new StringType("Rotation turn 3 of pool p (5 providers, position 4): assigned X"));
        Appointment cancelled = stored.copy().setStatus(Appointment.AppointmentStatus.CANCELLED);
        ProfileValidationInterceptor full = new ProfileValidationInterceptor(
                rules,
                new ProfileValidator(FHIR, IG.profilesByType(FHIR)),
                new ValidationProperties(ValidationProperties.Mode.ENFORCE, ValidationProperties.Depth.FULL),
                FHIR);

        assertThat(rules.check(cancelled)).as("the default rules").isEmpty();
        full.updated(stored, cancelled);
        assertThatThrownBy(() -> full.updated(bookedAppointment(), cancelled))
                .isInstanceOf(UnprocessableEntityException.class)
                .hasMessageContaining("assignment-explanation");
    }

    private static final String EXPLANATION = "https://mediwox.org/fhir/StructureDefinition/assignment-explanation";

    private static Appointment bookedAppointment() {
        Appointment appointment = new Appointment().setStatus(Appointment.AppointmentStatus.BOOKED);
        appointment.setStart(new Date(1_000_000)).setEnd(new Date(2_800_000));
        appointment.addSlot(new Reference("Slot/1"));
        appointment
                .addParticipant()
                .setActor(new Reference("Patient/1"))
                .setStatus(Appointment.ParticipationStatus.ACCEPTED);
        appointment
                .addParticipant()
                .setActor(new Reference("PractitionerRole/2"))
                .setStatus(Appointment.ParticipationStatus.ACCEPTED);
        return appointment;
    }

    private ProfileValidationInterceptor interceptor(ValidationProperties.Mode mode) {
        // the full validator is not used for stored resources in the default "rules" depth
        return new ProfileValidationInterceptor(
                rules, null, new ValidationProperties(mode, ValidationProperties.Depth.RULES), FHIR);
    }
}

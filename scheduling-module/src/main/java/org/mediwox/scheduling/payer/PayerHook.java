package org.mediwox.scheduling.payer;

import static org.mediwox.scheduling.rules.Participants.patientOf;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.UrlType;
import org.mediwox.plugin.access.RequestUser;
import org.mediwox.plugin.vocabulary.MediwoxExtensions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the payer about a booking that has committed, and keeps its answer on the Appointment. Called outside the
 * booking's transaction (no database connection is held while the payer thinks); the booking stands whatever the payer
 * does. A patient without Coverage — none given, none active on file — is not asked about: there is no payer to ask.
 */
public class PayerHook {

    private static final Logger log = LoggerFactory.getLogger(PayerHook.class);
    private static final Set<String> KEPT_ELSEWHERE = Set.of(
            MediwoxExtensions.PAYER_CARD, MediwoxExtensions.PAYER_CHECK, MediwoxExtensions.CRD_COVERAGE_INFORMATION);

    /** Where the check of one booking stands after {@code $book}. */
    public enum Status {
        /** No payer configured, or the patient has no Coverage. */
        NOT_ASKED,
        /** The payer answered; its cards are on the Appointment. */
        ANSWERED,
        /** The payer did not answer in time or failed; asked again in the background. */
        PENDING
    }

    /** The Appointment as it now is, and where its check stands. */
    public record Checked(Appointment appointment, Status status) {}

    private final PayerProperties properties;
    private final CdsHooksClient client;
    private final PayerChecks checks;
    private final CoverageCheck coverageCheck;
    private final DaoRegistry daoRegistry;
    private final FhirContext fhirContext;
    private final Clock clock;

    PayerHook(
            PayerProperties properties,
            CdsHooksClient client,
            PayerChecks checks,
            CoverageCheck coverageCheck,
            DaoRegistry daoRegistry,
            FhirContext fhirContext,
            Clock clock) {
        this.properties = properties;
        this.client = client;
        this.checks = checks;
        this.coverageCheck = coverageCheck;
        this.daoRegistry = daoRegistry;
        this.fhirContext = fhirContext;
        this.clock = clock;
    }

    /**
     * Asks the payer about a new booking with the patient's Coverages — those the request gave, else the active ones on
     * file — waiting at most the configured timeout.
     */
    public Checked afterBooking(Appointment booked, List<Coverage> given, RequestDetails details) {
        if (!properties.enabled()) {
            return new Checked(booked, Status.NOT_ASKED);
        }
        try {
            return ask(booked, given, details);
        } catch (RuntimeException e) {
            // the booking has committed: whatever goes wrong here (the database briefly away) must not answer it as
            // failed; a check recorded before the failure is retried
            log.warn(
                    "Payer check of Appointment/{} failed; the booking stands",
                    booked.getIdElement().getIdPart(),
                    e);
            return new Checked(booked, Status.PENDING);
        }
    }

    private Checked ask(Appointment booked, List<Coverage> given, RequestDetails details) {
        String patientId = patientOf(booked);
        SystemRequestDetails system = new SystemRequestDetails();
        List<Coverage> coverages =
                !given.isEmpty() || patientId == null ? given : coverageCheck.onFile(patientId, system);
        if (coverages.isEmpty()) {
            return new Checked(booked, Status.NOT_ASKED);
        }
        String appointmentId = booked.getIdElement().getIdPart();
        String userId = userId(details, patientId);
        String sent = fhirContext.newJsonParser().encodeResourceToString(bundle(coverages));
        // recorded first: should this node die while the payer thinks, the retry asks again
        checks.record(appointmentId, userId, sent, properties.timeout().plus(properties.retryInterval()));
        Patient patient = daoRegistry.getResourceDao(Patient.class).read(new IdType("Patient", patientId), system);
        CdsHooksClient.Outcome outcome = client.call(
                properties.serviceUrl(),
                new CdsHooksClient.Call(userId, patient, booked, coverages),
                properties.timeout());
        if (outcome.answer() == null) {
            log.warn(
                    "Payer check of Appointment/{} not answered ({}); the booking stands, asked again in {}",
                    appointmentId,
                    outcome.failure(),
                    properties.retryInterval());
            checks.failed(appointmentId, outcome.failure(), properties.retryInterval());
            return new Checked(booked, Status.PENDING);
        }
        Appointment kept = keep(appointmentId, outcome.answer(), coverages);
        checks.answered(appointmentId);
        return new Checked(kept == null ? booked : kept, Status.ANSWERED);
    }

    /** Asks again about a check not answered yet (the background retry); true when it is settled. */
    boolean retry(PayerChecks.Pending pending) {
        SystemRequestDetails system = new SystemRequestDetails();
        Appointment appointment = read(pending.appointmentId(), system);
        if (appointment == null || appointment.getStatus() != Appointment.AppointmentStatus.BOOKED) {
            checks.answered(pending.appointmentId()); // gone or no longer booked: nothing to ask about
            return true;
        }
        Bundle coverages = fhirContext.newJsonParser().parseResource(Bundle.class, pending.coverages());
        List<Coverage> sent = coverages.getEntry().stream()
                .map(e -> (Coverage) e.getResource())
                .toList();
        Patient patient =
                daoRegistry.getResourceDao(Patient.class).read(new IdType("Patient", patientOf(appointment)), system);
        CdsHooksClient.Outcome outcome = client.call(
                properties.serviceUrl(),
                new CdsHooksClient.Call(pending.userId(), patient, appointment, sent),
                properties.timeout());
        if (outcome.answer() == null) {
            if (pending.attempts() + 1 >= properties.maxAttempts()) {
                log.error(
                        "Payer check of Appointment/{} given up after {} attempts: {}",
                        pending.appointmentId(),
                        pending.attempts() + 1,
                        outcome.failure());
                checks.answered(pending.appointmentId());
                return true;
            }
            checks.failed(pending.appointmentId(), outcome.failure(), properties.retryInterval());
            return false;
        }
        keep(pending.appointmentId(), outcome.answer(), sent);
        checks.answered(pending.appointmentId());
        log.info(
                "Payer check of Appointment/{} answered on attempt {}",
                pending.appointmentId(),
                pending.attempts() + 1);
        return true;
    }

    /**
     * Puts the answer on the Appointment, replacing an earlier one: the cards, CRD's coverage information and the check
     * itself. A concurrent change of the Appointment (the patient cancels) is read again once.
     */
    private Appointment keep(String appointmentId, PayerAnswer answer, List<Coverage> coverages) {
        SystemRequestDetails system = new SystemRequestDetails();
        for (int attempt = 0; attempt < 2; attempt++) {
            Appointment appointment = read(appointmentId, system);
            if (appointment == null) {
                return null;
            }
            appointment.getExtension().removeIf(e -> KEPT_ELSEWHERE.contains(e.getUrl()));
            answer.cards().forEach(card -> appointment.addExtension(card.toExtension()));
            answer.coverageInformation().forEach(appointment::addExtension);
            appointment.addExtension(check(coverages));
            try {
                daoRegistry.getResourceDao(Appointment.class).update(appointment, system);
                return appointment;
            } catch (ResourceVersionConflictException e) {
                log.debug("Appointment/{} changed while its payer answer was kept; reading it again", appointmentId);
            }
        }
        return null;
    }

    private Extension check(List<Coverage> coverages) {
        Extension check = new Extension(MediwoxExtensions.PAYER_CHECK);
        check.addExtension("status", new CodeType("answered"));
        check.addExtension("service", new UrlType(properties.serviceUrl().toString()));
        check.addExtension("checked", new InstantType(Date.from(clock.instant())));
        coverages.stream()
                .filter(c -> c.getIdElement().hasIdPart())
                .forEach(c -> check.addExtension(
                        "coverage", new Reference("Coverage/" + c.getIdElement().getIdPart())));
        return check;
    }

    private Appointment read(String appointmentId, SystemRequestDetails system) {
        try {
            return daoRegistry.getResourceDao(Appointment.class).read(new IdType("Appointment", appointmentId), system);
        } catch (ResourceNotFoundException | ResourceGoneException e) {
            return null;
        }
    }

    /**
     * The hook's {@code userId}: the token's user ({@code Practitioner/…}, {@code Patient/…}, {@code RelatedPerson/…});
     * a back end without a user books on the patient's behalf, so the patient.
     */
    private static String userId(RequestDetails details, String patientId) {
        return RequestUser.of(details.getUserData())
                .map(RequestUser::fhirUser)
                .filter(user -> !user.isEmpty())
                .orElse("Patient/" + patientId);
    }

    private static Bundle bundle(List<Coverage> coverages) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET);
        coverages.forEach(c -> bundle.addEntry().setResource(c));
        return bundle;
    }
}

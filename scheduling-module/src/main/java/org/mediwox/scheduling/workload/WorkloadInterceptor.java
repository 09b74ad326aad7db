package org.mediwox.scheduling.workload;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Appointment;
import org.mediwox.plugin.access.LaunchPatient;

/**
 * Keeps the workload read model in step with every Appointment write, in the writing transaction: the pointcuts the
 * booking rule ({@code BookingClaimInterceptor}) relies on, so {@code $book}, {@code $hold}, plain and conditional
 * writes, PATCH, transaction Bundles, {@code $cancel}, hold expiry and DELETE all pass here. Ordered after the booking
 * rule: a write it refuses never reaches the read model (and a rolled-back write takes its rows with it).
 */
@Interceptor
public class WorkloadInterceptor {

    /** After the booking rule's hooks (HAPI's default order 0). */
    static final int ORDER = 100;

    private final WorkloadFacts facts;
    private final ZoneId zone;
    private final Clock clock;

    public WorkloadInterceptor(WorkloadFacts facts, ZoneId zone, Clock clock) {
        this.facts = facts;
        this.zone = zone;
        this.clock = clock;
    }

    @Hook(value = Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED, order = ORDER)
    public void created(IBaseResource resource, RequestDetails request) {
        if (resource instanceof Appointment appointment) {
            // a new Appointment has no facts yet: one statement, no read
            write(appointment, List.of(), request);
        }
    }

    @Hook(value = Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED, order = ORDER)
    public void updated(IBaseResource previous, IBaseResource updated, RequestDetails request) {
        if (updated instanceof Appointment appointment) {
            write(appointment, facts.current(appointment.getIdElement().getIdPart()), request);
        }
    }

    @Hook(value = Pointcut.STORAGE_PRECOMMIT_RESOURCE_DELETED, order = ORDER)
    public void deleted(IBaseResource resource) {
        if (resource instanceof Appointment appointment) {
            String id = appointment.getIdElement().getIdPart();
            facts.replace(id, facts.current(id), List.of());
        }
    }

    private void write(Appointment appointment, List<Fact> before, RequestDetails request) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS); // PostgreSQL keeps microseconds
        List<Fact> after = AppointmentFacts.of(appointment, before, now, zone, writer(request));
        facts.replace(appointment.getIdElement().getIdPart(), before, after);
    }

    static AppointmentFacts.Writer writer(RequestDetails request) {
        boolean server = request == null || request instanceof SystemRequestDetails;
        boolean patient =
                request != null && LaunchPatient.of(request.getUserData()).isPresent();
        return new AppointmentFacts.Writer(patient, server);
    }
}

package org.mediwox.scheduling.workload;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.dao.tx.IHapiTransactionService;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.api.server.storage.IResourcePersistentId;
import java.time.ZoneId;
import java.util.List;
import org.hl7.fhir.r4.model.Appointment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;

/**
 * Fills the workload read model from the stored Appointments when it is empty but Appointments exist — a database
 * written before the read model was kept ({@link AppointmentFacts#recorded}). The only place Appointments are loaded for
 * the read model. Runs at start-up, logs progress with counts.
 */
public class WorkloadBackfill implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(WorkloadBackfill.class);
    private static final int BATCH = 500;

    private final WorkloadFacts facts;
    private final DaoRegistry daoRegistry;
    private final IHapiTransactionService transactions;
    private final ZoneId zone;

    public WorkloadBackfill(
            WorkloadFacts facts, DaoRegistry daoRegistry, IHapiTransactionService transactions, ZoneId zone) {
        this.facts = facts;
        this.daoRegistry = daoRegistry;
        this.transactions = transactions;
        this.zone = zone;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!facts.isEmpty()) {
            return;
        }
        IFhirResourceDao<Appointment> appointments = daoRegistry.getResourceDao(Appointment.class);
        SystemRequestDetails system = new SystemRequestDetails();
        List<IResourcePersistentId> ids = transactions
                .withSystemRequest()
                .execute(() -> appointments.searchForIds(SearchParameterMap.newSynchronous(), system));
        if (ids.isEmpty()) {
            return;
        }
        log.info("Workload read model: recording {} existing Appointments", ids.size());
        for (int from = 0; from < ids.size(); from += BATCH) {
            List<IResourcePersistentId> batch = ids.subList(from, Math.min(ids.size(), from + BATCH));
            transactions.withSystemRequest().execute(() -> {
                for (IResourcePersistentId id : batch) {
                    Appointment appointment = appointments.readByPid(id);
                    String appointmentId = appointment.getIdElement().getIdPart();
                    facts.replace(
                            appointmentId, facts.current(appointmentId), AppointmentFacts.recorded(appointment, zone));
                }
                return null;
            });
            log.info(
                    "Workload read model: {} of {} Appointments recorded",
                    Math.min(ids.size(), from + BATCH),
                    ids.size());
        }
    }
}

package org.mediwox.scheduling.availability;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.dao.tx.IHapiTransactionService;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.api.server.storage.IResourcePersistentId;
import java.util.List;
import org.hl7.fhir.r4.model.Schedule;
import org.hl7.fhir.r4.model.Slot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;

/**
 * Fills the availability read model from the stored Slots when it is empty but Slots exist — a database written
 * before this module kept the read model — and likewise the Schedules' providers and the offered capacity per day. Runs
 * at start-up, logs progress with counts.
 */
public class SlotAvailabilityBackfill implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(SlotAvailabilityBackfill.class);
    private static final int BATCH = 500;

    private final SlotAvailability availability;
    private final DaoRegistry daoRegistry;
    private final IHapiTransactionService transactions;

    public SlotAvailabilityBackfill(
            SlotAvailability availability, DaoRegistry daoRegistry, IHapiTransactionService transactions) {
        this.availability = availability;
        this.daoRegistry = daoRegistry;
        this.transactions = transactions;
    }

    @Override
    public void run(ApplicationArguments args) {
        recordSchedulesIfUnknown();
        backfillSlots();
        int days = availability.rebuildDaysIfEmpty();
        if (days > 0) {
            log.info("Slot availability: offered capacity counted for {} Schedule-days", days);
        }
    }

    private void recordSchedulesIfUnknown() {
        if (!availability.schedulesUnknown()) {
            return;
        }
        IFhirResourceDao<Schedule> schedules = daoRegistry.getResourceDao(Schedule.class);
        SystemRequestDetails system = new SystemRequestDetails();
        List<IResourcePersistentId> ids = transactions
                .withSystemRequest()
                .execute(() -> schedules.searchForIds(SearchParameterMap.newSynchronous(), system));
        if (ids.isEmpty()) {
            return;
        }
        log.info("Slot availability: recording the providers of {} existing Schedules", ids.size());
        for (int from = 0; from < ids.size(); from += BATCH) {
            List<IResourcePersistentId> batch = ids.subList(from, Math.min(ids.size(), from + BATCH));
            transactions.withSystemRequest().execute(() -> {
                batch.forEach(id -> availability.recordSchedule(schedules.readByPid(id)));
                return null;
            });
        }
    }

    private void backfillSlots() {
        if (!availability.isEmpty()) {
            return;
        }
        IFhirResourceDao<Slot> slots = daoRegistry.getResourceDao(Slot.class);
        SystemRequestDetails system = new SystemRequestDetails();
        List<IResourcePersistentId> ids = transactions
                .withSystemRequest()
                .execute(() -> slots.searchForIds(SearchParameterMap.newSynchronous(), system));
        if (ids.isEmpty()) {
            return;
        }
        log.info("Slot availability: indexing {} existing Slots", ids.size());
        for (int from = 0; from < ids.size(); from += BATCH) {
            List<IResourcePersistentId> batch = ids.subList(from, Math.min(ids.size(), from + BATCH));
            transactions.withSystemRequest().execute(() -> {
                batch.forEach(id -> availability.record(slots.readByPid(id)));
                return null;
            });
            log.info("Slot availability: {} of {} Slots indexed", Math.min(ids.size(), from + BATCH), ids.size());
        }
    }
}

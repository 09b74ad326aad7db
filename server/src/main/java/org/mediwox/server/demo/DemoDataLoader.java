package org.mediwox.server.demo;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenParam;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Organization;
import org.mediwox.plugin.booking.SlotGeneration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Loads the demo clinic once, on the first start of the zero-setup run: when {@code mediwox.demo=true} and the
 * database has no demo clinic yet. The whole data set is one FHIR transaction, so a crash half-way leaves nothing
 * behind and the next start loads it again. The demo Schedules are generated ones: at the end of the load the Slots of
 * their first {@value #FIRST_DAYS} days are generated at once by the scheduling module's generator ({@link SlotGeneration}) (the same
 * run the background sweep makes), so the server offers free Slots as soon as the load is reported done, and the sweep
 * adds the rest of the horizon in the background (a crash before that is made good by the sweep too). With {@code mediwox.demo.history} (default) it also stores the marker Task of
 * the demo history, which {@link DemoHistory} writes after start. Production ({@code mediwox.demo=false}) never loads it.
 */
@Component
@Order(0)
@ConditionalOnProperty(prefix = "mediwox", name = "demo", havingValue = "true", matchIfMissing = true)
class DemoDataLoader implements ApplicationRunner {

    static final ZoneId CLINIC_ZONE = ZoneId.of("America/New_York");
    private static final int GENERATION_ATTEMPTS = 120;
    /**
     * Days of Slots generated before the load reports done (the 14 days the hand-made demo Slots used to cover); the
     * background sweep generates the rest of the horizon right after.
     */
    static final int FIRST_DAYS = 14;

    private static final Logger log = LoggerFactory.getLogger(DemoDataLoader.class);

    private final DaoRegistry daoRegistry;
    private final IFhirSystemDao<Bundle, ?> systemDao;
    private final Clock clock;
    private final DemoProperties properties;
    private final SlotGeneration generator;

    DemoDataLoader(
            DaoRegistry daoRegistry,
            IFhirSystemDao<Bundle, ?> systemDao,
            DemoProperties properties,
            SlotGeneration generator) {
        this.daoRegistry = daoRegistry;
        this.systemDao = systemDao;
        this.generator = generator;
        this.clock = Clock.system(CLINIC_ZONE);
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (demoClinicExists()) {
            log.info("Demo data: already loaded, nothing to do");
            return;
        }
        long started = System.nanoTime();
        DemoClinic clinic = DemoClinic.build(CLINIC_ZONE, LocalDate.now(clock));
        Bundle transaction = clinic.transaction();
        if (properties.history()) {
            // the past weeks are written after start, in the background (DemoHistory): this marks the database as one
            // the loader filled, and keeps the history's progress
            transaction
                    .addEntry()
                    .setResource(DemoHistory.marker(clock.instant()))
                    .getRequest()
                    .setMethod(Bundle.HTTPVerb.POST)
                    .setUrl("Task");
        }
        log.info(
                "Demo data: loading {} resources in one transaction",
                transaction.getEntry().size());
        Bundle response = systemDao.transaction(new SystemRequestDetails(), transaction);
        log.info(
                "Demo data: loaded {} resources in {} ms",
                transaction.getEntry().size(),
                (System.nanoTime() - started) / 1_000_000);
        generateSlots(scheduleIds(transaction, response));
        log.info("Demo data: done in {} ms", (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * Generates the first {@value #FIRST_DAYS} days of the demo Schedules' Slots now rather than at the next background
     * sweep, so the load reports done with Slots to book; the sweep then finds the Schedules short of their horizon and
     * generates the rest in the background, as it would for any clinic. A Schedule another node's sweep is generating
     * right now is skipped by the generator; it is asked again until that run has finished.
     */
    private void generateSlots(List<String> scheduleIds) {
        long started = System.nanoTime();
        int created = 0;
        int byBackground = 0;
        for (String scheduleId : scheduleIds) {
            SlotGeneration.Outcome result = generator.generateFirstDays(scheduleId, FIRST_DAYS);
            byBackground += result.skipped() ? 1 : 0;
            for (int attempt = 1; result.skipped() && attempt <= GENERATION_ATTEMPTS; attempt++) {
                pause();
                result = generator.generateFirstDays(scheduleId, FIRST_DAYS);
            }
            if (result.skipped()) {
                throw new IllegalStateException("Demo data: the Slots of Schedule/" + scheduleId
                        + " could not be generated (is it tagged schedule-management|generated?)");
            }
            created += result.created();
            log.info(
                    "Demo data: Slots of Schedule {}/{} generated, {} so far",
                    scheduleIds.indexOf(scheduleId) + 1,
                    scheduleIds.size(),
                    created);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        log.info(
                "demo: {} Slots generated for {} Schedules in {} s ({} Slots/s){}",
                created,
                scheduleIds.size(),
                String.format(java.util.Locale.ROOT, "%.1f", seconds),
                Math.round(created / Math.max(seconds, 0.001)),
                byBackground == 0
                        ? ""
                        : " (the Slots of " + byBackground + " of them made meanwhile by the background run)");
    }

    private static void pause() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Demo data: interrupted while generating Slots", e);
        }
    }

    /** The ids the transaction gave its Schedules (a response entry answers the request entry at the same index). */
    private static List<String> scheduleIds(Bundle transaction, Bundle response) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < transaction.getEntry().size(); i++) {
            if ("Schedule".equals(transaction.getEntry().get(i).getRequest().getUrl())) {
                ids.add(new IdType(response.getEntry().get(i).getResponse().getLocation()).getIdPart());
            }
        }
        return ids;
    }

    private boolean demoClinicExists() {
        SearchParameterMap byIdentifier = SearchParameterMap.newSynchronous(
                Organization.SP_IDENTIFIER, new TokenParam(DemoClinic.IDENTIFIER_SYSTEM, DemoClinic.CLINIC_IDENTIFIER));
        return !daoRegistry
                .getResourceDao(Organization.class)
                .search(byIdentifier, new SystemRequestDetails())
                .isEmpty();
    }
}

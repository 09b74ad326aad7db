package org.mediwox.server.demo;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenParam;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Organization;
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
 * behind and the next start loads it again. With {@code mediwox.demo.history} (default) it also stores the marker Task of
 * the demo history, which {@link DemoHistory} writes after start. Production ({@code mediwox.demo=false}) never loads it.
 */
@Component
@Order(0)
@ConditionalOnProperty(prefix = "mediwox", name = "demo", havingValue = "true", matchIfMissing = true)
class DemoDataLoader implements ApplicationRunner {

    static final ZoneId CLINIC_ZONE = ZoneId.of("America/New_York");
    private static final Logger log = LoggerFactory.getLogger(DemoDataLoader.class);

    private final DaoRegistry daoRegistry;
    private final IFhirSystemDao<Bundle, ?> systemDao;
    private final Clock clock;
    private final DemoProperties properties;

    DemoDataLoader(DaoRegistry daoRegistry, IFhirSystemDao<Bundle, ?> systemDao, DemoProperties properties) {
        this.daoRegistry = daoRegistry;
        this.systemDao = systemDao;
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
                "Demo data: loading {} resources ({} free Slots over {} days) in one transaction",
                transaction.getEntry().size(),
                clinic.slotCount(),
                DemoClinic.DAYS);
        systemDao.transaction(new SystemRequestDetails(), transaction);
        log.info(
                "Demo data: loaded {} resources in {} ms",
                transaction.getEntry().size(),
                (System.nanoTime() - started) / 1_000_000);
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

package org.mediwox.server.app;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.mediwox.server.security.LaunchContexts;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The demo's stand-in for an EHR (demo mode only; without it these paths answer 404): {@code
 * /clinician/ehr-simulator.html} lists the demo patients and opens the clinician workspace for one of them in an
 * {@code <iframe>}, the way Epic or Cerner embed a SMART app. Opening a chart registers an EHR launch ({@link
 * LaunchContexts}, as {@code $smart-launch} does for a real EHR) here on the server, so the page holds no client secret
 * and no token: the launch only names the patient, the clinician still signs in.
 */
@RestController
@ConditionalOnProperty(prefix = "mediwox", name = "demo", havingValue = "true", matchIfMissing = true)
class EhrSimulatorController {

    private static final String DEMO_SYSTEM = "https://mediwox.org/fhir/demo";
    private static final String PAGES = "clinician-demo/";

    private final DaoRegistry daoRegistry;
    private final LaunchContexts launches;

    EhrSimulatorController(DaoRegistry daoRegistry, LaunchContexts launches) {
        this.daoRegistry = daoRegistry;
        this.launches = launches;
    }

    /** A demo patient as the simulator lists it. */
    record DemoPatient(String id, String name, String birthDate, String gender) {}

    /** The simulator's patient list, and the CSRF token its launch request must carry (it is a form-like POST). */
    record Chart(List<DemoPatient> patients, String csrfHeader, String csrfToken) {}

    /** What opening a chart answers: the launch to hand the app (the page names its own server as {@code iss}). */
    record Launch(String launch) {}

    /** The patient whose chart the simulator opens. */
    record LaunchRequest(String patient) {}

    @GetMapping("/clinician/ehr-simulator.html")
    ResponseEntity<Resource> page() {
        return page("ehr-simulator.html", MediaType.TEXT_HTML);
    }

    @GetMapping("/clinician/ehr-simulator.js")
    ResponseEntity<Resource> script() {
        return page("ehr-simulator.js", MediaType.parseMediaType("text/javascript"));
    }

    @GetMapping(value = "/demo/ehr-patients", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Chart> patients(CsrfToken csrf) {
        SearchParameterMap params = SearchParameterMap.newSynchronous().add("active", new TokenParam("true"));
        params.setCount(100);
        IBundleProvider found = daoRegistry.getResourceDao("Patient").search(params, new SystemRequestDetails());
        List<DemoPatient> patients = found.getResources(0, 100).stream()
                .map(Patient.class::cast)
                .filter(EhrSimulatorController::isDemo)
                .map(p -> new DemoPatient(
                        p.getIdElement().getIdPart(),
                        name(p.getNameFirstRep()),
                        p.hasBirthDate() ? p.getBirthDateElement().getValueAsString() : null,
                        p.hasGender() ? p.getGender().toCode() : null))
                .toList();
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .body(new Chart(patients, csrf.getHeaderName(), csrf.getToken()));
    }

    @PostMapping(
            value = "/demo/ehr-launch",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Launch launch(@RequestBody LaunchRequest request) {
        String id = request.patient() == null ? "" : request.patient().trim();
        if (!id.matches("[A-Za-z0-9.-]{1,64}")) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "patient must be a Patient id");
        }
        IBaseResource patient;
        try {
            patient = daoRegistry.getResourceDao("Patient").read(new IdType("Patient", id), new SystemRequestDetails());
        } catch (ResourceNotFoundException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no such patient");
        }
        if (!isDemo((Patient) patient)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "not a demo patient");
        }
        return new Launch(launches.create(id, null, "ehr-simulator"));
    }

    private static ResponseEntity<Resource> page(String name, MediaType type) {
        return ResponseEntity.ok()
                .contentType(type)
                .cacheControl(CacheControl.noCache())
                .body(new ClassPathResource(PAGES + name));
    }

    /** Only the demo clinic's own patients: the simulator must not open charts of real patients a demo server holds. */
    private static boolean isDemo(Patient patient) {
        return patient.getIdentifier().stream().anyMatch(i -> DEMO_SYSTEM.equals(i.getSystem()));
    }

    private static String name(HumanName name) {
        return name.hasText() ? name.getText() : (name.getGivenAsSingleString() + " " + name.getFamily()).trim();
    }
}

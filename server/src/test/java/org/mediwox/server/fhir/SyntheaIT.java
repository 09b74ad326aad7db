package org.mediwox.server.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.ExplanationOfBenefit;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.mediwox.server.support.ServerIT;

/**
 * Loads real Synthea output ({@code src/test/resources/synthea/}, two Synthea runs) the way a Synthea user does: each
 * run's hospital and practitioner batch Bundles first, then each patient's transaction Bundle, every one a plain
 * {@code POST [base]} with a {@code system/*.cruds} token. Nobody on this project wrote that data: its US Core profile
 * claims, its conditional references (also inside contained resources) and its conditional creates are what a real
 * client sends.
 *
 * <p>The stored data is counted with type searches ({@code [type]?patient=}), one count per type (the compartment
 * search {@code Patient/[id]/Claim} is refused by design: Claim is in the compartment through two parameters).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SyntheaIT extends ServerIT {

    private static final String SYNTHEA = "https://github.com/synthetichealth/synthea";
    private static final String NPI = "http://hl7.org/fhir/sid/us-npi";

    /** One Synthea run: its batch Bundles and the patients it made (their conditional references point into both). */
    private record Run(String hospitals, String practitioners, List<String> patients) {}

    private static final String FLAVIA = "Flavia315_Walker122_e781e193-43ef-e822-b01b-0b8a15c21ad5.json";
    private static final String BOK = "Bok974_Phylis163_Fritsch593_edd905dc-3154-1b8f-f647-da395c750fa9.json";
    private static final List<Run> RUNS = List.of(
            new Run(
                    "hospitalInformation1745197637975.json",
                    "practitionerInformation1745197637975.json",
                    List.of(FLAVIA, "Eloisa55_Micaela928_Noriega353_98118baf-7648-5fbc-c982-ff2bc4527c5b.json")),
            new Run(
                    "hospitalInformation1749694248447.json",
                    "practitionerInformation1749694248447.json",
                    List.of(BOK, "Caitlin552_Howell947_14868376-0689-1f04-04a2-b57ecd1711c0.json")));

    /** The patient Bundles' Patient ids as the server assigned them, filled by the load. */
    private final Map<String, String> patientIds = new TreeMap<>();

    @BeforeAll
    void loadAsASyntheaUserWould() {
        for (Run run : RUNS) {
            assertEveryEntryAnswered2xx(post(fixture(run.hospitals())), run.hospitals());
            assertEveryEntryAnswered2xx(post(fixture(run.practitioners())), run.practitioners());
            for (String file : run.patients()) {
                Bundle response = post(fixture(file));
                assertEveryEntryAnswered2xx(response, file);
                patientIds.put(
                        file,
                        new IdType(response.getEntryFirstRep().getResponse().getLocation()).getIdPart());
            }
        }
    }

    @Test
    @Order(1)
    void patientBundles_everyResourceStored_countsPerTypeEqualTheBundles() {
        assertThat(patientIds).hasSize(4);
        for (String file : patientIds.keySet()) {
            Map<String, Long> sent = parse(fixture(file)).getEntry().stream()
                    .map(BundleEntryComponent::getResource)
                    .collect(Collectors.groupingBy(Resource::fhirType, TreeMap::new, Collectors.counting()));
            String patient = "Patient/" + patientIds.get(file);

            Map<String, Long> byTypeSearch = new TreeMap<>();
            for (String type : sent.keySet()) {
                byTypeSearch.put(type, type.equals("Patient") ? 1L : count(type + "?patient=" + patient));
            }

            assertThat(byTypeSearch).as("type searches for %s", file).isEqualTo(sent);
        }
    }

    @Test
    @Order(2)
    void conditionalReferences_resolveToTheStoredPractitionerOrganizationAndLocation() {
        for (String file : patientIds.keySet()) {
            List<Encounter> sent = parse(fixture(file)).getEntry().stream()
                    .map(BundleEntryComponent::getResource)
                    .filter(Encounter.class::isInstance)
                    .map(Encounter.class::cast)
                    .toList();
            assertThat(sent).as(file).isNotEmpty();
            for (Encounter original : sent) {
                // Synthea gives each Encounter its own identifier: find the stored one by it
                Identifier identifier = original.getIdentifierFirstRep();
                Encounter stored = only(search(Encounter.class, "identifier=" + SYNTHEA + "|" + identifier.getValue()));

                assertThat(stored.getSubject().getReference()).isEqualTo("Patient/" + patientIds.get(file));
                assertThat(idOf(stored.getParticipantFirstRep().getIndividual()))
                        .isEqualTo(resolve(original.getParticipantFirstRep().getIndividual()));
                assertThat(idOf(stored.getServiceProvider())).isEqualTo(resolve(original.getServiceProvider()));
                assertThat(idOf(stored.getLocationFirstRep().getLocation()))
                        .isEqualTo(resolve(original.getLocationFirstRep().getLocation()));
            }
        }
        // in a contained resource and in a Provenance's agents they resolve as well
        String patient = patientIds.get(FLAVIA);
        Practitioner clara = only(search(Practitioner.class, "identifier=" + NPI + "|9999818690"));
        Organization jwch =
                only(search(Organization.class, "identifier=" + SYNTHEA + "|ec39d0e6-1768-32d6-9138-6eb7716871ba"));
        ExplanationOfBenefit eob = only(search(ExplanationOfBenefit.class, "patient=Patient/" + patient + "&_count=1"));
        ServiceRequest referral = (ServiceRequest) eob.getContained().stream()
                .filter(ServiceRequest.class::isInstance)
                .findFirst()
                .orElseThrow();
        assertThat(idOf(eob.getProvider())).isEqualTo(idOf(clara));
        assertThat(idOf(referral.getRequester())).isEqualTo(idOf(clara));
        Provenance provenance = only(search(Provenance.class, "patient=Patient/" + patient));
        assertThat(provenance.getTarget()).hasSize(20);
        assertThat(idOf(provenance.getAgentFirstRep().getWho())).isEqualTo(idOf(clara));
        assertThat(idOf(provenance.getAgentFirstRep().getOnBehalfOf())).isEqualTo(idOf(jwch));
    }

    @Test
    @Order(3)
    void fullTextSearch_findsTheSyntheaPatientsByFamilyName() {
        assertThat(search(Patient.class, "_content=Walker122"))
                .extracting(p -> p.getIdElement().getIdPart())
                .containsExactly(patientIds.get(FLAVIA));
        assertThat(search(Patient.class, "_content=Fritsch593"))
                .extracting(p -> p.getIdElement().getIdPart())
                .containsExactly(patientIds.get(BOK));
    }

    @Test
    @Order(4)
    void batchesLoadedTwice_conditionalCreatesMatch_noDuplicateDirectoryEntries() {
        for (Run run : RUNS) {
            Bundle again = post(fixture(run.practitioners()));

            assertEveryEntryAnswered2xx(again, run.practitioners() + ", second load");
            // 200: the ifNoneExist search matched and nothing was created (a create answers 201); Synthea's
            // PractitionerRoles carry no ifNoneExist, so a second load adds them again, as it would on any server
            assertThat(again.getEntry().stream()
                            .filter(e -> e.getResponse().getLocation().startsWith("Practitioner/"))
                            .map(e -> e.getResponse().getStatus()))
                    .hasSize(3)
                    .allMatch(status -> status.startsWith("200"));
            assertEveryEntryAnswered2xx(post(fixture(run.hospitals())), run.hospitals() + ", second load");
        }
        for (Run run : RUNS) {
            for (String file : List.of(run.hospitals(), run.practitioners())) {
                for (BundleEntryComponent entry : parse(fixture(file)).getEntry()) {
                    if (!entry.getRequest().hasIfNoneExist()) {
                        continue;
                    }
                    String type = entry.getResource().fhirType();
                    assertThat(count(type + "?" + entry.getRequest().getIfNoneExist()))
                            .as("%s?%s", type, entry.getRequest().getIfNoneExist())
                            .isEqualTo(1);
                }
            }
        }
    }

    private Bundle post(String bundleJson) {
        HttpResponse<String> response = send(request("/fhir")
                .header("Content-Type", "application/fhir+json")
                .header("Accept", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(bundleJson)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return parse(response.body());
    }

    private static void assertEveryEntryAnswered2xx(Bundle response, String what) {
        assertThat(response.getEntry()).as(what).isNotEmpty();
        assertThat(response.getEntry())
                .as(what)
                .extracting(e -> e.getResponse().getStatus())
                .allMatch(status -> status.startsWith("2"), "a 2xx status");
    }

    /** The {@code _summary=count} total of a search ({@code |} as a client must send it, encoded). */
    private int count(String search) {
        return client().search()
                // absolute: HAPI's client takes a relative URL only in the form [type]?[parameters]
                .byUrl(fhirBase() + "/" + search.replace("|", "%7C") + "&_summary=count")
                .returnBundle(Bundle.class)
                .execute()
                .getTotal();
    }

    /** A search whose parameter values may hold {@code |}, {@code :} and {@code /}; they are sent encoded. */
    private <T extends Resource> List<T> search(Class<T> type, String query) {
        String encoded = List.of(query.split("&")).stream()
                .map(parameter -> {
                    String[] nameAndValue = parameter.split("=", 2);
                    return nameAndValue[0] + "=" + URLEncoder.encode(nameAndValue[1], StandardCharsets.UTF_8);
                })
                .collect(Collectors.joining("&"));
        return client()
                .search()
                .byUrl(type.getSimpleName() + "?" + encoded)
                .returnBundle(Bundle.class)
                .execute()
                .getEntry()
                .stream()
                .map(e -> type.cast(e.getResource()))
                .toList();
    }

    /** The stored resource a conditional reference ({@code Practitioner?identifier=system|value}) names. */
    @SuppressWarnings("unchecked")
    private String resolve(Reference conditional) {
        String[] typeAndQuery = conditional.getReference().split("\\?", 2);
        Class<? extends Resource> type = (Class<? extends Resource>)
                fhirContext.getResourceDefinition(typeAndQuery[0]).getImplementingClass();
        return idOf(only(search(type, typeAndQuery[1])));
    }

    private static <T> T only(List<T> found) {
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    private static String idOf(Reference reference) {
        return reference.getReferenceElement().toUnqualifiedVersionless().getValue();
    }

    private static String idOf(Resource resource) {
        return resource.getIdElement().toUnqualifiedVersionless().getValue();
    }

    private Bundle parse(String json) {
        return fhirContext.newJsonParser().parseResource(Bundle.class, json);
    }

    private static String fixture(String file) {
        try (InputStream in = SyntheaIT.class.getResourceAsStream("/synthea/" + file)) {
            assertThat(in).as(file).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

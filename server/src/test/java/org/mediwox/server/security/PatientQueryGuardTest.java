package org.mediwox.server.security;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DocumentReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

class PatientQueryGuardTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();

    private final PatientQueryGuard guard = new PatientQueryGuard(FHIR);

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void hasInAChain_inAnInclude_orInAnIfNoneExist_isRefusedToAPatientToken() {
        signIn("patient/*.rs", "1");

        assertRefused(search("PractitionerRole", Map.of("practitioner._has:Appointment:practitioner:patient", "2")));
        assertRefused(search("Appointment", Map.of("_include", "_has:Appointment:patient")));
        assertRefused(search("Patient", Map.of("_has:Appointment:patient:actor", "Practitioner/9")));
        SystemRequestDetails create = search("DocumentReference", Map.of());
        create.addHeader("If-None-Exist", "_has:Appointment:patient:actor=Practitioner/9");
        assertRefused(create);
    }

    @Test
    void chainsOnTheDirectoryAndFilter_areRefused_butChainsInTheCompartmentAndIncludesAreNot() {
        signIn("patient/*.rs", "1");

        assertRefused(search("Slot", Map.of("schedule.actor:Patient.name", "Smith")));
        assertRefused(search("Appointment", Map.of("_filter", "patient eq Patient/2")));
        assertAllowed(search("Appointment", Map.of("actor:Practitioner.name", "Okafor")));
        assertAllowed(search("PractitionerRole", Map.of("_include", "PractitionerRole:location", "active", "true")));
    }

    @Test
    void aUserToken_mayUseHasAndChains() {
        signIn("user/*.rs", "");

        assertAllowed(search("PractitionerRole", Map.of("practitioner._has:Appointment:practitioner:patient", "2")));
        assertAllowed(search("Slot", Map.of("schedule.actor:Patient.name", "Smith")));
    }

    @Test
    void conditionalEntriesOfABundle_areRefused_plainOnesAreNot() {
        signIn("patient/*.cruds", "1");
        Bundle conditional = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        conditional
                .addEntry()
                .setResource(new DocumentReference())
                .getRequest()
                .setMethod(Bundle.HTTPVerb.POST)
                .setUrl("DocumentReference")
                .setIfNoneExist("_id=7");
        Bundle plain = new Bundle().setType(Bundle.BundleType.BATCH);
        plain.addEntry().getRequest().setMethod(Bundle.HTTPVerb.GET).setUrl("Appointment?date=ge2026-01-01");
        Bundle has = new Bundle().setType(Bundle.BundleType.BATCH);
        has.addEntry().getRequest().setMethod(Bundle.HTTPVerb.GET).setUrl("Patient?_has:Appointment:patient:actor=x");

        assertRefused(bundle(conditional, RestOperationTypeEnum.TRANSACTION));
        assertRefused(bundle(has, RestOperationTypeEnum.BATCH));
        assertAllowed(bundle(plain, RestOperationTypeEnum.BATCH));
    }

    private static void signIn(String scope, String patient) {
        Jwt.Builder jwt = Jwt.withTokenValue("t")
                .header("alg", "RS256")
                .subject("someone")
                .claim("client_id", "app")
                .claim("scope", scope);
        if (!patient.isEmpty()) {
            jwt.claim("patient", patient);
        }
        SecurityContextHolder.getContext().setAuthentication(new JwtAuthenticationToken(jwt.build()));
    }

    private static SystemRequestDetails search(String type, Map<String, String> parameters) {
        SystemRequestDetails request = new SystemRequestDetails();
        request.setResourceName(type);
        request.setRestOperationType(RestOperationTypeEnum.SEARCH_TYPE);
        parameters.forEach((name, value) -> request.addParameter(name, new String[] {value}));
        return request;
    }

    private static SystemRequestDetails bundle(Bundle bundle, RestOperationTypeEnum operation) {
        SystemRequestDetails request = new SystemRequestDetails();
        request.setRestOperationType(operation);
        request.setResource(bundle);
        return request;
    }

    private void assertRefused(SystemRequestDetails request) {
        assertThatThrownBy(() -> guard.check(request, request.getRestOperationType()))
                .isInstanceOf(ForbiddenOperationException.class);
    }

    private void assertAllowed(SystemRequestDetails request) {
        assertThatCode(() -> guard.check(request, request.getRestOperationType()))
                .doesNotThrowAnyException();
    }
}

package org.mediwox.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/** The user agent of an AuditEvent carries the role of the token's {@code fhirUser}, not always the patient's. */
class AuditTrailTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final String ROLE_CLASS = "http://terminology.hl7.org/CodeSystem/v3-RoleClass";

    private final List<AuditEvent> written = new ArrayList<>();
    private final AuditTrail trail = new AuditTrail(FHIR, new AuditEventWriter(null, 1) {
        @Override
        public void write(AuditRecord record) {
            written.add(AuditEvents.render(written.size() + 1, record));
        }
    });

    @AfterEach
    void clearToken() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void read_byAPractitionerUser_namesTheUserAsProviderNotPatient() {
        signIn("Practitioner/7", "user/*.rs");

        trail.completed(readOfAppointment());

        AuditEvent.AuditEventAgentComponent user = userAgent(written.get(0));
        assertThat(user.getWho().getReference()).isEqualTo("Practitioner/7");
        assertThat(user.getType().getCoding()).singleElement().satisfies(role -> {
            assertThat(role.getSystem()).isEqualTo(ROLE_CLASS);
            assertThat(role.getCode()).isEqualTo("PROV");
        });
    }

    @Test
    void read_byAPatientUser_namesTheUserAsPatient() {
        signIn("Patient/23", "patient/*.rs");

        trail.completed(readOfAppointment());

        AuditEvent.AuditEventAgentComponent user = userAgent(written.get(0));
        assertThat(user.getWho().getReference()).isEqualTo("Patient/23");
        assertThat(user.getType().getCodingFirstRep().getCode()).isEqualTo("PAT");
    }

    @Test
    void userRole_followsTheTypeOfRelativeAndAbsoluteReferences() {
        assertThat(AuditEvents.userRole("https://clinic.example/fhir/PractitionerRole/3")
                        .getCode())
                .isEqualTo("PROV");
        assertThat(AuditEvents.userRole("RelatedPerson/5").getCode()).isEqualTo("PRS");
        assertThat(AuditEvents.userRole("Device/9")).isNull();
    }

    private static AuditEvent.AuditEventAgentComponent userAgent(AuditEvent event) {
        return event.getAgent().stream()
                .filter(a -> a.getRequestor() && a.getWho().hasReference())
                .findFirst()
                .orElseThrow();
    }

    private static void signIn(String fhirUser, String scope) {
        Jwt jwt = Jwt.withTokenValue("token")
                .header("alg", "RS256")
                .claim("client_id", "test-app")
                .subject("someone")
                .claim("fhirUser", fhirUser)
                .claim("scope", scope)
                .build();
        SecurityContextHolder.getContext().setAuthentication(new JwtAuthenticationToken(jwt));
    }

    private ServletRequestDetails readOfAppointment() {
        MockHttpServletRequest http = new MockHttpServletRequest("GET", "/fhir/Appointment/1");
        ServletRequestDetails request = new ServletRequestDetails();
        request.setServer(new RestfulServer(FHIR));
        request.setServletRequest(http);
        request.setRequestType(RequestTypeEnum.GET);
        request.setRestOperationType(RestOperationTypeEnum.READ);
        request.setId(new IdType("Appointment", "1"));
        Appointment appointment = new Appointment();
        appointment.setId("Appointment/1");
        appointment.addParticipant().setActor(new Reference("Patient/23"));
        trail.keepResponse(request, appointment);
        return request;
    }
}

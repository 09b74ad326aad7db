package org.mediwox.server.security;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestSecurityComponent;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.UriType;

/** Declares SMART on FHIR in the CapabilityStatement: {@code rest.security} with the OAuth URIs extension. */
@Interceptor
public class CapabilityStatementSecurity {

    static final String OAUTH_URIS = "http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris";

    private final SmartConfiguration smart;

    CapabilityStatementSecurity(SmartConfiguration smart) {
        this.smart = smart;
    }

    @Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
    public void declareSecurity(IBaseConformance generated) {
        CapabilityStatement statement = (CapabilityStatement) generated;
        Map<String, Object> doc = smart.document();
        for (CapabilityStatement.CapabilityStatementRestComponent rest : statement.getRest()) {
            CapabilityStatementRestSecurityComponent security = new CapabilityStatementRestSecurityComponent();
            security.setCors(true);
            security.addService(new CodeableConcept(new Coding(
                    "http://terminology.hl7.org/CodeSystem/restful-security-service",
                    "SMART-on-FHIR",
                    "SMART-on-FHIR")));
            security.setDescription(
                    "SMART App Launch 2.x: OAuth2 bearer tokens with SMART scopes (v1 and v2); see"
                            + " /.well-known/smart-configuration. Every request except this CapabilityStatement needs a token.");
            Extension uris = security.addExtension().setUrl(OAUTH_URIS);
            add(uris, "authorize", doc.get("authorization_endpoint"));
            add(uris, "token", doc.get("token_endpoint"));
            add(uris, "revoke", doc.get("revocation_endpoint"));
            add(uris, "introspect", doc.get("introspection_endpoint"));
            rest.setSecurity(security);
        }
    }

    private static void add(Extension uris, String name, Object value) {
        if (value != null) {
            uris.addExtension(name, new UriType(value.toString()));
        }
    }
}

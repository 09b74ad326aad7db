package org.mediwox.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.mediwox.server.support.ServerIT;

/**
 * Only the clinician workspace and the sign-in pages its authorization runs through may be framed (by this server, and
 * by configured EHRs); the FHIR API, the patient app and every other page refuse every frame.
 */
class FramingHeadersIT extends ServerIT {

    @Test
    void theWorkspaceAndSignIn_mayBeFramedByThisServer_everythingElseByNobody() {
        for (String frameable : new String[] {"/login", "/clinician/"}) {
            HttpResponse<String> page = send(anonymousRequest(frameable));
            assertThat(page.headers().firstValue("Content-Security-Policy"))
                    .as(frameable)
                    .hasValue("frame-ancestors 'self'");
            assertThat(page.headers().firstValue("X-Frame-Options"))
                    .as(frameable)
                    .isEmpty();
        }
        for (String other : new String[] {"/app/", "/fhir/metadata", "/account/2fa", "/actuator/health"}) {
            HttpResponse<String> page = send(anonymousRequest(other));
            assertThat(page.headers().firstValue("X-Frame-Options")).as(other).hasValue("DENY");
            assertThat(page.headers().firstValue("Content-Security-Policy").orElse(""))
                    .as(other)
                    .doesNotContain("frame-ancestors 'self'");
        }
    }
}

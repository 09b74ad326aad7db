package org.mediwox.server.security;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import org.mediwox.plugin.access.LaunchPatient;

/**
 * Tells the modules whom a request acts for when its token is limited to one patient (its launch context, and only
 * {@code patient/} scopes on Appointments): {@code $find} then leaves out the times that patient already holds, without
 * an input naming the patient. Tokens that reach beyond one patient (a clinician's, a back end's) name none.
 */
@Interceptor
public class LaunchPatientMark {

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
    public void mark(RequestDetails request) {
        SmartAccess.current()
                .filter(access -> access.limitedToPatient("Appointment"))
                .ifPresent(access -> LaunchPatient.put(request.getUserData(), access.patient()));
    }
}

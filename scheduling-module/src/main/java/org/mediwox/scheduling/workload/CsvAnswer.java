package org.mediwox.scheduling.workload;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.hl7.fhir.r4.model.Binary;

/**
 * Writes the CSV answer of {@code $workload} as it is, whatever else the client's {@code Accept} lists: HAPI would encode
 * a Binary as FHIR JSON or XML when the request also accepts a FHIR format (the generic client and most FHIR tools send
 * {@code application/fhir+json}), and a spreadsheet would get base64.
 */
@Interceptor
public class CsvAnswer {

    static final String OPERATION = "$workload";

    @Hook(Pointcut.SERVER_OUTGOING_RESPONSE)
    public boolean write(RequestDetails request, ResponseDetails details, HttpServletResponse response)
            throws IOException {
        if (!OPERATION.equals(request.getOperation())
                || !(details.getResponseResource() instanceof Binary csv)
                || csv.getContentType() == null
                || !csv.getContentType().startsWith("text/csv")) {
            return true;
        }
        response.setStatus(200);
        response.setContentType(csv.getContentType());
        response.setHeader("Content-Disposition", "attachment; filename=\"workload.csv\"");
        response.getOutputStream().write(csv.getContent());
        response.getOutputStream().flush();
        return false; // answered
    }
}

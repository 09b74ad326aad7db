package org.mediwox.scheduling.booking;

import ca.uhn.fhir.jpa.api.dao.IDao;
import ca.uhn.fhir.jpa.model.dao.JpaPid;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.storage.TransactionDetails;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IAnyResource;
import org.hl7.fhir.r4.model.IdType;

/**
 * The resources a {@code $book}/{@code $hold} request has read (its Patient, the Slot), with the database ids HAPI
 * read them under, so that storing the Appointment that references them does not look each reference up again: HAPI
 * takes a reference it finds in the {@link TransactionDetails} as resolved. Only resources read by this request are
 * named, so a reference to anything else (a Location, a Practitioner) is still checked by HAPI as usual.
 */
final class ReadInRequest {

    private static final String KEY = ReadInRequest.class.getName();

    private ReadInRequest() {}

    /** Remembers {@code resource} (read through HAPI in this request) for the Appointment written later. */
    static void remember(RequestDetails request, IAnyResource resource) {
        JpaPid pid = resource == null ? null : IDao.RESOURCE_PID.get(resource);
        if (pid != null) {
            read(request)
                    .put(resource.fhirType() + "/" + resource.getIdElement().getIdPart(), pid);
        }
    }

    /** A transaction context in which the remembered resources' references count as resolved. */
    static TransactionDetails transactionDetails(RequestDetails request) {
        TransactionDetails details = new TransactionDetails();
        read(request).forEach((id, pid) -> details.addResolvedResourceId(new IdType(id), pid));
        return details;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, JpaPid> read(RequestDetails request) {
        return (Map<String, JpaPid>) request.getUserData().computeIfAbsent(KEY, k -> new LinkedHashMap<>());
    }
}

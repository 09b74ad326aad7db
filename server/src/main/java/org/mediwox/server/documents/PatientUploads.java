package org.mediwox.server.documents;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.mediwox.server.security.SmartAccess;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Patients delete their own uploads, and only those: a DocumentReference created with a token that acts for a patient
 * is recorded as that patient's upload ({@code mediwox.patient_upload}, in the creating transaction); a delete by such
 * a token (the authorization rules already keep it to the patient's compartment and need a {@code d} scope) is refused
 * with 403 unless the DocumentReference is that patient's upload — a clinic's prescription or report about the patient
 * stays. Checked where HAPI deletes, so a conditional delete and a delete in a transaction are checked alike.
 */
@Interceptor
public class PatientUploads {

    static final String TYPE = "DocumentReference";

    private final JdbcTemplate jdbc;

    PatientUploads(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
    public void recordUpload(IBaseResource resource) {
        if (!isDocument(resource)) {
            return;
        }
        actingPatient()
                .ifPresent(patient -> jdbc.update(
                        "insert into mediwox.patient_upload (resource_id, patient_id) values (?, ?)"
                                + " on conflict (resource_id) do nothing",
                        resource.getIdElement().getIdPart(),
                        patient));
    }

    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_DELETED)
    public void onlyOwnUploads(IBaseResource resource) {
        if (!isDocument(resource)) {
            return;
        }
        Optional<String> patient = actingPatient();
        if (patient.isEmpty()) {
            return;
        }
        String id = resource.getIdElement().getIdPart();
        Boolean own = jdbc.queryForObject(
                "select exists (select 1 from mediwox.patient_upload where resource_id = ? and patient_id = ?)",
                Boolean.class,
                id,
                patient.get());
        if (!Boolean.TRUE.equals(own)) {
            throw new ForbiddenOperationException(TYPE + "/" + id
                    + " was not uploaded by this patient: a patient may delete only the documents they uploaded;"
                    + " ask the clinic to remove it");
        }
    }

    private static boolean isDocument(IBaseResource resource) {
        return resource != null && TYPE.equals(resource.fhirType());
    }

    /**
     * The patient the request's token acts for on DocumentReferences, when it is limited to that patient; empty for
     * clinic users, back-end services and requests without a token (the server's own writes).
     */
    private static Optional<String> actingPatient() {
        return SmartAccess.current()
                .filter(access -> access.limitedToPatient(TYPE))
                .map(SmartAccess::patient);
    }
}

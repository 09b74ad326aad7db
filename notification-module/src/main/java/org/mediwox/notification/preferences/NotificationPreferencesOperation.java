package org.mediwox.notification.preferences;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import java.util.EnumMap;
import java.util.Map;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.mediwox.notification.preferences.ReminderChannels.Channel;
import org.mediwox.plugin.access.OperationAccess;

/**
 * {@code Patient/[id]/$notification-preferences}: how the patient wants appointment messages — by email, by SMS, both
 * or neither. {@code GET} answers the choice and the address each channel goes to; {@code POST} with {@code email}
 * and/or {@code sms} (booleans) changes it, stored on the Patient as the {@code notification-opt-out} extension the
 * notification planner honours. The contract is the OperationDefinition {@code patient-notification-preferences} in
 * {@code ig/}.
 *
 * <p>Reading the choice needs what reading the Patient does; a change ({@code email} or {@code sms} given) needs
 * {@code Patient.u} too ({@code patient/Patient.u} for the patient app), declared as {@link
 * OperationAccess#changingInputs()}; a patient's token reaches only its own patient. The Patient is read and written
 * with the caller's request, so the change is audited and validated as any update.
 */
public class NotificationPreferencesOperation {

    private static final int ATTEMPTS = 3;

    private final DaoRegistry daoRegistry;

    public NotificationPreferencesOperation(DaoRegistry daoRegistry) {
        this.daoRegistry = daoRegistry;
    }

    @Operation(name = "$notification-preferences", type = Patient.class, idempotent = true)
    @OperationAccess(
            anyOf = @OperationAccess.Grant(type = "Patient", permission = 'r'),
            instanceOfPatient = true,
            changingInputs = {"email", "sms"},
            toChange = @OperationAccess.Grant(type = "Patient", permission = 'u'))
    public Parameters preferences(
            @IdParam IdType patientId,
            @OperationParam(name = "email", max = 1) BooleanType email,
            @OperationParam(name = "sms", max = 1) BooleanType sms,
            RequestDetails request) {
        Map<Channel, Boolean> wanted = new EnumMap<>(Channel.class);
        if (email != null && email.hasValue()) {
            wanted.put(Channel.EMAIL, email.booleanValue());
        }
        if (sms != null && sms.hasValue()) {
            wanted.put(Channel.SMS, sms.booleanValue());
        }
        if (!wanted.isEmpty() && request.getRequestType() != RequestTypeEnum.POST) {
            throw new InvalidRequestException(
                    "$notification-preferences changes the choice only with POST (a Parameters body with email and/or"
                            + " sms); GET answers it");
        }
        IFhirResourceDao<Patient> dao = daoRegistry.getResourceDao(Patient.class);
        IdType id = new IdType("Patient", patientId.getIdPart());
        for (int attempt = 1; ; attempt++) {
            Patient patient = dao.read(id, request);
            boolean changed = false;
            for (Map.Entry<Channel, Boolean> choice : wanted.entrySet()) {
                changed |= ReminderChannels.choose(patient, choice.getKey(), choice.getValue());
            }
            if (!changed) {
                return ReminderChannels.describe(patient);
            }
            try {
                // the id read carries its version: a change made in between is a conflict, and the choice is applied
                // again to what that change stored
                dao.update(patient, request);
                return ReminderChannels.describe(patient);
            } catch (ResourceVersionConflictException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }
}

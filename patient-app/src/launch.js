// SMART standalone launch: fhirclient discovers the server's SMART configuration, sends the patient to log in
// (authorization code with PKCE, S256) and comes back to the app with the patient's context.
import FHIR from 'fhirclient';

const params = new URLSearchParams(window.location.search);
const iss = params.get('iss') ?? new URL('/fhir', window.location.origin).toString();

FHIR.oauth2.authorize({
  iss,
  clientId: params.get('client_id') ?? 'mediwox-patient-app',
  scope: 'openid fhirUser launch/patient patient/Patient.r patient/Appointment.cruds patient/Slot.rs '
    + 'patient/PractitionerRole.rs patient/Location.rs patient/DocumentReference.crs patient/Binary.r offline_access',
  redirectUri: new URL('./', window.location.href).toString(),
  pkceMode: 'required',
});

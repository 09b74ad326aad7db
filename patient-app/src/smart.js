// What the app asks the authorization server for (the launch's checks both apps share are in web-common's smart.js).

/** The scopes of the patient app: exactly what it uses (the server registers the same). */
export const SCOPES = [
  'openid',
  'fhirUser',
  'launch/patient',
  'offline_access',
  'patient/Patient.ru',
  'patient/Appointment.crus',
  'patient/Slot.rs',
  'patient/Schedule.rs',
  'patient/PractitionerRole.rs',
  'patient/Practitioner.rs',
  'patient/Location.rs',
  'patient/DocumentReference.crds',
  'patient/Binary.r',
].join(' ');

/** Whether fhirclient's session really holds a token for a patient (not just a launch that was started). */
export function signedIn(client) {
  return Boolean(client?.state?.tokenResponse?.access_token && client?.patient?.id);
}

/**
 * The FHIR server to sign in to: the one this app is served with, or another SMART server the build allowed
 * ({@code VITE_FHIR_SERVERS}) when a link names it ({@code ?iss=}). Any other base in a link is ignored: a link must
 * not send the patient to log in somewhere else.
 */
export function fhirBase(href, allowed = []) {
  const own = new URL('/fhir', href).toString();
  const asked = new URL(href).searchParams.get('iss')?.replace(/\/$/, '');
  return asked && [own, ...allowed.map((base) => base.trim().replace(/\/$/, ''))].includes(asked) ? asked : own;
}

/** An authorization request's URL with OpenID Connect's {@code prompt} set to {@code value}. */
export function withPrompt(url, value) {
  const request = new URL(url);
  request.searchParams.set('prompt', value);
  return request.toString();
}

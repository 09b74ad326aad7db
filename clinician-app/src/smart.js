// What the workspace asks the authorization server for, and which launch it is: an EHR launch (the EHR opened the app
// for a patient with ?iss=…&launch=…) or a standalone launch (the clinician opened /clinician/ and signs in). The
// launch's checks both apps share are in web-common's smart.js.

export const CLIENT_ID = 'mediwox-clinician-app';

/**
 * The clinic's resources the workspace reads and writes, as the clinician (the server registers the same); the staff
 * rules narrow them: a PractitionerRole's hours are a manager's to change, a clinician changes only their own leave.
 */
const USER_SCOPES = [
  'user/Appointment.cruds',
  'user/Slot.rs',
  'user/Schedule.rs',
  'user/PractitionerRole.rus',
  'user/Practitioner.rs',
  'user/Location.rs',
  'user/Organization.rs',
  'user/Patient.rs',
  'user/Task.rus',
];

/** Scopes of a launch: {@code launch} only with an EHR's launch id (standalone has no patient until one is chosen). */
export function scopesFor(ehr) {
  return [...(ehr ? ['launch'] : []), 'openid', 'fhirUser', 'offline_access', ...USER_SCOPES].join(' ');
}

/**
 * What launch.html starts: the FHIR server (always the one the workspace is served with: an {@code iss} naming
 * another is ignored, so a link cannot send the clinician to sign in elsewhere), the EHR's launch id when the EHR gave
 * one for this server, the scopes and where to come back.
 */
export function launchRequest(href) {
  const url = new URL(href);
  const own = new URL('/clinician/', href).toString().replace(/\/clinician\/$/, '/fhir');
  const iss = url.searchParams.get('iss')?.replace(/\/$/, '');
  const launch = url.searchParams.get('launch');
  const ehr = Boolean(launch) && (!iss || iss === own);
  return {
    iss: own,
    launch: ehr ? launch : null,
    scope: scopesFor(ehr),
    redirectUri: new URL('./', href).toString(),
    clientId: CLIENT_ID,
    pkceMode: 'required',
  };
}

/** Whether fhirclient's session holds a token (a launch that was started but not finished has none). */
export function signedIn(client) {
  return Boolean(client?.state?.tokenResponse?.access_token);
}

/** The launch context of the token: the patient (EHR launch) and whether the EHR asks the app to show a banner. */
export function launchContext(tokenResponse) {
  const patient = tokenResponse?.patient ?? null;
  return { patient, banner: Boolean(patient && tokenResponse?.need_patient_banner) };
}

/** The signed-in practitioner's id from fhirUser ({@code Practitioner/12} or a full URL), else null. */
export function practitionerId(fhirUser) {
  const match = /(?:^|\/)Practitioner\/([A-Za-z0-9.-]+)$/.exec(fhirUser ?? '');
  return match ? match[1] : null;
}

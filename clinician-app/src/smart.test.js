import { describe, expect, it } from 'vitest';
import { launchContext, launchRequest, practitionerId, scopesFor } from './smart.js';

describe('launch decisions', () => {
  const base = 'http://127.0.0.1:8080/clinician/launch.html';

  it('starts an EHR launch with the launch id and the launch scope', () => {
    const request = launchRequest(`${base}?iss=${encodeURIComponent('http://127.0.0.1:8080/fhir')}&launch=abc`);
    expect(request).toMatchObject({
      iss: 'http://127.0.0.1:8080/fhir',
      launch: 'abc',
      clientId: 'mediwox-clinician-app',
      redirectUri: 'http://127.0.0.1:8080/clinician/',
      pkceMode: 'required',
    });
    expect(request.scope.split(' ')).toContain('launch');
  });

  it('starts a standalone launch without the launch scope', () => {
    const request = launchRequest(base);
    expect(request.launch).toBeNull();
    expect(request.scope.split(' ')).not.toContain('launch');
    expect(request.scope.split(' ')).toEqual(expect.arrayContaining(['openid', 'fhirUser', 'user/Appointment.cruds']));
  });

  it('ignores an iss naming another server, and its launch', () => {
    const request = launchRequest(`${base}?iss=https://evil.example/fhir&launch=abc`);
    expect(request.iss).toBe('http://127.0.0.1:8080/fhir');
    expect(request.launch).toBeNull();
  });

  it('asks only for the scopes the server registers', () => {
    const registered =
      'openid fhirUser launch launch/patient offline_access user/Appointment.cruds user/Slot.rs user/Schedule.rs ' +
      'user/PractitionerRole.rus user/Practitioner.rs user/Location.rs user/Organization.rs user/Patient.rs ' +
      'user/Task.rus mediwox/overbook';
    for (const scope of scopesFor(true).split(' ')) expect(registered.split(' ')).toContain(scope);
  });

  it('shows the banner only for a launched patient the EHR asks for', () => {
    expect(launchContext({ patient: '7', need_patient_banner: true })).toEqual({ patient: '7', banner: true });
    expect(launchContext({ patient: '7' })).toEqual({ patient: '7', banner: false });
    expect(launchContext({})).toEqual({ patient: null, banner: false });
  });

  it('reads the practitioner from fhirUser', () => {
    expect(practitionerId('Practitioner/12')).toBe('12');
    expect(practitionerId('http://127.0.0.1:8080/fhir/Practitioner/12')).toBe('12');
    expect(practitionerId('Patient/3')).toBeNull();
  });
});

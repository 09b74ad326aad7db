import { describe, expect, it } from 'vitest';
import { fhirBase, SCOPES, signedIn, withPrompt } from './smart.js';

describe('smart', () => {
  it('signs in to the server the app is served with, or one the build allows, whatever the link says', () => {
    expect(fhirBase('http://127.0.0.1:8080/app/launch.html')).toBe('http://127.0.0.1:8080/fhir');
    expect(fhirBase('http://127.0.0.1:8080/app/launch.html?iss=http://127.0.0.1:8080/fhir/')).toBe(
      'http://127.0.0.1:8080/fhir',
    );
    expect(fhirBase('https://clinic.example/app/launch.html?iss=https://evil.example/fhir')).toBe(
      'https://clinic.example/fhir',
    );
    const allowed = ['https://ehr.example/fhir/r4/'];
    expect(fhirBase('https://clinic.example/app/launch.html?iss=https://ehr.example/fhir/r4', allowed)).toBe(
      'https://ehr.example/fhir/r4',
    );
    expect(fhirBase('https://clinic.example/app/launch.html?iss=https://evil.example/fhir', allowed)).toBe(
      'https://clinic.example/fhir',
    );
  });

  it('takes a session for signed in only with a token for a patient', () => {
    expect(signedIn({ state: { tokenResponse: { access_token: 'x' } }, patient: { id: '7' } })).toBe(true);
    expect(signedIn({ state: { tokenResponse: {} }, patient: { id: null } })).toBe(false);
    expect(signedIn({ state: {}, patient: { id: '7' } })).toBe(false);
  });

  it('asks for patient scopes only, with the patient context and a refresh token', () => {
    const scopes = SCOPES.split(' ');
    expect(scopes).toContain('launch/patient');
    expect(scopes).toContain('offline_access');
    expect(
      scopes.filter((s) => s.includes('/') && !s.startsWith('launch/')).every((s) => s.startsWith('patient/')),
    ).toBe(true);
  });

  it('asks the server to choose again by adding prompt=select_account to the authorization request', () => {
    const url = withPrompt(
      'http://127.0.0.1:8080/oauth2/authorize?response_type=code&client_id=app&state=x%2By',
      'select_account',
    );
    const params = new URL(url).searchParams;
    expect(params.get('prompt')).toBe('select_account');
    expect(params.get('state')).toBe('x+y');
    expect(params.get('client_id')).toBe('app');
  });
});

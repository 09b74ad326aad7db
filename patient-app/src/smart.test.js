import { describe, expect, it } from 'vitest';
import { loopbackAddress, needsLaunch, SCOPES } from './smart.js';

describe('smart', () => {
  it('moves a page opened on localhost to 127.0.0.1, keeping port, path and query', () => {
    expect(loopbackAddress('http://localhost:8080/app/launch.html?iss=x')).toBe(
      'http://127.0.0.1:8080/app/launch.html?iss=x',
    );
    expect(loopbackAddress('http://127.0.0.1:8080/app/')).toBeNull();
    expect(loopbackAddress('https://clinic.example/app/')).toBeNull();
  });

  it('starts the launch only when no sign-in is under way or done', () => {
    const empty = { getItem: () => null };
    const signedIn = { getItem: (k) => (k === 'SMART_KEY' ? '"abc"' : null) };
    expect(needsLaunch('http://127.0.0.1/app/', empty)).toBe(true);
    expect(needsLaunch('http://127.0.0.1/app/?code=1&state=2', empty)).toBe(false);
    expect(needsLaunch('http://127.0.0.1/app/?error=access_denied', empty)).toBe(false);
    expect(needsLaunch('http://127.0.0.1/app/', signedIn)).toBe(false);
  });

  it('asks for patient scopes only, with the patient context and a refresh token', () => {
    const scopes = SCOPES.split(' ');
    expect(scopes).toContain('launch/patient');
    expect(scopes).toContain('offline_access');
    expect(
      scopes.filter((s) => s.includes('/') && !s.startsWith('launch/')).every((s) => s.startsWith('patient/')),
    ).toBe(true);
  });
});

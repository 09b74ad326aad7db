import { describe, expect, it } from 'vitest';
import { loopbackAddress, needsLaunch } from './smart.js';

describe('smart', () => {
  it('moves localhost to 127.0.0.1, keeping the path and query, and leaves other hosts alone', () => {
    expect(loopbackAddress('http://localhost:8080/app/launch.html?iss=x')).toBe(
      'http://127.0.0.1:8080/app/launch.html?iss=x',
    );
    expect(loopbackAddress('http://localhost:8080/clinician/')).toBe('http://127.0.0.1:8080/clinician/');
    expect(loopbackAddress('http://127.0.0.1:8080/app/')).toBeNull();
    expect(loopbackAddress('https://clinic.example/app/')).toBeNull();
  });

  it('starts the launch only when no sign-in is under way or done', () => {
    const empty = { getItem: () => null };
    const signedIn = { getItem: (k) => (k === 'SMART_KEY' ? '"abc"' : null) };
    expect(needsLaunch('http://127.0.0.1/app/', empty)).toBe(true);
    expect(needsLaunch('http://127.0.0.1/clinician/?code=1&state=2', empty)).toBe(false);
    expect(needsLaunch('http://127.0.0.1/app/?error=access_denied', empty)).toBe(false);
    expect(needsLaunch('http://127.0.0.1/app/', signedIn)).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { bookingError, errorMessage } from './booking.js';
import { REFUSAL_SYSTEM, refusalCode } from './refusals.js';

/** An OperationOutcome as the server answers a refused $book, with or without a refusal code. */
const outcome = (code, diagnostics = 'Patient/4 already has an appointment from 2026-12-01T14:00:00Z') => ({
  resourceType: 'OperationOutcome',
  issue: [
    {
      severity: 'error',
      code: 'conflict',
      ...(code ? { details: { coding: [{ system: REFUSAL_SYSTEM, code }], text: diagnostics } } : {}),
      diagnostics,
    },
  ],
});
/** As fhirclient's HttpError carries it: the status line, the URL, then the body after a blank line. */
const httpError = (status, body) =>
  Object.assign(new Error(`${status} Conflict\nURL: http://x/fhir/Appointment/$book\n\n${JSON.stringify(body)}`), {
    status,
  });

describe('refusal codes', () => {
  it('reads the code from an OperationOutcome or from the outcome entry of a Bundle', () => {
    expect(refusalCode(outcome('patient-busy'))).toBe('patient-busy');
    expect(refusalCode({ resourceType: 'Bundle', entry: [{ resource: outcome('slot-taken') }] })).toBe('slot-taken');
    expect(refusalCode(outcome(null))).toBeNull();
    expect(refusalCode(null)).toBeNull();
    // another system's code, or a code the app has no text for, is not taken for one
    const other = outcome(null);
    other.issue[0].details = { coding: [{ system: 'http://example.org', code: 'patient-busy' }] };
    expect(refusalCode(other)).toBeNull();
    expect(refusalCode(outcome('something-new'))).toBeNull();
  });

  it("says 'You already have an appointment then' for patient-busy, in English and Spanish", () => {
    const busy = httpError(409, outcome('patient-busy'));
    expect(bookingError(busy, 'en')).toBe('You already have an appointment then. Please choose another time.');
    expect(bookingError(busy, 'es')).toBe('Ya tiene una cita a esa hora. Elija otra hora, por favor.');
  });

  it("maps every code to the app's own text, never the server's English sentence", () => {
    for (const code of ['slot-taken', 'provider-busy', 'no-capacity', 'window-in-past', 'hold-expired']) {
      const error = httpError(422, outcome(code, 'The window 2026-01-01T00:00:00Z to … is in the past'));
      for (const language of ['en', 'es']) {
        const text = bookingError(error, language);
        expect(text).not.toMatch(/window|Z to/);
        expect(errorMessage(error, language)).toBe(text);
      }
    }
    expect(bookingError(httpError(422, outcome('window-in-past')), 'es')).toMatch(/^Esa hora ya ha pasado/);
  });

  it("falls back to today's behaviour without a code: a 409 is a taken time, else the server's message", () => {
    expect(bookingError(httpError(409, outcome(null)), 'es')).toMatch(/^Esa hora ya no está libre/);
    expect(bookingError(httpError(422, outcome(null, 'No pool for that specialty')))).toBe(
      'No pool for that specialty',
    );
    // HAPI's message numbers are dropped; a 403 is said plainly
    expect(errorMessage(httpError(400, outcome(null, 'HAPI-0450: Unknown search parameter')))).toBe(
      'Unknown search parameter',
    );
    expect(errorMessage(httpError(403, outcome(null, 'HAPI-0333: Access denied by rule: x')), 'en')).toBe(
      'This is not available to your account.',
    );
  });
});

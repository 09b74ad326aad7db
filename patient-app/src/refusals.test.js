import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bookingError, errorMessage } from './booking.js';
import { t } from './i18n.js';
import { REFUSAL_CODES, REFUSAL_SYSTEM, refusalCode, refusalKey } from './refusals.js';

/** The codes of CodeSystem booking-refusal as the IG defines them (the FSH source, not a copy of it). */
function igRefusalCodes() {
  const fsh = readFileSync(new URL('../../ig/input/fsh/extensions.fsh', import.meta.url), 'utf8');
  const block = fsh.slice(fsh.indexOf('CodeSystem: BookingRefusal')).split(/\n\s*\n/)[0];
  return [...block.matchAll(/^\* #([\w-]+) /gm)].map((m) => m[1]);
}

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
    // another system's code is not taken for one; a newer server's code is, and a known one wins over it
    const other = outcome(null);
    other.issue[0].details = { coding: [{ system: 'http://example.org', code: 'patient-busy' }] };
    expect(refusalCode(other)).toBeNull();
    expect(refusalCode(outcome('something-new'))).toBe('something-new');
    const both = outcome('something-new');
    both.issue[0].details.coding.push({ system: REFUSAL_SYSTEM, code: 'slot-taken' });
    expect(refusalCode(both)).toBe('slot-taken');
  });

  it('has a text in English and in Spanish for every code of the CodeSystem booking-refusal', () => {
    const codes = igRefusalCodes();
    expect(codes).toHaveLength(27);
    expect([...REFUSAL_CODES].sort()).toEqual([...codes].sort());
    for (const code of codes) {
      expect(refusalKey(code)).toBe(`refusal.${code}`);
      const english = t('en', `refusal.${code}`);
      const spanish = t('es', `refusal.${code}`);
      expect(english, code).toMatch(/\.$/);
      expect(spanish, code).toMatch(/\.$/);
      // a Spanish text of its own, not the English fallback of t()
      expect(spanish, code).not.toBe(english);
    }
  });

  it("says every refusal in the patient's words, never the server's diagnostics", () => {
    const diagnostics = 'Appointment/42 is held for Patient/7, not Patient/9';
    for (const code of igRefusalCodes()) {
      const error = httpError(422, outcome(code, diagnostics));
      for (const language of ['en', 'es']) {
        expect(bookingError(error, language)).toBe(t(language, `refusal.${code}`));
        expect(errorMessage(error, language)).toBe(t(language, `refusal.${code}`));
      }
    }
    expect(bookingError(httpError(422, outcome('held-for-another-patient', diagnostics)), 'es')).toBe(
      'Esta hora está reservada para otra persona. Elija otra hora, por favor.',
    );
  });

  it("says a code the app does not know yet in general words in both languages, never the server's text", () => {
    const error = httpError(422, outcome('something-new', 'The moon is in the wrong phase'));
    expect(bookingError(error, 'en')).toBe('The clinic could not do this. Please try again, or call the clinic.');
    expect(errorMessage(error, 'es')).toBe(
      'La clínica no ha podido hacerlo. Vuelva a intentarlo o llame a la clínica.',
    );
    expect(refusalKey('something-new')).toBe('refusal.unknown');
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

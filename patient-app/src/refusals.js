// The server's refusals in the patient's words: $book, $hold, $find and $cancel put a machine-readable code on their
// OperationOutcome issues (issue.details.coding, CodeSystem booking-refusal); the app says each code in its own words
// (refusal.<code> in i18n.js) and a code it does not know yet in general words, never with the server's English
// diagnostics. Without a code (an older server, another SMART server) the app says what it said before.

export const REFUSAL_SYSTEM = 'https://mediwox.org/fhir/CodeSystem/booking-refusal';

/**
 * The codes of CodeSystem booking-refusal (ig/input/fsh/extensions.fsh), each with its text {@code refusal.<code>}
 * in i18n.js; a test reads the CodeSystem so that a new code without a text fails it.
 */
export const REFUSAL_CODES = [
  'slot-taken',
  'provider-busy',
  'patient-busy',
  'reserved-for-urgent',
  'no-capacity',
  'no-provider',
  'window-in-past',
  'window-invalid',
  'hold-expired',
  'not-held',
  'held-for-another-patient',
  'confirm-with-book',
  'already-cancelled',
  'not-patients-appointment',
  'slot-in-use',
  'group-slot',
  'unknown-patient',
  'unknown-slot',
  'unknown-appointment',
  'unknown-coverage',
  'not-patients-coverage',
  'ambiguous-patient',
  'idempotency-key-reused',
  'overbooking-not-allowed',
  'changed-meanwhile',
  'not-permitted',
  'invalid-input',
];

/** The OperationOutcome of an answer: the resource itself, or the outcome entry of a Bundle ($hold/$book answer so). */
export function outcomeOf(answer) {
  if (answer?.resourceType === 'OperationOutcome') return answer;
  if (answer?.resourceType === 'Bundle')
    return answer.entry?.map((e) => e.resource).find((r) => r?.resourceType === 'OperationOutcome') ?? null;
  return null;
}

/**
 * The first booking-refusal code of an OperationOutcome (or a Bundle carrying one), else null: a code the app knows
 * first, else any code of the CodeSystem (a newer server's), which {@link refusalKey} says in general words.
 */
export function refusalCode(answer) {
  const codes = (outcomeOf(answer)?.issue ?? [])
    .flatMap((issue) => issue.details?.coding ?? [])
    .filter((c) => c.system === REFUSAL_SYSTEM && c.code)
    .map((c) => c.code);
  return codes.find((code) => REFUSAL_CODES.includes(code)) ?? codes[0] ?? null;
}

/** The i18n key of a refusal code: its own text, or the general one for a code the app does not know. */
export function refusalKey(code) {
  return REFUSAL_CODES.includes(code) ? `refusal.${code}` : 'refusal.unknown';
}

/** The response body of a failed fhirclient request (its HttpError message carries it after a blank line), or null. */
export function errorBody(error) {
  const message = String(error?.message ?? '');
  const body = message.indexOf('\n\n');
  if (body < 0) return null;
  try {
    return JSON.parse(message.slice(body + 2));
  } catch {
    return null;
  }
}

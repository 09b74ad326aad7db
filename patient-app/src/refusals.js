// The server's refusals in the patient's words: $book, $hold and $find put a machine-readable code on their
// OperationOutcome issues (issue.details.coding, CodeSystem booking-refusal); the app maps each code it knows to its
// own text. Without a code (an older server, another SMART server) the app says what it said before.

export const REFUSAL_SYSTEM = 'https://mediwox.org/fhir/CodeSystem/booking-refusal';

/** The codes the app has its own text for ({@code refusal.<code>} in i18n.js). */
export const REFUSAL_CODES = [
  'slot-taken',
  'patient-busy',
  'provider-busy',
  'no-capacity',
  'window-in-past',
  'hold-expired',
];

/** The OperationOutcome of an answer: the resource itself, or the outcome entry of a Bundle ($hold/$book answer so). */
export function outcomeOf(answer) {
  if (answer?.resourceType === 'OperationOutcome') return answer;
  if (answer?.resourceType === 'Bundle')
    return answer.entry?.map((e) => e.resource).find((r) => r?.resourceType === 'OperationOutcome') ?? null;
  return null;
}

/** The first booking-refusal code of an OperationOutcome (or a Bundle carrying one) the app knows, else null. */
export function refusalCode(answer) {
  for (const issue of outcomeOf(answer)?.issue ?? []) {
    const coding = (issue.details?.coding ?? []).find(
      (c) => c.system === REFUSAL_SYSTEM && REFUSAL_CODES.includes(c.code),
    );
    if (coding) return coding.code;
  }
  return null;
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

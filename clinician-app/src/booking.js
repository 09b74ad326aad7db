// Booking for the launched patient: $find (one provider's free times), $book (into a pool, next in turn, or a chosen
// proposal; a reschedule names the old appointment), $cancel; what the server answered and why, in the clinician's
// language from the structured assignment explanation (never from the server's sentence); refusals by their code.
import { payerNews } from './coverage.js';
import { t } from './i18n.js';

export const REFUSAL_SYSTEM = 'https://mediwox.org/fhir/CodeSystem/booking-refusal';
export const REFUSAL_CODES = [
  'slot-taken',
  'patient-busy',
  'provider-busy',
  'no-capacity',
  'window-in-past',
  'hold-expired',
];
const EXPLANATION = 'https://mediwox.org/fhir/StructureDefinition/assignment-explanation';

/** A new Idempotency-Key for one booking (kept for its retries, so a double click books once). */
export function newIdempotencyKey() {
  return globalThis.crypto.randomUUID();
}

/** $book into the pool of a specialty (the next provider in turn), or of a $find proposal; urgent; a reschedule. */
export function bookParameters({ patientId, specialty, proposalId, urgent = false, replaces }) {
  if (!patientId) throw new Error('patientId is required');
  if (!specialty && !proposalId) throw new Error('specialty or proposalId is required');
  const parameter = [{ name: 'patient-reference', valueReference: { reference: `Patient/${patientId}` } }];
  if (proposalId)
    parameter.push({ name: 'appointment-reference', valueReference: { reference: `Appointment/${proposalId}` } });
  else parameter.push({ name: 'specialty', valueString: specialty });
  parameter.push({ name: 'priority', valueString: urgent ? 'urgent' : 'routine' });
  if (replaces) parameter.push({ name: 'cancelled-appt-id', valueString: replaces });
  return { resourceType: 'Parameters', parameter };
}

/** $find: free times of a specialty in the next {@code days} days, optionally of one practitioner. */
export function findParameters({ patientId, specialty, practitioner, from = new Date(), days = 14, count = 8 }) {
  const parameter = [
    { name: 'start', valueDateTime: from.toISOString() },
    { name: 'end', valueDateTime: new Date(from.getTime() + days * 864e5).toISOString() },
    { name: 'specialty', valueString: specialty },
  ];
  if (practitioner) parameter.push({ name: 'practitioner', valueReference: { reference: practitioner } });
  if (patientId) parameter.push({ name: 'patient-reference', valueReference: { reference: `Patient/${patientId}` } });
  parameter.push({ name: '_count', valueInteger: count });
  return { resourceType: 'Parameters', parameter };
}

/** The Bundle an operation answered (itself, or a Parameters' {@code return}). */
export function operationBundle(answer) {
  if (answer?.resourceType === 'Bundle') return answer;
  return answer?.parameter?.find((p) => p.name === 'return')?.resource ?? null;
}

const actorOf = (appointment, type) =>
  appointment?.participant?.map((p) => p.actor).find((a) => a?.reference?.startsWith(`${type}/`));

/** The provider's name of an Appointment: the participant's display, else the directory's name. */
export function providerName(appointment, names = new Map()) {
  const actor = actorOf(appointment, 'PractitionerRole') ?? actorOf(appointment, 'Practitioner');
  return actor ? (actor.display ?? names.get(actor.reference) ?? actor.reference) : null;
}

/** $find's proposals, earliest first: id, start, end, provider. */
export function proposals(answer, names = new Map()) {
  return (operationBundle(answer)?.entry ?? [])
    .map((e) => e.resource)
    .filter((r) => r?.resourceType === 'Appointment' && r.start)
    .map((r) => ({ id: r.id ?? null, start: r.start, end: r.end, provider: providerName(r, names) }))
    .sort((a, b) => new Date(a.start) - new Date(b.start));
}

/** The structured assignment explanation of an Appointment (method, poolSize, skipped…), or null. */
export function explanation(appointment) {
  const extension = appointment?.extension?.find((e) => e.url === EXPLANATION);
  if (!extension?.extension) return null;
  const value = (parent, url) => {
    const part = parent.extension?.find((e) => e.url === url);
    return part?.valueCode ?? part?.valueString ?? part?.valueInteger ?? part?.valueReference ?? null;
  };
  return {
    method: value(extension, 'method'),
    pool: value(extension, 'pool'),
    poolSize: value(extension, 'poolSize'),
    turn: value(extension, 'turn'),
    skipped: extension.extension
      .filter((e) => e.url === 'skipped')
      .map((s) => ({ provider: value(s, 'provider'), reason: value(s, 'reason'), slot: value(s, 'slot') })),
  };
}

/**
 * Why this provider, in the clinician's language, from the explanation's values: the one whose turn it was among n
 * (after providers without a free time), an urgent request's earliest time, or the provider the clinician chose.
 */
export function whyText(why, provider, language) {
  if (why?.method === 'rotation' && why.poolSize) {
    const passedOver = (why.skipped ?? []).some((s) => !s.slot);
    return t(language, passedOver ? 'why.rotationLater' : 'why.rotation', { provider, count: why.poolSize });
  }
  if (why?.method === 'urgent-earliest') return t(language, 'why.urgent');
  return t(language, 'why.chosen', { provider });
}

/** What $book answered: the booked Appointment, the one a reschedule cancelled, and the explanation. */
export function bookingResult(answer) {
  const appointments = (operationBundle(answer)?.entry ?? [])
    .map((e) => e.resource)
    .filter((r) => r?.resourceType === 'Appointment');
  const booked = appointments.find((a) => a.status === 'booked') ?? null;
  return {
    booked,
    replaced: appointments.find((a) => a.status === 'cancelled') ?? null,
    why: explanation(booked),
    payer: payerNews(booked, answer),
  };
}

/** The OperationOutcome of an answer (the resource, or a refusal Bundle's outcome entry). */
export function outcomeOf(answer) {
  if (answer?.resourceType === 'OperationOutcome') return answer;
  if (answer?.resourceType === 'Bundle')
    return answer.entry?.map((e) => e.resource).find((r) => r?.resourceType === 'OperationOutcome') ?? null;
  return null;
}

/** The first booking-refusal code the workspace has words for, else null. */
export function refusalCode(answer) {
  for (const issue of outcomeOf(answer)?.issue ?? []) {
    const coding = (issue.details?.coding ?? []).find(
      (c) => c.system === REFUSAL_SYSTEM && REFUSAL_CODES.includes(c.code),
    );
    if (coding) return coding.code;
  }
  return null;
}

/** The body of a failed fhirclient request (its HttpError message carries it after a blank line), or null. */
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

/**
 * What to tell the clinician about a failed call: a refusal's code in their words, a 409 as taken, the server cannot
 * be reached, a server fault (never its internals), a 403, else the server's diagnostics without HAPI's numbers.
 */
export function errorMessage(error, language) {
  const message = String(error?.message ?? error);
  if (/^(Failed to fetch|NetworkError|Load failed)/.test(message)) return t(language, 'state.offline');
  const body = errorBody(error);
  const code = refusalCode(body);
  if (code) return t(language, `refusal.${code}`);
  const status = error?.status ?? Number(/^(\d{3}) /.exec(message)?.[1]);
  if (status >= 500) return t(language, 'state.serverTrouble');
  if (status === 403) return t(language, 'state.notAllowed');
  if (status === 409) return t(language, 'state.taken');
  const said = outcomeOf(body)
    ?.issue?.map((i) => i.diagnostics ?? i.details?.text)
    .filter(Boolean)
    .join(' ')
    .replace(/^HAPI-\d+: /, '');
  return said || message.split('\n')[0];
}

/** The kinds of visit of the clinic's active roles ({@code system|code} with a name) and its providers per kind. */
export function directory(bundle) {
  const kinds = new Map();
  const providers = [];
  for (const role of (bundle?.entry ?? []).map((e) => e.resource)) {
    if (role?.resourceType !== 'PractitionerRole' || role.active === false) continue;
    const tokens = [];
    for (const coding of (role.specialty ?? []).flatMap((c) => c.coding ?? [])) {
      if (!coding.system || !coding.code) continue;
      const token = `${coding.system}|${coding.code}`;
      tokens.push(token);
      if (!kinds.has(token)) kinds.set(token, { token, name: coding.display ?? coding.code });
    }
    if (role.practitioner?.reference)
      providers.push({
        practitioner: role.practitioner.reference,
        role: `PractitionerRole/${role.id}`,
        name: role.practitioner.display ?? role.practitioner.reference,
        kinds: tokens,
      });
  }
  return {
    kinds: [...kinds.values()].sort((a, b) => a.name.localeCompare(b.name)),
    providers: providers.sort((a, b) => a.name.localeCompare(b.name)),
    names: new Map(providers.map((p) => [p.role, p.name])),
  };
}

/** The specialty ({@code system|code}) of an Appointment, to reschedule into the same kind of visit. */
export function specialtyOf(appointment) {
  const coding = (appointment?.specialty ?? []).flatMap((c) => c.coding ?? []).find((c) => c.system && c.code);
  return coding ? `${coding.system}|${coding.code}` : null;
}

/** The patient's upcoming active appointments, earliest first (holds and cancelled ones left out). */
export function upcoming(bundle, now = new Date()) {
  return (bundle?.entry ?? [])
    .map((e) => e.resource)
    .filter(
      (r) => r?.resourceType === 'Appointment' && r.start && ['booked', 'arrived', 'checked-in'].includes(r.status),
    )
    .filter((r) => new Date(r.end ?? r.start) >= now)
    .sort((a, b) => new Date(a.start) - new Date(b.start));
}

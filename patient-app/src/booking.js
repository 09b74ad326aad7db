// The FHIR exchanges of booking: $book into a provider pool (one tap, an Idempotency-Key so that a double tap or a
// retry books once), reading what was booked and why, the patient's appointments, cancel and reschedule.
import { t } from './i18n.js';
import { isPayerIssue, payerNews } from '@mediwox/web-common/payer.js';
import { errorBody, refusalCode, refusalKey } from './refusals.js';

/** A new Idempotency-Key for one booking attempt (kept for its retries). */
export function newIdempotencyKey() {
  return globalThis.crypto.randomUUID();
}

/**
 * Idempotency-Keys per thing the patient tapped (a time, or "the next one"): a retry of the same tap reuses its key,
 * so a double tap or a retry after a lost answer books once; another time gets its own key; {@code clear()} after a
 * booking went through.
 */
export function idempotencyKeys() {
  const keys = new Map();
  return {
    keyFor(target) {
      if (!keys.has(target)) keys.set(target, newIdempotencyKey());
      return keys.get(target);
    },
    clear() {
      keys.clear();
    },
  };
}

/** The Parameters of Appointment/$book into the pool of a specialty (and location), optionally urgent or a reschedule. */
export function bookParameters({
  patientId,
  specialty,
  proposalId,
  locationId,
  urgent = false,
  start,
  end,
  replaces,
  comment,
}) {
  if (!patientId) throw new Error('patientId is required');
  if (!specialty && !proposalId) throw new Error('specialty is required');
  const parameter = [{ name: 'patient-reference', valueReference: { reference: `Patient/${patientId}` } }];
  if (proposalId) {
    // one provider's proposal from $find: that provider at that time, no pool choice
    parameter.push({ name: 'appointment-reference', valueReference: { reference: `Appointment/${proposalId}` } });
    parameter.push({ name: 'priority', valueString: urgent ? 'urgent' : 'routine' });
    if (replaces) parameter.push({ name: 'cancelled-appt-id', valueString: replaces });
    if (comment) parameter.push({ name: 'comment', valueString: comment });
    return { resourceType: 'Parameters', parameter };
  }
  parameter.push({ name: 'specialty', valueString: specialty });
  if (locationId)
    parameter.push({ name: 'location-reference', valueReference: { reference: `Location/${locationId}` } });
  if (start) parameter.push({ name: 'start', valueDateTime: start });
  if (end) parameter.push({ name: 'end', valueDateTime: end });
  parameter.push({ name: 'priority', valueString: urgent ? 'urgent' : 'routine' });
  if (replaces) parameter.push({ name: 'cancelled-appt-id', valueString: replaces });
  if (comment) parameter.push({ name: 'comment', valueString: comment });
  return { resourceType: 'Parameters', parameter };
}

/** The Parameters of $book confirming a held Appointment: exactly that provider and time, with the visit reason. */
export function confirmParameters({ patientId, heldId, comment }) {
  const parameter = [
    { name: 'appointment-reference', valueReference: { reference: `Appointment/${heldId}` } },
    { name: 'patient-reference', valueReference: { reference: `Patient/${patientId}` } },
  ];
  if (comment) parameter.push({ name: 'comment', valueString: comment });
  return { resourceType: 'Parameters', parameter };
}

const HOLD_EXPIRY = 'https://mediwox.org/fhir/StructureDefinition/hold-expiry';

/**
 * What a pool $hold answered: the pending Appointment, its provider (name, PractitionerRole reference), when, until
 * when it is held and why this provider (the Appointment's explanation); null without a pending Appointment.
 */
export function holdResult(answer, names = new Map()) {
  const held = (operationBundle(answer)?.entry ?? [])
    .map((e) => e.resource)
    .find((r) => r?.resourceType === 'Appointment' && r.status === 'pending');
  if (!held) return null;
  return {
    appointment: held,
    ...whoAndWhere(held, names),
    providerRef: actorOf(held, 'PractitionerRole')?.reference ?? null,
    locationId: actorOf(held, 'Location')?.reference.slice('Location/'.length) ?? null,
    start: held.start,
    end: held.end,
    until: held.extension?.find((e) => e.url === HOLD_EXPIRY)?.valueInstant ?? null,
    why: explanation(held),
  };
}

/**
 * The held Appointment set cancelled, to release it when the patient leaves the review: sent with If-Match on the
 * version that was held, so that a hold booked meanwhile (a Confirm whose answer was lost) is never cancelled by it.
 */
export function releasedHold(held) {
  return {
    ...held,
    status: 'cancelled',
    participant: (held.participant ?? []).map((p) => ({ ...p, status: 'declined' })),
  };
}

export const GENERAL_PRACTICE = 'http://snomed.info/sct|394814009';

/**
 * The kinds of visit and places patients can book, from the clinic's active PractitionerRoles (a searchset Bundle
 * with their Locations included): each specialty ({@code system|code}) and each Location, sorted by name, and the
 * names of the roles and places ({@link actorNames}).
 */
export function directory(bundle) {
  const resources = (bundle?.entry ?? []).map((e) => e.resource).filter(Boolean);
  const specialties = new Map();
  const locations = new Map();
  const roles = [];
  const genders = new Map();
  const practitioners = new Map(
    resources.filter((r) => r.resourceType === 'Practitioner').map((r) => [`Practitioner/${r.id}`, r]),
  );
  const practitionerGender = new Map([...practitioners].map(([reference, p]) => [reference, p.gender]));
  for (const r of resources) {
    if (r.resourceType === 'PractitionerRole' && r.active !== false) {
      const tokens = [];
      for (const coding of (r.specialty ?? []).flatMap((c) => c.coding ?? [])) {
        if (coding.system && coding.code) {
          const token = `${coding.system}|${coding.code}`;
          tokens.push(token);
          if (!specialties.has(token)) specialties.set(token, { token, display: coding.display ?? null });
        }
      }
      const gender = practitionerGender.get(r.practitioner?.reference);
      if (gender) genders.set(`PractitionerRole/${r.id}`, gender);
      const practitioner = practitioners.get(r.practitioner?.reference);
      roles.push({
        reference: `PractitionerRole/${r.id}`,
        name: r.practitioner?.display ?? r.id,
        specialties: tokens,
        locations: (r.location ?? []).map((l) => l.reference),
        languages: spokenLanguages(practitioner),
        photo: photoOf(practitioner),
      });
    }
    if (r.resourceType === 'Location' && r.status !== 'inactive') {
      const address = r.address
        ? (r.address.text ??
          [...(r.address.line ?? []), [r.address.postalCode, r.address.city].filter(Boolean).join(' ')]
            .filter(Boolean)
            .join(', '))
        : null;
      const phone = (r.telecom ?? []).find((c) => c.system === 'phone')?.value ?? null;
      locations.set(r.id, { id: r.id, name: r.name ?? r.id, address: address || null, phone });
    }
  }
  const byName = (a, b) => String(a.display ?? a.name).localeCompare(String(b.display ?? b.name));
  const sorted = [...specialties.values()].sort(byName);
  // the visit most patients come for first: general practice when the clinic has it
  const gp = sorted.findIndex((s) => s.token === GENERAL_PRACTICE);
  if (gp > 0) sorted.unshift(...sorted.splice(gp, 1));
  return {
    specialties: sorted,
    locations: [...locations.values()].sort(byName),
    roles: roles.sort((a, b) => a.name.localeCompare(b.name)),
    genders,
    names: actorNames(bundle),
  };
}

/** The languages a Practitioner speaks ({@code communication}, BCP-47 codes as 'es', 'en'), in the directory's order. */
export function spokenLanguages(practitioner) {
  const codes = (practitioner?.communication ?? []).flatMap((c) =>
    (c.coding ?? []).map((coding) => coding.code).filter(Boolean),
  );
  return [...new Set(codes.map((code) => code.toLowerCase().split(/[-_]/)[0]))];
}

/** The Practitioner's photo as an image address (its url, or its data inline), or null: never one made up. */
export function photoOf(practitioner) {
  const photo = (practitioner?.photo ?? []).find((p) => p.url || (p.data && p.contentType?.startsWith('image/')));
  if (!photo) return null;
  return photo.data ? `data:${photo.contentType};base64,${photo.data}` : photo.url;
}

/**
 * The Parameters of Appointment/$find: free times of a specialty (at a location) from {@code from} (now) to {@code to}
 * (else {@code days} later), the earliest first.
 */
export function findParameters({
  patientId,
  specialty,
  locationId,
  practitioner,
  from = new Date(),
  to,
  days = 14,
  count = 5,
}) {
  const parameter = [
    { name: 'start', valueDateTime: from.toISOString() },
    { name: 'end', valueDateTime: (to ?? new Date(from.getTime() + days * 864e5)).toISOString() },
    { name: 'specialty', valueString: specialty },
  ];
  // several providers (e.g. those who speak a language): $find takes one kind of actor repeated as OR
  for (const reference of [practitioner].flat().filter(Boolean))
    parameter.push({ name: 'practitioner', valueReference: { reference } });
  if (locationId)
    parameter.push({ name: 'location-reference', valueReference: { reference: `Location/${locationId}` } });
  if (patientId) parameter.push({ name: 'patient-reference', valueReference: { reference: `Patient/${patientId}` } });
  parameter.push({ name: '_count', valueInteger: count });
  return { resourceType: 'Parameters', parameter };
}

/**
 * The Bundle a scheduling operation answered: the Bundle itself (IHE ITI Scheduling, as Mediwox answers), or the one a
 * Parameters carries as {@code return} (how some other servers answer).
 */
export function operationBundle(answer) {
  if (answer?.resourceType === 'Bundle') return answer;
  return answer?.parameter?.find((p) => p.name === 'return')?.resource ?? null;
}

/** The proposed Appointments $find answered (start, end, provider, place), earliest first. */
export function proposals(answer, names = new Map()) {
  const bundle = operationBundle(answer);
  return (bundle?.entry ?? [])
    .map((e) => e.resource)
    .filter((r) => r?.resourceType === 'Appointment' && r.start && r.end)
    .map((r) => ({
      key: r.slot?.[0]?.reference ?? `${r.start}/${participant(r, 'PractitionerRole')}`,
      id: r.id ?? null,
      providerRef: actorOf(r, 'PractitionerRole')?.reference ?? null,
      start: r.start,
      end: r.end,
      ...whoAndWhere(r, names),
      locationId: actorOf(r, 'Location')?.reference.slice('Location/'.length) ?? null,
    }))
    .sort((a, b) => new Date(a.start) - new Date(b.start));
}

/** The link to $find's next page of proposals, or null on the last page. */
export function nextLink(answer) {
  return operationBundle(answer)?.link?.find((l) => l.relation === 'next')?.url ?? null;
}

/**
 * The times to offer: one entry per start time and place (the pool decides who, fairly, when it is booked), with how
 * many providers are free then, at most {@code limit}, earliest first.
 */
export function distinctTimes(proposed, limit = 5) {
  const times = new Map();
  for (const p of proposed) {
    const key = `${p.start}|${p.place ?? ''}`;
    if (times.has(key)) times.get(key).providers += 1;
    else times.set(key, { key, start: p.start, end: p.end, place: p.place, locationId: p.locationId, providers: 1 });
  }
  return [...times.values()].slice(0, limit);
}

/** The specialty ({@code system|code}) of an Appointment, to find other times for the same kind of visit. */
export function specialtyOf(appointment) {
  const coding = (appointment?.specialty ?? []).flatMap((c) => c.coding ?? []).find((c) => c.system && c.code);
  return coding ? `${coding.system}|${coding.code}` : null;
}

const EXPLANATION = 'https://mediwox.org/fhir/StructureDefinition/assignment-explanation';

/**
 * How the pool chose the provider of an Appointment, from its {@code assignment-explanation} extension: the method
 * ({@code rotation} or {@code urgent-earliest}), pool, pool size, turn, position (1-based), the provider assigned, who
 * was skipped and why, and the server's sentence as {@code text}. An Appointment booked before the explanation had
 * structure carries the sentence alone: then only {@code text}. Null when there is none.
 */
export function explanation(appointment) {
  const extension = appointment?.extension?.find((e) => e.url === EXPLANATION);
  if (!extension) return null;
  if (!extension.extension) return extension.valueString ? { text: extension.valueString } : null;
  const value = (parent, url) => {
    const part = parent.extension?.find((e) => e.url === url);
    return part?.valueCode ?? part?.valueString ?? part?.valueInteger ?? part?.valueReference ?? null;
  };
  return {
    method: value(extension, 'method'),
    pool: value(extension, 'pool'),
    poolSize: value(extension, 'poolSize'),
    turn: value(extension, 'turn'),
    position: value(extension, 'position'),
    assigned: value(extension, 'assigned'),
    skipped: extension.extension
      .filter((e) => e.url === 'skipped')
      .map((s) => ({ provider: value(s, 'provider'), reason: value(s, 'reason'), slot: value(s, 'slot') })),
    text: value(extension, 'text'),
  };
}

/** What $book answered: the booked Appointment, the one it replaced (a reschedule) and why this provider. */
export function bookingResult(answer) {
  const entries = operationBundle(answer)?.entry ?? [];
  const appointments = entries.map((e) => e.resource).filter((r) => r?.resourceType === 'Appointment');
  const booked = appointments.find((a) => a.status === 'booked') ?? null;
  const replaced = appointments.find((a) => a.status === 'cancelled') ?? null;
  // the explanation: IHE's outcome entry of the Bundle, or a Parameters' outcome
  const outcome =
    entries.map((e) => e.resource).find((r) => r?.resourceType === 'OperationOutcome') ??
    answer?.parameter?.find((p) => p.name === 'outcome')?.resource;
  // the explanation kept with the Appointment (also when a retry replays the booking), else what the server said (shown
  // as the general "the clinic chose": the patient never reads the server's English)
  const said =
    outcome?.issue
      ?.filter((i) => !isPayerIssue(i))
      .map((i) => i.diagnostics)
      .filter(Boolean)
      .join(' ') || null;
  const why = explanation(booked) ?? (said ? { text: said } : null);
  return { booked, replaced, why, urgent: booked?.priority === 1, payer: payerNews(booked, answer) };
}

/**
 * Names of the people and places a searchset Bundle holds (Appointments with {@code _include=Appointment:actor}):
 * {@code PractitionerRole/1} -> its practitioner's display, {@code Location/2} -> its name, {@code Practitioner/3} ->
 * the practitioner's name.
 */
export function actorNames(bundle) {
  const names = new Map();
  for (const r of (bundle?.entry ?? []).map((e) => e.resource).filter(Boolean)) {
    let name = null;
    if (r.resourceType === 'PractitionerRole') name = r.practitioner?.display ?? r.code?.[0]?.text ?? null;
    if (r.resourceType === 'Location') name = r.name ?? null;
    if (r.resourceType === 'Practitioner') {
      const n = r.name?.[0];
      name = n?.text ?? ([...(n?.prefix ?? []), ...(n?.given ?? []), n?.family].filter(Boolean).join(' ') || null);
    }
    if (name) names.set(`${r.resourceType}/${r.id}`, name);
  }
  return names;
}

/** Who and where of an Appointment: the participant's display, else the name from {@link actorNames}. */
export function whoAndWhere(appointment, names = new Map()) {
  const of = (type) => {
    const actor = actorOf(appointment, type);
    return actor ? (actor.display ?? names.get(actor.reference) ?? null) : null;
  };
  return { provider: of('PractitionerRole') ?? of('Practitioner'), place: of('Location') };
}

/**
 * Why the pool chose this provider, for a patient, from the values of the explanation ({@link explanation}): the
 * provider whose turn it was among n providers, or the next one in turn when providers before had no free time, or an
 * urgent request's earliest time; null for an explanation without structure (the app then shows its text as it is).
 */
export function fairness(why) {
  if (why?.method === 'rotation' && why.poolSize) {
    const passedOver = (why.skipped ?? []).filter((s) => !s.slot).length;
    return { key: passedOver ? 'book.whyRotationLater' : 'book.whyRotation', values: { count: why.poolSize } };
  }
  if (why?.method === 'urgent-earliest') return { key: 'book.whyUrgent', values: {} };
  return null;
}

/** The actor of an Appointment's participant of a type (PractitionerRole, Practitioner, Location), or undefined. */
function actorOf(appointment, type) {
  return appointment?.participant?.map((p) => p.actor).find((a) => a?.reference?.startsWith(`${type}/`));
}

/** The display of an Appointment's participant of a type, else its reference. */
export function participant(appointment, type) {
  const actor = actorOf(appointment, type);
  return actor ? (actor.display ?? actor.reference) : null;
}

/**
 * A hold the patient let go of before booking (they closed the review): cancelled while still held (it keeps its
 * hold-expiry) and not lapsed (a lapsed hold is coded hold-expired and listed as "Not confirmed in time"). It was never
 * an appointment, so it is not listed.
 */
export function releasedBeforeBooking(appointment) {
  if (appointment?.status !== 'cancelled' || !appointment.extension?.some((e) => e.url === HOLD_EXPIRY)) return false;
  return !(appointment.cancelationReason?.coding ?? []).some((c) => c.code === 'hold-expired');
}

/**
 * The patient's appointments (a searchset Bundle), upcoming earliest first and past latest first; holds released before
 * booking left out.
 */
export function splitAppointments(bundle, now = new Date()) {
  const appointments = (bundle?.entry ?? []).map((e) => e.resource).filter((r) => r?.resourceType === 'Appointment');
  const upcoming = [];
  const past = [];
  for (const appointment of appointments) {
    if (!appointment.start || releasedBeforeBooking(appointment)) continue;
    const active = !['cancelled', 'noshow', 'entered-in-error', 'fulfilled'].includes(appointment.status);
    (active && new Date(appointment.start) >= now ? upcoming : past).push(appointment);
  }
  upcoming.sort((a, b) => new Date(a.start) - new Date(b.start));
  past.sort((a, b) => new Date(b.start) - new Date(a.start));
  return { upcoming, past };
}

/**
 * The message of an OperationOutcome the server answered with (what a patient can act on); a refused $hold or $book
 * answers it inside a Bundle (IHE ITI-116/117), as the Bundle's only entry.
 */
export function problem(answer, fallback) {
  const outcome =
    answer?.resourceType === 'Bundle'
      ? answer.entry?.map((e) => e.resource).find((r) => r?.resourceType === 'OperationOutcome')
      : answer;
  const text = outcome?.issue
    ?.map((i) => i.diagnostics ?? i.details?.text)
    .filter(Boolean)
    .join(' ');
  return text || fallback;
}

/** What to tell the patient when $book failed: a time taken meanwhile (409) in plain words, else {@link errorMessage}. */
export function bookingError(error, language = 'en') {
  const code = refusalCode(errorBody(error));
  if (code) return t(language, refusalKey(code));
  return error?.status === 409 ? t(language, 'book.taken') : errorMessage(error, language);
}

/**
 * What to tell the patient about a failed call: the server's OperationOutcome (fhirclient's HttpError carries the
 * response body after a blank line), that the server cannot be reached, else the first line of the error ("409
 * Conflict").
 */
export function errorMessage(error, language = 'en') {
  const message = String(error?.message ?? error);
  if (/^(Failed to fetch|NetworkError|Load failed)/.test(message)) return t(language, 'state.offline');
  const code = refusalCode(errorBody(error));
  if (code) return t(language, refusalKey(code));
  // a server fault or a gateway's answer says nothing a patient can act on (and may carry internals)
  if (error?.status >= 500 || /^5\d\d /.test(message)) return t(language, 'state.serverTrouble');
  if (error?.status === 403 || /^403 /.test(message)) return t(language, 'state.notAllowed');
  const body = message.indexOf('\n\n');
  if (body >= 0) {
    try {
      // HAPI's message numbers mean nothing to a patient
      const text = problem(JSON.parse(message.slice(body + 2)), null)?.replace(/^HAPI-\d+: /, '');
      if (text) return text;
    } catch {
      // not JSON: the first line below
    }
  }
  return message.split('\n')[0];
}

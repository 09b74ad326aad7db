// My day: the signed-in practitioner's appointments of today and the coming week, grouped by the clinic's days, and
// the status changes a clinician makes on them (JSON Patch of /status with If-Match).
import { payerNews } from './coverage.js';

/** The calendar day ({@code YYYY-MM-DD}) of an instant in a time zone. */
export function dayOf(instant, timeZone) {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
    .formatToParts(new Date(instant))
    .reduce((all, p) => ({ ...all, [p.type]: p.value }), {});
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** How far a time zone is ahead of UTC at an instant, in milliseconds. */
function offset(instant, timeZone) {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  })
    .formatToParts(new Date(instant))
    .reduce((all, p) => ({ ...all, [p.type]: Number(p.value) }), {});
  const asUtc = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  return asUtc - (new Date(instant).getTime() - (new Date(instant).getTime() % 1000));
}

/** The instant a calendar day ({@code YYYY-MM-DD}) starts in a time zone (DST-safe: the offset at that midnight). */
export function startOfDay(day, timeZone) {
  const [y, m, d] = day.split('-').map(Number);
  const guess = Date.UTC(y, m - 1, d);
  const first = guess - offset(guess, timeZone);
  return new Date(guess - offset(first, timeZone));
}

/** The day {@code n} days after a calendar day. */
export function addDays(day, n) {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** The window of My day: from the start of today to the start of the eighth day, in the clinic's zone. */
export function dayWindow(now, timeZone) {
  const today = dayOf(now, timeZone);
  return { today, from: startOfDay(today, timeZone), to: startOfDay(addDays(today, 7), timeZone) };
}

/**
 * Searches read again after a change ask past HAPI's search cache, which would otherwise answer a repeated search with
 * the versions from before the change (and a status change with If-Match on such a version is refused).
 */
export const FRESH = { 'Cache-Control': 'no-cache' };

/** The search of the practitioner's appointments in the window, their patients included, read fresh. */
export function myDayQuery(roleIds, { from, to }) {
  const params = new URLSearchParams();
  params.set('actor', roleIds.map((id) => `PractitionerRole/${id}`).join(','));
  params.append('date', `ge${from.toISOString()}`);
  params.append('date', `lt${to.toISOString()}`);
  params.set('_include', 'Appointment:patient');
  params.set('_sort', 'date');
  params.set('_count', '200');
  return { url: `Appointment?${params.toString()}`, headers: FRESH };
}

/** A Patient's name as people say it: given names then family name (or the text). */
export function personName(patient) {
  const name = patient?.name?.find((n) => n.use === 'official') ?? patient?.name?.[0];
  if (!name) return null;
  return name.text ?? ([...(name.given ?? []), name.family].filter(Boolean).join(' ') || null);
}

/**
 * What a clinician sees of one appointment: when, who, why, the status, the version to change it with, and what the
 * payer said of it.
 */
export function dayEntry(appointment, patients = new Map()) {
  const patientRef = appointment.participant?.map((p) => p.actor?.reference).find((r) => r?.startsWith('Patient/'));
  const patient = patients.get(patientRef);
  const reason =
    appointment.reasonCode?.map((c) => c.text ?? c.coding?.[0]?.display).find(Boolean) ??
    appointment.description ??
    appointment.comment ??
    appointment.serviceType?.[0]?.text ??
    appointment.specialty?.[0]?.coding?.[0]?.display ??
    null;
  return {
    id: appointment.id,
    version: appointment.meta?.versionId ?? null,
    start: appointment.start,
    end: appointment.end,
    status: appointment.status,
    patientId: patientRef?.slice('Patient/'.length) ?? null,
    patientName:
      personName(patient) ?? appointment.participant?.find((p) => p.actor?.reference === patientRef)?.actor?.display,
    reason,
    urgent: appointment.priority === 1,
    payer: payerNews(appointment),
  };
}

/** Hidden from My day: what never was or no longer is a visit (a hold let go, a cancellation, an error). */
const HIDDEN = ['cancelled', 'entered-in-error', 'proposed', 'pending', 'waitlist'];

/**
 * My day from the search answer: today's appointments, and the rest of the week by day (each day in order, times in
 * order); cancelled ones and holds left out.
 */
export function groupDay(bundle, now, timeZone) {
  const resources = (bundle?.entry ?? []).map((e) => e.resource).filter(Boolean);
  const patients = new Map(resources.filter((r) => r.resourceType === 'Patient').map((p) => [`Patient/${p.id}`, p]));
  const entries = resources
    .filter((r) => r.resourceType === 'Appointment' && r.start && !HIDDEN.includes(r.status))
    .map((a) => dayEntry(a, patients))
    .sort((a, b) => new Date(a.start) - new Date(b.start));
  const today = dayOf(now, timeZone);
  const days = new Map();
  for (const entry of entries) {
    const day = dayOf(entry.start, timeZone);
    if (day === today) continue;
    if (!days.has(day)) days.set(day, []);
    days.get(day).push(entry);
  }
  return {
    today: entries.filter((e) => dayOf(e.start, timeZone) === today),
    week: [...days].map(([day, appointments]) => ({ day, appointments })),
  };
}

/**
 * The status changes a clinician may make: a booked patient arrives or does not come; one who arrived (or checked in)
 * is seen. Nothing else: the server refuses reactivating a cancelled or no-show appointment too.
 */
export function allowedActions(status) {
  if (status === 'booked') return ['arrived', 'noshow'];
  if (status === 'arrived' || status === 'checked-in') return ['fulfilled'];
  return [];
}

/** The request that changes an appointment's status: JSON Patch of /status, If-Match on the version seen. */
export function statusChange(entry, status) {
  if (!allowedActions(entry.status).includes(status)) throw new Error(`${entry.status} cannot become ${status}`);
  const headers = { 'Content-Type': 'application/json-patch+json' };
  if (entry.version) headers['If-Match'] = `W/"${entry.version}"`;
  return {
    url: `Appointment/${entry.id}`,
    method: 'PATCH',
    headers,
    body: JSON.stringify([{ op: 'replace', path: '/status', value: status }]),
  };
}

/** Whether a failed change means someone changed the appointment meanwhile (reload, then decide again). */
export function changedMeanwhile(error) {
  const status = error?.status ?? Number(/^(\d{3}) /.exec(String(error?.message ?? ''))?.[1]);
  return status === 409 || status === 412;
}

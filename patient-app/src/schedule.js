// What the patient sees of free times and of their own appointments: free times as one entry per time and place with
// the providers free then, grouped by day; never a time that overlaps one of the patient's own appointments; a second
// visit of the same kind on the same day noticed; an appointment's status in words.

/** Whether two intervals ({start, end}, ISO) overlap (touching ends do not). */
export function overlaps(a, b) {
  return new Date(a.start) < new Date(b.end) && new Date(b.start) < new Date(a.end);
}

const INACTIVE = ['cancelled', 'noshow', 'entered-in-error', 'fulfilled'];

/** The patient's appointments that still hold a time (booked, pending, arrived…). */
export function activeAppointments(appointments) {
  return (appointments ?? []).filter((a) => a?.start && a.end && !INACTIVE.includes(a.status));
}

/**
 * The times to offer from $find's proposals: one entry per start time and place (and provider, with {@code
 * perProvider}), with every provider free then ({@code providers}: name, PractitionerRole reference, proposal id),
 * earliest first; a time overlapping one of the patient's own active appointments ({@code own}) is left out, whatever
 * the server proposed.
 */
export function offeredTimes(proposed, own = [], { perProvider = false } = {}) {
  const busy = activeAppointments(own);
  const times = new Map();
  for (const p of proposed) {
    if (busy.some((a) => overlaps(a, p))) continue;
    // per provider: the patient chose among providers (by language), so each provider's time is its own entry
    const key = `${p.start}|${p.locationId ?? p.place ?? ''}${perProvider ? `|${p.providerRef}` : ''}`;
    if (!times.has(key))
      times.set(key, { key, start: p.start, end: p.end, place: p.place, locationId: p.locationId, providers: [] });
    times.get(key).providers.push({ name: p.provider, reference: p.providerRef, proposalId: p.id });
  }
  return [...times.values()].sort((a, b) => new Date(a.start) - new Date(b.start));
}

/** The calendar day (YYYY-MM-DD) of an instant in a time zone (the browser's unless given). */
export function dayOf(iso, timeZone = undefined) {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
    .formatToParts(new Date(iso))
    .reduce((all, p) => ({ ...all, [p.type]: p.value }), {});
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** Times grouped by their day in the patient's zone, days in order: [{ day: 'YYYY-MM-DD', times: [...] }]. */
export function groupByDay(times, timeZone = undefined) {
  const days = new Map();
  for (const time of times) {
    const day = dayOf(time.start, timeZone);
    if (!days.has(day)) days.set(day, []);
    days.get(day).push(time);
  }
  return [...days.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([day, list]) => ({ day, times: list }));
}

/** The specialty ({@code system|code}) of an Appointment. */
function specialtyToken(appointment) {
  const coding = (appointment?.specialty ?? []).flatMap((c) => c.coding ?? []).find((c) => c.system && c.code);
  return coding ? `${coding.system}|${coding.code}` : null;
}

/**
 * One of the patient's active appointments of the same kind of visit ({@code specialty}, system|code) on the same day
 * as {@code start} in the patient's zone, other than {@code except} (the one being moved); null when there is none.
 */
export function sameKindSameDay({ start, specialty, own = [], except = null, timeZone = undefined }) {
  const day = dayOf(start, timeZone);
  return (
    activeAppointments(own).find(
      (a) => a.id !== except && specialtyToken(a) === specialty && dayOf(a.start, timeZone) === day,
    ) ?? null
  );
}

export const HL7_CANCEL_REASON = 'http://terminology.hl7.org/CodeSystem/appointment-cancellation-reason';
export const MEDIWOX_CANCEL_REASON = 'https://mediwox.org/fhir/CodeSystem/cancellation-reason';

/** The reasons a patient may give when cancelling (HL7 appointment-cancellation-reason, the patient's own codes). */
export const PATIENT_CANCEL_REASONS = [
  { code: 'pat-fb', display: 'Patient: Feeling Better' },
  { code: 'pat-lt', display: 'Patient: Lack of Transportation' },
  { code: 'pat-ucp', display: 'Patient: Unhappy/Changed Provider' },
  { code: 'pat', display: 'Patient' },
];

/**
 * The text key of an appointment's status in words: a cancelled appointment that a reschedule replaced is "Moved"
 * (Mediwox's code {@code rescheduled}), one the patient cancelled (an HL7 {@code pat…} code) "Cancelled by you", one
 * the clinic cancelled (an HL7 provider or other code) "Cancelled by the clinic", a lapsed hold "Not confirmed in
 * time"; a cancellation without a code stays "Cancelled".
 */
export function statusKey(appointment) {
  if (appointment?.status !== 'cancelled') return `status.${appointment?.status}`;
  const codings = appointment.cancelationReason?.coding ?? [];
  const has = (system, test) => codings.some((c) => c.system === system && test(c.code ?? ''));
  if (has(MEDIWOX_CANCEL_REASON, (c) => c === 'rescheduled')) return 'status.moved';
  if (has(MEDIWOX_CANCEL_REASON, (c) => c === 'hold-expired')) return 'status.holdExpired';
  if (has(HL7_CANCEL_REASON, (c) => c === 'pat' || c.startsWith('pat-'))) return 'status.cancelledByYou';
  if (has(HL7_CANCEL_REASON, () => true)) return 'status.cancelledByClinic';
  return 'status.cancelled';
}

const VISITED = ['booked', 'arrived', 'checked-in', 'fulfilled'];

/**
 * The provider (PractitionerRole reference) of the patient's last visit of a kind ({@code specialty}, system|code):
 * the most recent past booked or attended appointment, else the next upcoming booked one; null when there is none.
 */
export function lastProvider(appointments, specialty, now = new Date()) {
  const visits = (appointments ?? [])
    .filter((a) => a?.start && VISITED.includes(a.status) && specialtyToken(a) === specialty)
    .map((a) => ({
      start: new Date(a.start),
      provider: a.participant?.map((p) => p.actor?.reference).find((r) => r?.startsWith('PractitionerRole/')),
    }))
    .filter((v) => v.provider);
  const past = visits.filter((v) => v.start < now).sort((a, b) => b.start - a.start);
  const coming = visits.filter((v) => v.start >= now).sort((a, b) => a.start - b.start);
  return (past[0] ?? coming[0])?.provider ?? null;
}

/** The languages the providers speak, once each, named in the patient's language and sorted by that name. */
export function languageChoices(roles, language) {
  const names = new Intl.DisplayNames([language], { type: 'language' });
  const codes = [...new Set((roles ?? []).flatMap((r) => r.languages ?? []))];
  return codes
    .map((code) => {
      const name = names.of(code) ?? code;
      return { code, name: name.charAt(0).toLocaleUpperCase(language) + name.slice(1) };
    })
    .sort((a, b) => a.name.localeCompare(b.name, language));
}

/** The calendar day (YYYY-MM-DD) {@code n} days after {@code day} (before it for a negative n). */
export function addDays(day, n) {
  const date = new Date(`${day}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + n);
  return date.toISOString().slice(0, 10);
}

/** Midnight at the start of a calendar day in the browser's zone (a DST change that day is the browser's to apply). */
function midnight(day) {
  const [year, month, date] = day.split('-').map(Number);
  return new Date(year, month - 1, date);
}

/**
 * The week of free times the patient looks at: seven days from {@code first} (YYYY-MM-DD in the browser's zone; none,
 * or a day before today, is today), the $find window {@code start}–{@code end} (from now on for this week, else from
 * the first day's midnight, to the midnight after the seventh day), its {@code last} day and whether it is the
 * {@code current} week (no week before it can be asked for).
 */
export function weekWindow(first, now = new Date()) {
  const today = dayOf(now.toISOString());
  const from = first && first > today ? first : today;
  return {
    first: from,
    last: addDays(from, 6),
    start: from === today ? now : midnight(from),
    end: midnight(addDays(from, 7)),
    current: from === today,
  };
}

/** The first day of the week before or after ({@code step} -1 or 1) a week, never before today. */
export function stepWeek(first, step, now = new Date()) {
  return weekWindow(addDays(weekWindow(first, now).first, 7 * step), now).first;
}

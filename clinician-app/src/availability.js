// The Availability tab's logic: who may edit what (read from the staff-role codes of the user's roles; the server
// decides), the providers to choose from, a PractitionerRole's availableTime <-> weekly hours per weekday, its
// notAvailable <-> leave, validation with messages, the PUT with If-Match, and the conflict Tasks the generation raises
// for visits booked in a new leave ("visits to move"). Pure: the screen is Availability.jsx.
import { errorBody, outcomeOf } from './booking.js';
import { FRESH, personName } from './day.js';
import { t } from './i18n.js';

export const STAFF_ROLE = 'https://mediwox.org/fhir/CodeSystem/staff-role';
export const AVAILABILITY_LOCATION = 'https://mediwox.org/fhir/StructureDefinition/availability-location';
export const SCHEDULE_MANAGEMENT = 'https://mediwox.org/fhir/CodeSystem/schedule-management';
export const CONFLICT = 'availability-conflict';
/** FHIR R4 daysOfWeek codes, Monday first. */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const STAFF_ONLY = ['front-desk', 'manager'];
/** Task statuses of a conflict still to be dealt with. */
const OPEN_TASK = ['draft', 'requested', 'received', 'accepted', 'ready', 'in-progress', 'on-hold'];
/** Appointment statuses of a visit that still takes place. */
const STILL_BOOKED = ['booked', 'pending', 'arrived', 'checked-in'];
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const idOf = (reference, type) => {
  const match = new RegExp(`(?:^|/)${type}/([A-Za-z0-9.-]+)$`).exec(reference ?? '');
  return match ? match[1] : null;
};

const staffCodes = (role) =>
  (role.code ?? [])
    .flatMap((c) => c.coding ?? [])
    .filter((c) => c.system === STAFF_ROLE)
    .map((c) => c.code);

/**
 * What the signed-in practitioner's active roles make them here: a manager (a role coded staff-role#manager) edits
 * the availability of the providers at their places — the Locations of their active roles and the Organizations of
 * their manager roles, as the server's staff rules place it; anyone else only the leave of their own roles. A hint for
 * the screen: the server's staff rules decide every write.
 */
export function staffOf(roles) {
  const active = roles.filter((r) => r?.resourceType === 'PractitionerRole' && r.active !== false);
  const managerRoles = active.filter((r) => staffCodes(r).includes('manager'));
  return {
    manager: managerRoles.length > 0,
    organizations: [...new Set(managerRoles.map((r) => idOf(r.organization?.reference, 'Organization')))].filter(
      Boolean,
    ),
    locations: [...new Set(active.flatMap((r) => (r.location ?? []).map((l) => idOf(l.reference, 'Location'))))]
      .filter(Boolean)
      .sort(),
    ownRoleIds: active.map((r) => r.id),
  };
}

const rolesQuery = (name, value) => {
  const p = new URLSearchParams();
  p.set(name, value);
  p.set('active', 'true');
  p.append('_include', 'PractitionerRole:practitioner');
  p.append('_include', 'PractitionerRole:location');
  p.set('_count', '200');
  return { url: `PractitionerRole?${p.toString()}`, headers: FRESH };
};

/**
 * The searches of the roles the screen offers: a manager's, the active roles of their manager roles' Organizations
 * and those at their roles' Locations (FHIR search cannot OR the two parameters, so two searches); anyone else's,
 * their own roles.
 */
export function providersQueries(staff, practitionerId) {
  const queries = [];
  if (staff.manager && staff.organizations?.length)
    queries.push(rolesQuery('organization', staff.organizations.map((id) => `Organization/${id}`).join(',')));
  if (staff.manager && staff.locations?.length)
    queries.push(rolesQuery('location', staff.locations.map((id) => `Location/${id}`).join(',')));
  if (!queries.length) queries.push(rolesQuery('practitioner', `Practitioner/${practitionerId}`));
  return queries;
}

/**
 * Whether a manager may edit the role, by the server's staff rules: it names one of their Locations, or an
 * Organization of their manager roles — its own organization or the managingOrganization of one of its Locations (read
 * from the included Locations).
 */
export function managesRole(staff, role, byRef = new Map()) {
  const locations = (role.location ?? []).map((l) => l.reference);
  const organizations = [
    role.organization?.reference,
    ...locations.map((ref) => byRef.get(ref)?.managingOrganization?.reference),
  ];
  return (
    locations.some((ref) => (staff.locations ?? []).includes(idOf(ref, 'Location'))) ||
    organizations.some((ref) => (staff.organizations ?? []).includes(idOf(ref, 'Organization')))
  );
}

/**
 * The roles to choose from, of one search result or several (a role found twice is listed once), named "Dr. Amara
 * Okafor — General practice, Mediwox Main Street" and sorted by that; a manager sees the providers (roles that are no
 * front desk or manager role) at their places ({@link managesRole}) only, anyone else their own roles.
 */
export function providersOf(bundles, { manager = false, staff = { organizations: [], locations: [] } } = {}) {
  const found = (Array.isArray(bundles) ? bundles : [bundles])
    .flatMap((bundle) => bundle?.entry ?? [])
    .map((e) => e.resource)
    .filter(Boolean);
  const byRef = new Map(found.map((r) => [`${r.resourceType}/${r.id}`, r]));
  const resources = [...byRef.values()];
  return resources
    .filter((r) => r.resourceType === 'PractitionerRole')
    .filter((r) => !manager || !staffCodes(r).some((c) => STAFF_ONLY.includes(c)))
    .filter((r) => !manager || managesRole(staff, r, byRef))
    .map((role) => {
      const practitioner = byRef.get(role.practitioner?.reference);
      const who =
        role.practitioner?.display ??
        (practitioner
          ? [...(practitioner.name?.[0]?.prefix ?? []), personName(practitioner)].filter(Boolean).join(' ')
          : null) ??
        `PractitionerRole/${role.id}`;
      const locations = (role.location ?? []).map((l) => ({
        reference: l.reference,
        name: byRef.get(l.reference)?.name ?? l.display ?? l.reference,
      }));
      const what = [
        role.specialty?.[0]?.coding?.[0]?.display ?? role.specialty?.[0]?.text,
        ...locations.map((l) => l.name),
      ].filter(Boolean);
      return { id: role.id, label: what.length ? `${who} — ${what.join(', ')}` : who, locations };
    })
    .sort((a, b) => a.label.localeCompare(b.label));
}

const short = (time) => (time ?? '').slice(0, 5);

/**
 * The weekly hours of {@code PractitionerRole.availableTime} per weekday: each entry's start and end ({@code HH:MM};
 * allDay is 00:00 to 24:00) on each of its days (no days: every day), with its availability-location; a day's ranges
 * in time order. Breaks are the gaps between a day's ranges, as the Slot generation reads them.
 */
export function hoursOf(availableTime = []) {
  const hours = Object.fromEntries(WEEKDAYS.map((d) => [d, []]));
  for (const entry of availableTime) {
    const days = entry.daysOfWeek?.length ? entry.daysOfWeek : WEEKDAYS;
    const location =
      (entry.extension ?? []).find((e) => e.url === AVAILABILITY_LOCATION)?.valueReference?.reference ?? '';
    const start = entry.allDay ? '00:00' : short(entry.availableStartTime);
    const end = entry.allDay ? '24:00' : short(entry.availableEndTime);
    for (const day of days) if (hours[day]) hours[day].push({ start, end, location });
  }
  for (const day of WEEKDAYS) hours[day].sort((a, b) => a.start.localeCompare(b.start));
  return hours;
}

/**
 * The availableTime of weekly hours: one entry per distinct start, end and location, with the days that have it (in
 * week order), entries ordered by their first day and start. 00:00 to 24:00 is written allDay.
 */
export function availableTimeOf(hours) {
  const entries = new Map();
  for (const day of WEEKDAYS) {
    for (const range of [...(hours[day] ?? [])].sort((a, b) => a.start.localeCompare(b.start))) {
      const key = `${range.start}|${range.end}|${range.location ?? ''}`;
      if (!entries.has(key)) entries.set(key, { range, days: [] });
      entries.get(key).days.push(day);
    }
  }
  return [...entries.values()]
    .sort(
      (a, b) => WEEKDAYS.indexOf(a.days[0]) - WEEKDAYS.indexOf(b.days[0]) || a.range.start.localeCompare(b.range.start),
    )
    .map(({ range, days }) => {
      const entry = {};
      if (range.location)
        entry.extension = [{ url: AVAILABILITY_LOCATION, valueReference: { reference: range.location } }];
      entry.daysOfWeek = days;
      if (range.start === '00:00' && range.end === '24:00') entry.allDay = true;
      else {
        entry.availableStartTime = `${range.start}:00`;
        entry.availableEndTime = `${range.end}:00`;
      }
      return entry;
    });
}

/** Whether two weekly hours are the same (same ranges on the same days, in any order). */
export function sameHours(a, b) {
  const canonical = (hours) =>
    WEEKDAYS.map((d) =>
      (hours[d] ?? [])
        .map((r) => `${r.start}-${r.end}@${r.location ?? ''}`)
        .sort()
        .join(','),
    ).join(';');
  return canonical(a) === canonical(b);
}

/** The breaks of a day: the gaps between its ranges (at the same location or not). */
export function breaksOf(ranges) {
  const sorted = [...ranges].filter((r) => TIME.test(r.start)).sort((a, b) => a.start.localeCompare(b.start));
  const breaks = [];
  for (let i = 1; i < sorted.length; i++) {
    const before = sorted[i - 1].end;
    if (before < sorted[i].start) breaks.push({ start: before, end: sorted[i].start });
  }
  return breaks;
}

/** A day's range whose end is not after its start, or two ranges of a day that overlap, with what to fix. */
export function validateHours(hours) {
  const problems = [];
  for (const day of WEEKDAYS) {
    const ranges = hours[day] ?? [];
    ranges.forEach((range, index) => {
      if (!TIME.test(range.start ?? '')) problems.push({ day, index, field: 'start', key: 'availability.badStart' });
      else if (!(TIME.test(range.end ?? '') || range.end === '24:00'))
        problems.push({ day, index, field: 'end', key: 'availability.badEnd' });
      else if (range.end <= range.start)
        problems.push({ day, index, field: 'end', key: 'availability.endBeforeStart', values: { ...range } });
    });
    const ordered = ranges
      .map((range, index) => ({ ...range, index }))
      .filter((r) => TIME.test(r.start) && r.end > r.start)
      .sort((a, b) => a.start.localeCompare(b.start));
    for (let i = 1; i < ordered.length; i++) {
      const [a, b] = [ordered[i - 1], ordered[i]];
      if (b.start < a.end)
        problems.push({
          day,
          index: b.index,
          field: 'start',
          key: 'availability.overlap',
          values: { start: b.start, end: b.end, otherStart: a.start, otherEnd: a.end },
        });
    }
  }
  return problems;
}

/**
 * The leave of {@code PractitionerRole.notAvailable}: description and period; a period of dates (no times) is whole
 * days, as the Slot generation reads it. Each keeps the component it came from, so saving writes it back unchanged.
 */
export function leaveOf(notAvailable = []) {
  return notAvailable.map((entry, index) => ({
    key: `stored-${index}`,
    description: entry.description ?? '',
    start: entry.during?.start ?? null,
    end: entry.during?.end ?? null,
    wholeDays: DATE.test(entry.during?.start ?? '') && (!entry.during?.end || DATE.test(entry.during.end)),
    original: entry,
  }));
}

/** What is wrong with a new leave of whole days ({@code from}/{@code to}: {@code YYYY-MM-DD}, both included). */
export function validateLeave({ description, from, to }) {
  const problems = [];
  if (!description?.trim()) problems.push({ field: 'description', key: 'leave.noDescription' });
  if (!DATE.test(from ?? '')) problems.push({ field: 'from', key: 'leave.noFrom' });
  if (!DATE.test(to ?? '')) problems.push({ field: 'to', key: 'leave.noTo' });
  else if (DATE.test(from ?? '') && to < from)
    problems.push({ field: 'to', key: 'leave.endBeforeStart', values: { from, to } });
  return problems;
}

let counter = 0;

/** A new leave of whole days, from the first day to the last, both included. */
export function newLeave({ description, from, to }) {
  counter += 1;
  return {
    key: `new-${counter}`,
    description: description.trim(),
    start: from,
    end: to,
    wholeDays: true,
    original: null,
  };
}

/** The screen's form of a role: its weekly hours and its leave. */
export function formOf(role) {
  return { hours: hoursOf(role?.availableTime), leave: leaveOf(role?.notAvailable) };
}

/**
 * The role to PUT: the role as read with the form's hours and leave. Hours the form did not change keep their stored
 * availableTime as it was (a practitioner may change only the leave of their own role: the server compares), and so
 * does each stored leave kept.
 */
export function roleToSave(role, form) {
  const next = structuredClone(role);
  if (!sameHours(hoursOf(role.availableTime), form.hours)) {
    const availableTime = availableTimeOf(form.hours);
    if (availableTime.length) next.availableTime = availableTime;
    else delete next.availableTime;
  }
  const notAvailable = form.leave.map(
    (l) => l.original ?? { description: l.description, during: { start: l.start, end: l.end } },
  );
  if (notAvailable.length) next.notAvailable = notAvailable;
  else delete next.notAvailable;
  delete next.meta;
  return next;
}

/** The standard FHIR update of the role, on the version read ({@code If-Match}: a change meanwhile is a 412). */
export function saveRequest(role, form) {
  const headers = { 'Content-Type': 'application/fhir+json' };
  if (role.meta?.versionId) headers['If-Match'] = `W/"${role.meta.versionId}"`;
  return {
    url: `PractitionerRole/${role.id}`,
    method: 'PUT',
    headers,
    body: JSON.stringify(roleToSave(role, form)),
  };
}

/** Whether a save failed because the role was changed meanwhile (412: the version read is no longer the latest). */
export function changedMeanwhile(error) {
  const status = error?.status ?? Number(/^(\d{3}) /.exec(String(error?.message ?? ''))?.[1]);
  return status === 412;
}

/**
 * What to tell the user of a failed read or save: a 412 as changed by someone else, a lost connection or a server
 * fault in plain words (never its internals), anything else as the server's OperationOutcome says it (the staff
 * rules' refusal, a validation error) without HAPI's message numbers.
 */
export function availabilityError(error, language) {
  const message = String(error?.message ?? error);
  if (/^(Failed to fetch|NetworkError|Load failed)/.test(message)) return t(language, 'state.offline');
  if (changedMeanwhile(error)) return t(language, 'availability.changed');
  const status = error?.status ?? Number(/^(\d{3}) /.exec(message)?.[1]);
  if (status >= 500) return t(language, 'state.serverTrouble');
  const said = outcomeOf(errorBody(error))
    ?.issue?.map((i) => i.diagnostics ?? i.details?.text)
    .filter(Boolean)
    .join(' ')
    .replace(/^HAPI-\d+: /, '');
  if (said) return said;
  if (status === 403) return t(language, 'state.notAllowed');
  return message.split('\n')[0];
}

/**
 * The conflict Tasks (code schedule-management#availability-conflict) still open for visits with this role, their
 * Appointment and patient included, read fresh: the Slot generation raises one per visit booked in time the provider no
 * longer works.
 */
export function conflictQuery(roleId) {
  const p = new URLSearchParams();
  p.set('code', `${SCHEDULE_MANAGEMENT}|${CONFLICT}`);
  p.set('status', OPEN_TASK.join(','));
  p.set('focus:Appointment.actor', `PractitionerRole/${roleId}`);
  p.append('_include', 'Task:focus');
  p.append('_include', 'Task:patient');
  p.set('_count', '100');
  return { url: `Task?${p.toString()}`, headers: FRESH };
}

/** The visits to move: each open conflict Task's Appointment still booked, with its patient and time, earliest first. */
export function visitsToMove(bundle) {
  const resources = (bundle?.entry ?? []).map((e) => e.resource).filter(Boolean);
  const byRef = new Map(resources.map((r) => [`${r.resourceType}/${r.id}`, r]));
  const seen = new Set();
  return resources
    .filter((r) => r.resourceType === 'Task' && OPEN_TASK.includes(r.status))
    .map((task) => ({ task, appointment: byRef.get(task.focus?.reference) }))
    .filter(({ appointment }) => appointment && STILL_BOOKED.includes(appointment.status) && appointment.start)
    .filter(({ appointment }) => !seen.has(appointment.id) && seen.add(appointment.id))
    .map(({ task, appointment }) => {
      const patientRef =
        task.for?.reference ??
        appointment.participant?.map((p) => p.actor?.reference).find((r) => r?.startsWith('Patient/'));
      return {
        taskId: task.id,
        appointmentId: appointment.id,
        patientName:
          personName(byRef.get(patientRef)) ??
          appointment.participant?.find((p) => p.actor?.reference === patientRef)?.actor?.display ??
          null,
        start: appointment.start,
        end: appointment.end,
      };
    })
    .sort((a, b) => new Date(a.start) - new Date(b.start));
}

// The FHIR exchanges of booking: $book into a provider pool (one tap, an Idempotency-Key so that a double tap or a
// retry books once), reading what was booked and why, the patient's appointments, cancel and reschedule.

/** A new Idempotency-Key for one booking attempt (kept for its retries). */
export function newIdempotencyKey() {
  return globalThis.crypto.randomUUID();
}

/** The Parameters of Appointment/$book into the pool of a specialty (and location), optionally urgent or a reschedule. */
export function bookParameters({ patientId, specialty, locationId, urgent = false, start, end, replaces }) {
  if (!patientId) throw new Error('patientId is required');
  if (!specialty) throw new Error('specialty is required');
  const parameter = [
    { name: 'patient-reference', valueReference: { reference: `Patient/${patientId}` } },
    { name: 'specialty', valueString: specialty },
  ];
  if (locationId) parameter.push({ name: 'location-reference', valueReference: { reference: `Location/${locationId}` } });
  if (start) parameter.push({ name: 'start', valueDateTime: start });
  if (end) parameter.push({ name: 'end', valueDateTime: end });
  parameter.push({ name: 'priority', valueString: urgent ? 'urgent' : 'routine' });
  if (replaces) parameter.push({ name: 'cancelled-appt-id', valueString: replaces });
  return { resourceType: 'Parameters', parameter };
}

/** What $book answered: the booked Appointment, the one it replaced (a reschedule) and why this provider. */
export function bookingResult(parameters) {
  const byName = (name) => parameters?.parameter?.find((p) => p.name === name);
  const entries = byName('return')?.resource?.entry ?? [];
  const appointments = entries.map((e) => e.resource).filter((r) => r?.resourceType === 'Appointment');
  const booked = appointments.find((a) => a.status === 'booked') ?? null;
  const replaced = appointments.find((a) => a.status === 'cancelled') ?? null;
  const outcome = byName('outcome')?.resource;
  const why = outcome?.issue?.map((i) => i.diagnostics).filter(Boolean).join(' ')
    || booked?.extension?.find((e) => e.url === 'https://mediwox.org/fhir/StructureDefinition/assignment-explanation')
      ?.valueString
    || null;
  return { booked, replaced, why, urgent: booked?.priority === 1 };
}

/** The display of an Appointment's participant of a type (PractitionerRole, Practitioner, Location). */
export function participant(appointment, type) {
  const actor = appointment?.participant?.map((p) => p.actor).find((a) => a?.reference?.startsWith(`${type}/`));
  return actor ? actor.display ?? actor.reference : null;
}

/** The patient's appointments (a searchset Bundle), upcoming earliest first and past latest first. */
export function splitAppointments(bundle, now = new Date()) {
  const appointments = (bundle?.entry ?? []).map((e) => e.resource).filter((r) => r?.resourceType === 'Appointment');
  const upcoming = [];
  const past = [];
  for (const appointment of appointments) {
    if (!appointment.start) continue;
    const active = !['cancelled', 'noshow', 'entered-in-error', 'fulfilled'].includes(appointment.status);
    (active && new Date(appointment.start) >= now ? upcoming : past).push(appointment);
  }
  upcoming.sort((a, b) => new Date(a.start) - new Date(b.start));
  past.sort((a, b) => new Date(b.start) - new Date(a.start));
  return { upcoming, past };
}

/** The message of an OperationOutcome the server answered with (what a patient can act on). */
export function problem(outcome, fallback) {
  const text = outcome?.issue?.map((i) => i.diagnostics ?? i.details?.text).filter(Boolean).join(' ');
  return text || fallback;
}

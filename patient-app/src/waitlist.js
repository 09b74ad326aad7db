// The waiting list in the patient's appointments: "tell me if something earlier opens" for a booked appointment.
// The server keeps it as Appointments: an entry (status waitlist) and, when an earlier time is free, an offer (a held,
// pending Appointment with its hold-expiry), both naming the booked appointment in the extension waitlist-for. The app
// reads them from the patient's own appointment list, joins with Appointment/[id]/$waitlist, takes an offer with one
// $book (appointment-reference = the offer, cancelled-appt-id = the booked one) and declines or leaves by $cancel.

export const WAITLIST_FOR = 'https://mediwox.org/fhir/StructureDefinition/waitlist-for';
export const HOLD_EXPIRY = 'https://mediwox.org/fhir/StructureDefinition/hold-expiry';

const json = { 'Content-Type': 'application/fhir+json' };

/** The id of the booked Appointment an entry or offer is for, or null. */
export function waitlistFor(appointment) {
  const reference = appointment?.extension?.find((e) => e.url === WAITLIST_FOR)?.valueReference?.reference;
  const match = /^(?:.*\/)?Appointment\/([^/]+)/.exec(reference ?? '');
  return match ? match[1] : null;
}

/** Until when an offer is held (a Date), or null. */
export function heldUntil(offer) {
  const at = offer?.extension?.find((e) => e.url === HOLD_EXPIRY)?.valueInstant;
  return at ? new Date(at) : null;
}

/**
 * The waiting list of each booked appointment, from the patient's appointments (a searchset Bundle): a Map from the
 * booked Appointment's id to { entry, offer } — the waiting entry, and the open offer (held and not lapsed) if any.
 */
export function waitlistByBooked(bundle, now = new Date()) {
  const byBooked = new Map();
  const slot = (id) => {
    if (!byBooked.has(id)) byBooked.set(id, { entry: null, offer: null });
    return byBooked.get(id);
  };
  for (const resource of (bundle?.entry ?? []).map((e) => e.resource)) {
    if (resource?.resourceType !== 'Appointment') continue;
    const booked = waitlistFor(resource);
    if (!booked) continue;
    if (resource.status === 'waitlist') slot(booked).entry = resource;
    const until = heldUntil(resource);
    if (resource.status === 'pending' && until && until > now) slot(booked).offer = resource;
  }
  return byBooked;
}

/** Whether an appointment is one of the waiting list's own (an entry or an offer), not a visit of its own. */
export function isWaitlistAppointment(appointment) {
  return waitlistFor(appointment) !== null && ['waitlist', 'pending'].includes(appointment.status);
}

/** Joins the waiting list for the booked appointment; answers the entry. */
export function joinWaitlist(client, bookedId) {
  return client.request({
    url: `Appointment/${bookedId}/$waitlist`,
    method: 'POST',
    headers: json,
    body: JSON.stringify({ resourceType: 'Parameters' }),
  });
}

/** Cancels an entry (leaving the list) or an offer (no thanks: the next waiting patient may get it). */
export function cancelWaitlistAppointment(client, id) {
  return client.request({
    url: `Appointment/${id}/$cancel`,
    method: 'POST',
    headers: json,
    body: JSON.stringify({ resourceType: 'Parameters' }),
  });
}

/** The $book parameters that take an offer: the held offer booked, the booked appointment moved (cancelled). */
export function takeOfferParameters({ patientId, offerId, bookedId }) {
  return {
    resourceType: 'Parameters',
    parameter: [
      { name: 'patient-reference', valueReference: { reference: `Patient/${patientId}` } },
      { name: 'appointment-reference', valueReference: { reference: `Appointment/${offerId}` } },
      { name: 'cancelled-appt-id', valueString: bookedId },
    ],
  };
}
